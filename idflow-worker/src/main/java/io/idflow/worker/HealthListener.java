package io.idflow.worker;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds {@link RunnerHealth} from runner events. Thread-safe. */
final class HealthListener implements RunnerListener {

  private record PollState(boolean ok, Instant at, String error) {}

  private final Collection<String> taskTypes;
  private final Map<String, PollState> polls = new ConcurrentHashMap<>();
  private final Map<String, Boolean> paused = new ConcurrentHashMap<>();
  private final Map<String, java.util.Set<String>> undelivered = new ConcurrentHashMap<>();

  HealthListener(Collection<String> taskTypes) {
    this.taskTypes = java.util.List.copyOf(taskTypes);
  }

  @Override
  public void onEvent(RunnerEvent event) {
    if (event instanceof RunnerEvent.PollSucceeded p) {
      polls.put(p.taskType(), new PollState(true, Instant.now(), null));
    } else if (event instanceof RunnerEvent.PollFailed p) {
      String error = p.error().getMessage() == null ? p.error().toString() : p.error().getMessage();
      polls.put(p.taskType(), new PollState(false, Instant.now(), error));
    } else if (event instanceof RunnerEvent.PauseChanged p) {
      paused.put(p.taskType(), p.paused());
    } else if (event instanceof RunnerEvent.ResultKept k) {
      undelivered.computeIfAbsent(k.taskType(), t -> ConcurrentHashMap.newKeySet()).add(k.taskId());
    } else if (event instanceof RunnerEvent.ResultDelivered d) {
      undelivered.getOrDefault(d.taskType(), java.util.Set.of()).remove(d.taskId());
    } else if (event instanceof RunnerEvent.ResultNotReported r) {
      undelivered.getOrDefault(r.taskType(), java.util.Set.of()).remove(r.taskId());
    }
  }

  RunnerHealth snapshot(TaskRunner.State state) {
    Map<String, RunnerHealth.Worker> workers = new LinkedHashMap<>();
    boolean ready = state == TaskRunner.State.RUNNING;
    for (String type : taskTypes) {
      PollState p = polls.get(type);
      RunnerHealth.Status status;
      if (Boolean.TRUE.equals(paused.get(type))) {
        status = RunnerHealth.Status.PAUSED;
      } else if (p == null) {
        status = RunnerHealth.Status.STARTING;
        ready = false;
      } else if (p.ok()) {
        status = RunnerHealth.Status.POLLING;
      } else {
        status = RunnerHealth.Status.FAILING;
        ready = false;
      }
      workers.put(
          type,
          new RunnerHealth.Worker(
              status,
              p == null ? null : p.at(),
              status == RunnerHealth.Status.FAILING ? p.error() : null,
              undelivered.getOrDefault(type, java.util.Set.of()).size()));
    }
    return new RunnerHealth(ready, state, workers);
  }
}

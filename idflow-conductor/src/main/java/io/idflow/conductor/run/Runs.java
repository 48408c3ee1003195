package io.idflow.conductor.run;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.netflix.conductor.common.metadata.workflow.RerunWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import io.idflow.api.IdflowException;
import io.idflow.api.InvalidRequestException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Start, read, await, follow, search, control and signal runs of workflows on Conductor, without
 * HTTP calls:
 *
 * <pre>{@code
 * try (Runs runs = Runs.connect(config)) {
 *   String id = runs.start(StartRequest.of("greet").withInput(Map.of("name", "Ada")));
 *   Run done = runs.await(id, Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Reads poll Conductor; {@link #follow} and {@link #await} wait between reads from {@link
 * #minPoll()} (100 ms) growing by half up to {@link #maxPoll()} (2 s), and start again from the
 * minimum whenever the run changed. Thread-safe: every call is independent.
 *
 * <p>Failures are typed: {@link RunNotFoundException}, {@link WorkflowNotFoundException}, {@link
 * RunStateException}, {@link RunTimeoutException}, {@link InvalidRequestException} for other
 * requests Conductor refuses, {@link io.idflow.api.ConductorUnavailableException} when it cannot be
 * reached; anything else Conductor answers is an {@link IdflowException} with its message.
 */
public final class Runs implements AutoCloseable {

  private static final int MAX_DEPTH = 8;

  private final IdflowConductorClient client;
  private final boolean ownsClient;
  private final WorkflowClient workflows;
  private final TaskClient tasks;
  private final Duration minPoll;
  private final Duration maxPoll;

  private Runs(IdflowConductorClient client, boolean owns, Duration minPoll, Duration maxPoll) {
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = owns;
    this.workflows = new WorkflowClient(client);
    this.tasks = new TaskClient(client);
    this.minPoll = minPoll;
    this.maxPoll = maxPoll;
  }

  /** Runs on a client the caller owns ({@link #close()} leaves it open). */
  public static Runs on(IdflowConductorClient client) {
    return new Runs(client, false, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /** Runs on a new client for the configuration's server; {@link #close()} releases it. */
  public static Runs connect(IdflowConfig config) {
    return new Runs(
        ConductorClients.create(config), true, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /**
   * The same runs with other poll intervals for {@link #follow} and {@link #await}.
   *
   * @param min the first wait, and the wait after a change (more than zero)
   * @param max the longest wait (at least {@code min})
   */
  public Runs withPolling(Duration min, Duration max) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("polling: need 0 < min <= max, got " + min + ", " + max);
    }
    return new Runs(client, false, min, max);
  }

  /** The first wait between two reads. */
  public Duration minPoll() {
    return minPoll;
  }

  /** The longest wait between two reads. */
  public Duration maxPoll() {
    return maxPoll;
  }

  /** The server URL, e.g. {@code http://localhost:8080}. */
  public String serverUrl() {
    return client.serverUrl();
  }

  /**
   * Starts a run.
   *
   * @return the new run's id
   * @throws WorkflowNotFoundException when Conductor has no such workflow (version)
   */
  public String start(StartRequest request) {
    StartWorkflowRequest req = new StartWorkflowRequest();
    req.setName(request.name());
    req.setVersion(request.version());
    req.setInput(new HashMap<>(request.input()));
    req.setCorrelationId(request.correlationId());
    try {
      return workflows.startWorkflow(req);
    } catch (ConductorClientException e) {
      if (e.getStatus() == 404) {
        throw new WorkflowNotFoundException(request.name(), request.version(), e);
      }
      throw refused("start " + request.name(), null, e);
    }
  }

  /**
   * Reads a run with its tasks as a tree; sub-workflows are read too.
   *
   * @throws RunNotFoundException when no run has this id
   */
  public Run get(String runId) {
    return get(runId, 0);
  }

  private Run get(String runId, int depth) {
    Workflow w = call("read", runId, () -> workflows.getWorkflow(runId, true));
    if (w == null) {
      throw new RunNotFoundException(runId, null);
    }
    return toRun(w, depth);
  }

  /**
   * Waits until the run ends.
   *
   * @param timeout how long to wait at most
   * @return the ended run
   * @throws RunTimeoutException when the run has not ended within the time-out (it goes on)
   * @throws RunNotFoundException when no run has this id
   */
  public Run await(String runId, Duration timeout) {
    Run last = null;
    for (var it = follow(runId, timeout).iterator(); it.hasNext(); ) {
      last = it.next();
    }
    return last;
  }

  /**
   * The run as a stream of changes: its state now, then each new state that differs from the one
   * before, until (and including) the state in which it ended. The stream reads Conductor lazily,
   * as it is consumed, and never ends while the run goes on; bound it with {@link #follow(String,
   * Duration)} or a short-circuiting operation.
   *
   * @throws RunNotFoundException (when consumed) if no run has this id
   */
  public Stream<Run> follow(String runId) {
    return follow(runId, null);
  }

  /**
   * Like {@link #follow(String)}, but the stream throws {@link RunTimeoutException} when the run
   * has not ended within the time-out.
   */
  public Stream<Run> follow(String runId, Duration timeout) {
    Follower f = new Follower(runId, timeout);
    return StreamSupport.stream(f, false);
  }

  private final class Follower extends Spliterators.AbstractSpliterator<Run> {
    private final String runId;
    private final Duration timeout;
    private final long deadline;
    private Run last;
    private boolean done;
    private Duration pause = minPoll;

    Follower(String runId, Duration timeout) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.runId = runId;
      this.timeout = timeout;
      this.deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    }

    @Override
    public boolean tryAdvance(Consumer<? super Run> action) {
      if (done) {
        return false;
      }
      while (true) {
        if (last != null) {
          sleep();
        }
        Run now = get(runId);
        boolean changed = !now.equals(last);
        last = now;
        if (now.status().isEnded()) {
          done = true;
        }
        if (changed) {
          pause = minPoll;
          action.accept(now);
          return true;
        }
        if (timeout != null && System.nanoTime() - deadline >= 0) {
          done = true;
          throw new RunTimeoutException(now, timeout);
        }
        pause = pause.multipliedBy(3).dividedBy(2);
        if (pause.compareTo(maxPoll) > 0) {
          pause = maxPoll;
        }
      }
    }

    private void sleep() {
      long nanos = pause.toNanos();
      if (timeout != null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          done = true;
          throw new RunTimeoutException(last, timeout);
        }
        nanos = Math.min(nanos, left);
      }
      try {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IdflowException("interrupted while following run " + runId, e);
      }
    }
  }

  /** Runs that match the query, newest first. */
  public List<RunSummary> search(RunQuery query) {
    SearchResult<WorkflowSummary> found =
        call(
            "search",
            null,
            () ->
                workflows.search(0, query.limit(), "startTime:DESC", "*", query.conductorQuery()));
    List<RunSummary> out = new ArrayList<>();
    if (found == null || found.getResults() == null) {
      return out;
    }
    for (WorkflowSummary s : found.getResults()) {
      out.add(
          new RunSummary(
              s.getWorkflowId(),
              s.getWorkflowType(),
              s.getVersion(),
              RunStatus.valueOf(s.getStatus().name()),
              blankToNull(s.getCorrelationId()),
              instant(s.getStartTime()),
              instant(s.getEndTime()),
              blankToNull(s.getReasonForIncompletion())));
    }
    return out;
  }

  /**
   * Terminates a run that has not ended; its tasks in progress are cancelled.
   *
   * @param reason recorded as the run's reason, or null
   * @throws RunStateException when the run has ended
   */
  public void terminate(String runId, String reason) {
    Run r = get(runId);
    if (r.status().isEnded()) {
      throw wrongState(r, "terminate", "it has ended");
    }
    call("terminate", runId, () -> run(() -> workflows.terminateWorkflow(runId, reason)));
  }

  /**
   * Pauses a running run: tasks in progress finish, no new ones are scheduled until {@link
   * #resume}.
   *
   * @throws RunStateException unless the run is RUNNING
   */
  public void pause(String runId) {
    Run r = get(runId);
    if (r.status() != RunStatus.RUNNING) {
      throw wrongState(r, "pause", "only a RUNNING run can be paused");
    }
    call("pause", runId, () -> run(() -> workflows.pauseWorkflow(runId)));
  }

  /**
   * Resumes a paused run.
   *
   * @throws RunStateException unless the run is PAUSED
   */
  public void resume(String runId) {
    Run r = get(runId);
    if (r.status() != RunStatus.PAUSED) {
      throw wrongState(r, "resume", "only a PAUSED run can be resumed");
    }
    call("resume", runId, () -> run(() -> workflows.resumeWorkflow(runId)));
  }

  /**
   * Retries a run that ended FAILED, TIMED_OUT or TERMINATED from its last failed task; the run
   * keeps its id and goes on.
   *
   * @throws RunStateException unless the run ended unsuccessfully
   */
  public void retry(String runId) {
    Run r = get(runId);
    if (!r.status().isUnsuccessful()) {
      throw wrongState(r, "retry", "only a FAILED, TIMED_OUT or TERMINATED run can be retried");
    }
    call("retry", runId, () -> run(() -> workflows.retryLastFailedTask(runId)));
  }

  /**
   * Restarts an ended run from its first task with its original input; the run keeps its id.
   *
   * @param useLatestDefinition run the workflow's latest version instead of the run's own
   * @throws RunStateException unless the run has ended
   */
  public void restart(String runId, boolean useLatestDefinition) {
    Run r = get(runId);
    if (!r.status().isEnded()) {
      throw wrongState(r, "restart", "only an ended run can be restarted");
    }
    call("restart", runId, () -> run(() -> workflows.restart(runId, useLatestDefinition)));
  }

  /**
   * Reruns an ended run from its first task, optionally with other input; the run keeps its id.
   *
   * @param input the new input, or null to keep the run's input
   * @return the id of the rerun (the same id)
   * @throws RunStateException unless the run has ended
   */
  public String rerun(String runId, Map<String, Object> input) {
    Run r = get(runId);
    if (!r.status().isEnded()) {
      throw wrongState(r, "rerun", "only an ended run can be rerun");
    }
    RerunWorkflowRequest req = new RerunWorkflowRequest();
    req.setReRunFromWorkflowId(runId);
    if (input != null) {
      req.setWorkflowInput(new HashMap<>(input));
    }
    return call("rerun", runId, () -> workflows.rerunWorkflow(runId, req));
  }

  /**
   * Ends a run's waiting WAIT or HUMAN task (also inside a fork branch or a sub-workflow), so that
   * the run goes on with {@code data} as the task's output.
   *
   * @param taskRef the waiting task's reference name, or null when exactly one task waits
   * @param status how the task ends
   * @param data the task's output (null: empty)
   * @return the task that was signalled
   * @throws RunStateException when the run has ended, or no (or not that) task waits
   * @throws InvalidRequestException when several tasks wait and no reference was given, or the run
   *     has no task of that reference name
   */
  public SignalledTask signal(
      String runId, String taskRef, SignalStatus status, Map<String, Object> data) {
    Objects.requireNonNull(status, "status");
    Run r = get(runId);
    if (r.status().isEnded()) {
      throw wrongState(r, "signal", "nothing in it waits for a signal");
    }
    List<Run.WaitingTask> waiting = r.waitingTasks();
    Run.WaitingTask target;
    if (taskRef == null) {
      if (waiting.isEmpty()) {
        throw wrongState(r, "signal", "no WAIT or HUMAN task in it is in progress");
      }
      if (waiting.size() > 1) {
        throw new InvalidRequestException(
            "run "
                + runId
                + " has several tasks waiting for a signal, name one: "
                + String.join(", ", waiting.stream().map(w -> w.task().ref()).toList()));
      }
      target = waiting.get(0);
    } else {
      target =
          waiting.stream().filter(w -> w.task().ref().equals(taskRef)).findFirst().orElse(null);
      if (target == null) {
        RunTask known =
            r.allTasks().stream().filter(t -> t.ref().equals(taskRef)).findFirst().orElse(null);
        if (known == null) {
          throw new InvalidRequestException(
              "run "
                  + runId
                  + " has no task "
                  + taskRef
                  + (waiting.isEmpty()
                      ? ""
                      : " (waiting: "
                          + String.join(", ", waiting.stream().map(w -> w.task().ref()).toList())
                          + ")"));
        }
        throw new RunStateException(
            "cannot signal task "
                + taskRef
                + " of run "
                + runId
                + ": it is a "
                + known.type()
                + " task in status "
                + known.status()
                + ", not a WAIT or HUMAN task in progress",
            null);
      }
    }
    TaskResult result = new TaskResult();
    result.setWorkflowInstanceId(target.runId());
    result.setTaskId(target.task().taskId());
    result.setStatus(TaskResult.Status.valueOf(status.name()));
    result.setOutputData(data == null ? new HashMap<>() : new HashMap<>(data));
    if (status != SignalStatus.COMPLETED) {
      result.setReasonForIncompletion("signalled " + status);
    }
    call("signal", target.runId(), () -> run(() -> tasks.updateTask(result)));
    return new SignalledTask(
        target.runId(), target.task().ref(), target.task().type(), target.task().taskId(), status);
  }

  /** Releases the client if this instance created it ({@link #connect}). */
  @Override
  public void close() {
    if (ownsClient) {
      client.shutdown();
    }
  }

  // --- conversion -------------------------------------------------------------------------------

  private Run toRun(Workflow w, int depth) {
    List<Task> all = w.getTasks() == null ? List.of() : w.getTasks();
    Map<String, Branch> owners = owners(all);
    Set<String> forks = new HashSet<>();
    for (Task t : all) {
      if (isFork(t)) {
        forks.add(base(t.getReferenceTaskName()));
      }
    }
    List<RunTask> top = build(all, null, owners, forks, depth);
    return new Run(
        w.getWorkflowId(),
        w.getWorkflowName(),
        w.getWorkflowVersion(),
        RunStatus.valueOf(w.getStatus().name()),
        blankToNull(w.getCorrelationId()),
        blankToNull(w.getParentWorkflowId()),
        w.getInput(),
        w.getOutput(),
        blankToNull(w.getReasonForIncompletion()),
        instant(w.getStartTime()),
        instant(w.getEndTime()),
        top);
  }

  /** Which fork branch a task belongs to. */
  private record Branch(String fork, int index) {}

  private static boolean isFork(Task t) {
    return "FORK".equals(t.getTaskType())
        || "FORK_JOIN".equals(t.getTaskType())
        || "FORK_JOIN_DYNAMIC".equals(t.getTaskType());
  }

  /**
   * The nearest fork branch of each task reference. Forks are met in the order they were scheduled,
   * so a nested fork (scheduled after its outer one) overrides the outer owner.
   */
  private static Map<String, Branch> owners(List<Task> all) {
    Map<String, Branch> owners = new HashMap<>();
    for (Task t : all) {
      if (!isFork(t)) {
        continue;
      }
      String fork = base(t.getReferenceTaskName());
      WorkflowTask wt = t.getWorkflowTask();
      if ("FORK_JOIN_DYNAMIC".equals(t.getTaskType())
          || (wt != null && (wt.getForkTasks() == null || wt.getForkTasks().isEmpty()))) {
        Object forked = t.getInputData() == null ? null : t.getInputData().get("forkedTasks");
        if (forked instanceof Collection<?> refs) {
          int i = 0;
          for (Object ref : refs) {
            owners.put(String.valueOf(ref), new Branch(fork, i++));
          }
        }
      } else if (wt != null) {
        List<List<WorkflowTask>> branches = wt.getForkTasks();
        for (int i = 0; i < branches.size(); i++) {
          Set<String> refs = new HashSet<>();
          for (WorkflowTask bt : branches.get(i)) {
            refs(bt, refs);
          }
          for (String ref : refs) {
            owners.put(ref, new Branch(fork, i));
          }
        }
      }
    }
    return owners;
  }

  /** Every reference name a workflow task holds, nested ones included. */
  private static void refs(WorkflowTask wt, Set<String> into) {
    into.add(wt.getTaskReferenceName());
    for (WorkflowTask child : wt.collectTasks()) {
      into.add(child.getTaskReferenceName());
    }
  }

  private List<RunTask> build(
      List<Task> all, Branch owner, Map<String, Branch> owners, Set<String> forks, int depth) {
    List<RunTask> out = new ArrayList<>();
    for (Task t : all) {
      Branch b = owners.get(base(t.getReferenceTaskName()));
      if (b != null && !forks.contains(b.fork())) {
        b = null;
      }
      if (!Objects.equals(b, owner)) {
        continue;
      }
      List<List<RunTask>> branches = new ArrayList<>();
      if (isFork(t)) {
        String fork = base(t.getReferenceTaskName());
        int n = 0;
        for (Branch x : owners.values()) {
          if (x.fork().equals(fork)) {
            n = Math.max(n, x.index() + 1);
          }
        }
        for (int i = 0; i < n; i++) {
          branches.add(build(all, new Branch(fork, i), owners, forks, depth));
        }
      }
      Run sub = null;
      if (t.getSubWorkflowId() != null && !t.getSubWorkflowId().isBlank() && depth < MAX_DEPTH) {
        try {
          sub = get(t.getSubWorkflowId(), depth + 1);
        } catch (RunNotFoundException e) {
          sub = null; // removed (archived) since; the task still says what happened
        }
      }
      out.add(
          new RunTask(
              t.getReferenceTaskName(),
              t.getTaskDefName(),
              t.getTaskType(),
              t.getStatus().name(),
              t.getTaskId(),
              blankToNull(t.getWorkerId()),
              t.getRetryCount() + 1,
              instant(t.getScheduledTime()),
              instant(t.getStartTime()),
              instant(t.getEndTime()),
              blankToNull(t.getReasonForIncompletion()),
              t.getInputData(),
              t.getOutputData(),
              sub,
              branches));
    }
    return out;
  }

  /** A reference name without its loop-iteration suffix {@code __N}. */
  private static String base(String ref) {
    return ref == null ? "" : ref.replaceFirst("__\\d+$", "");
  }

  private static Instant instant(long epochMillis) {
    return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis);
  }

  private static Instant instant(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      try {
        return instant(Long.parseLong(iso));
      } catch (NumberFormatException n) {
        return null;
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  // --- errors -----------------------------------------------------------------------------------

  private static Void run(Runnable r) {
    r.run();
    return null;
  }

  private <T> T call(String action, String runId, Supplier<T> s) {
    try {
      return s.get();
    } catch (ConductorClientException e) {
      if (e.getStatus() == 404 && runId != null && message(e).startsWith("No such workflow")) {
        throw new RunNotFoundException(runId, e);
      }
      throw refused(action + (runId == null ? "" : " run " + runId), runId, e);
    }
  }

  private IdflowException refused(String what, String runId, ConductorClientException e) {
    String msg = "Conductor at " + client.serverUrl() + " refused to " + what + ": " + message(e);
    if (e.getStatus() == 409 || (runId != null && e.getStatus() == 500)) {
      return new RunStateException(msg, e);
    }
    if (e.getStatus() >= 400 && e.getStatus() < 500) {
      return new InvalidRequestException(msg, e);
    }
    return new IdflowException(msg, e);
  }

  private static RunStateException wrongState(Run r, String action, String why) {
    return new RunStateException(
        "cannot "
            + action
            + " run "
            + r.id()
            + " ("
            + r.name()
            + "): it is "
            + r.status()
            + "; "
            + why,
        null);
  }

  private static String message(ConductorClientException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().strip();
    return m.lines().findFirst().orElse("HTTP " + e.getStatus());
  }
}

package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * An in-memory task queue for unit tests of the runner's parts: records every poll and update, and
 * fails them while a failure is set.
 */
final class QueueService implements TaskService {

  /** One poll as the runner made it. */
  record Poll(int count, int timeoutMs, int received) {}

  final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  final List<Poll> polls = new CopyOnWriteArrayList<>();
  final List<TaskResult> updates = new CopyOnWriteArrayList<>();

  /** The updates that came through update-and-poll (also in {@link #updates}). */
  final List<TaskResult> updatesWithPoll = new CopyOnWriteArrayList<>();

  volatile Supplier<RuntimeException> pollFailure;
  volatile Supplier<RuntimeException> updateFailure;

  /** How many updates fail while {@link #updateFailure} is set. */
  final java.util.concurrent.atomic.AtomicInteger updateFailuresLeft =
      new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);

  static Task task(String type, String id) {
    Task t = new Task();
    t.setTaskType(type);
    t.setTaskDefName(type);
    t.setTaskId(id);
    t.setWorkflowInstanceId("wf-" + id);
    t.setStatus(Task.Status.IN_PROGRESS);
    t.setInputData(new java.util.HashMap<>(java.util.Map.of("text", "hi " + id)));
    return t;
  }

  @Override
  public List<Task> poll(
      String taskType, String domain, String workerId, int count, int timeoutMs) {
    Supplier<RuntimeException> f = pollFailure;
    if (f != null) {
      polls.add(new Poll(count, timeoutMs, -1));
      throw f.get();
    }
    List<Task> out = new ArrayList<>();
    queue.drainTo(out, count);
    polls.add(new Poll(count, timeoutMs, out.size()));
    return out;
  }

  @Override
  public void update(TaskResult result) {
    Supplier<RuntimeException> f = updateFailure;
    if (f != null && updateFailuresLeft.getAndDecrement() > 0) {
      throw f.get();
    }
    updates.add(result);
  }

  @Override
  public java.util.Optional<Task> updateAndPoll(TaskResult result) {
    update(result);
    updatesWithPoll.add(result);
    return java.util.Optional.ofNullable(queue.poll());
  }
}

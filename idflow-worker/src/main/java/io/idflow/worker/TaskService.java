package io.idflow.worker;

import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.util.List;
import java.util.Optional;

/** The calls a runner makes to Conductor's task queue; the seam unit tests replace. */
interface TaskService {

  /**
   * Polls for up to {@code count} tasks; waits on the server up to {@code timeoutMs} for the first.
   */
  List<Task> poll(String taskType, String domain, String workerId, int count, int timeoutMs);

  /** Reports a result (or a lease extension). */
  void update(TaskResult result);

  /**
   * Reports a final result and takes the next task of the same type and domain in the same request,
   * if one is waiting (Conductor's {@code POST /api/tasks/update-v2}); the result's worker id is
   * the one the next task is polled for. The default reports the result alone.
   *
   * @return the next task, now this worker's to run, or empty when none was waiting
   */
  default Optional<Task> updateAndPoll(TaskResult result) {
    update(result);
    return Optional.empty();
  }

  /** The service of a Conductor task client. */
  static TaskService of(TaskClient client) {
    return new ClientTaskService(client);
  }
}

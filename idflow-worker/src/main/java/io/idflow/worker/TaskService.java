package io.idflow.worker;

import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.util.List;

/** The two calls a runner makes to Conductor's task queue; the seam unit tests replace. */
interface TaskService {

  /**
   * Polls for up to {@code count} tasks; waits on the server up to {@code timeoutMs} for the first.
   */
  List<Task> poll(String taskType, String domain, String workerId, int count, int timeoutMs);

  /** Reports a result (or a lease extension). */
  void update(TaskResult result);

  /** The service of a Conductor task client. */
  static TaskService of(TaskClient client) {
    return new TaskService() {
      @Override
      public List<Task> poll(
          String taskType, String domain, String workerId, int count, int timeoutMs) {
        List<Task> tasks =
            client.batchPollTasksInDomain(taskType, domain, workerId, count, timeoutMs);
        return tasks == null ? List.of() : tasks;
      }

      @Override
      public void update(TaskResult result) {
        client.updateTask(result);
      }
    };
  }
}

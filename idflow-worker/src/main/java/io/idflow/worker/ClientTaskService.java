package io.idflow.worker;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The task service of a Conductor task client. Thread-safe. */
final class ClientTaskService implements TaskService {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final TaskClient client;
  private final AtomicBoolean v2 = new AtomicBoolean(true);

  ClientTaskService(TaskClient client) {
    this.client = client;
  }

  @Override
  public List<Task> poll(
      String taskType, String domain, String workerId, int count, int timeoutMs) {
    List<Task> tasks = client.batchPollTasksInDomain(taskType, domain, workerId, count, timeoutMs);
    return tasks == null ? List.of() : tasks;
  }

  @Override
  public void update(TaskResult result) {
    client.updateTask(result);
  }

  @Override
  public Optional<Task> updateAndPoll(TaskResult result) {
    if (!v2.get()) {
      update(result);
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(client.updateTaskV2(result));
    } catch (ConductorClientException e) {
      if (e.getStatus() != 404 && e.getStatus() != 405) {
        throw e;
      }
      // A server without update-v2 (older than Conductor OSS 3.x) answers 404 or 405; so does one
      // that does not know the task. The plain update tells which: it fails the same way for an
      // unknown task.
      update(result);
      if (v2.compareAndSet(true, false)) {
        LOG.info(
            "Conductor has no POST /api/tasks/update-v2 (HTTP {}): results are reported alone and"
                + " the next task is polled for",
            e.getStatus());
      }
      return Optional.empty();
    }
  }
}

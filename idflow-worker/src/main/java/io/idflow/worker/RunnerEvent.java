package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.time.Duration;

/**
 * Something a {@link TaskRunner} did or saw. Listeners ({@link RunnerListener}) receive these on
 * the runner's threads; health and metrics are built from them.
 */
public sealed interface RunnerEvent {

  /** The task type the event is about, or null for runner-wide events. */
  String taskType();

  /**
   * A poll came back.
   *
   * @param taskType the task type polled
   * @param received how many tasks it returned
   * @param duration how long the request took
   */
  record PollSucceeded(String taskType, int received, Duration duration) implements RunnerEvent {}

  /**
   * A poll failed: the server was unreachable or answered with an error.
   *
   * @param taskType the task type polled
   * @param error what went wrong
   * @param connectionLost whether the server could not be reached at all
   */
  record PollFailed(String taskType, Throwable error, boolean connectionLost)
      implements RunnerEvent {}

  /**
   * A task started executing.
   *
   * @param taskType its type
   * @param taskId its id
   * @param workflowId the workflow it belongs to
   */
  record TaskStarted(String taskType, String taskId, String workflowId) implements RunnerEvent {}

  /**
   * A task finished with status COMPLETED (or IN_PROGRESS with a callback, when the worker asked to
   * be called again later).
   *
   * @param taskType its type
   * @param taskId its id
   * @param status the status reported
   * @param duration how long the worker method ran
   */
  record TaskCompleted(String taskType, String taskId, TaskResult.Status status, Duration duration)
      implements RunnerEvent {}

  /**
   * A task failed: FAILED (Conductor may retry it) or FAILED_WITH_TERMINAL_ERROR (no retries).
   *
   * @param taskType its type
   * @param taskId its id
   * @param status FAILED or FAILED_WITH_TERMINAL_ERROR
   * @param reason the reason reported to Conductor
   * @param duration how long the worker method ran
   */
  record TaskFailed(
      String taskType, String taskId, TaskResult.Status status, String reason, Duration duration)
      implements RunnerEvent {}

  /**
   * A task's result could not be reported because the server could not be reached (or answered 5xx,
   * 408 or 429); the runner keeps it in memory, holding the task's slot, and sends it again when
   * the server is back.
   *
   * @param taskType its type
   * @param taskId its id
   * @param error the failure
   */
  record ResultKept(String taskType, String taskId, Throwable error) implements RunnerEvent {}

  /**
   * A kept result ({@link ResultKept}) reached Conductor.
   *
   * @param taskType its type
   * @param taskId its id
   * @param waited how long it was kept
   */
  record ResultDelivered(String taskType, String taskId, Duration waited) implements RunnerEvent {}

  /**
   * A task's result could not be reported to Conductor and the runner gave up: the server refused
   * it (4xx), or it could not be delivered before the runner stopped. Unless refused because the
   * task has ended, Conductor delivers the task again after its response timeout.
   *
   * @param taskType its type
   * @param taskId its id
   * @param error the last failure
   */
  record ResultNotReported(String taskType, String taskId, Throwable error)
      implements RunnerEvent {}

  /**
   * A worker was paused or resumed.
   *
   * @param taskType the worker's task type
   * @param paused true when paused, false when resumed
   */
  record PauseChanged(String taskType, boolean paused) implements RunnerEvent {}

  /**
   * The runner lost its connection to Conductor (published once per outage) or got it back.
   *
   * @param serverUrl the server
   * @param lost true when lost, false when restored
   * @param error the failure that started the outage (null when restored)
   * @param downtime how long the outage lasted (zero when lost)
   */
  record ConnectionChanged(String serverUrl, boolean lost, Throwable error, Duration downtime)
      implements RunnerEvent {
    @Override
    public String taskType() {
      return null;
    }
  }

  /**
   * The runner changed state.
   *
   * @param state the new state
   */
  record StateChanged(TaskRunner.State state) implements RunnerEvent {
    @Override
    public String taskType() {
      return null;
    }
  }
}

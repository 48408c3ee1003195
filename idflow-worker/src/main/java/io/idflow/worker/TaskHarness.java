package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import io.idflow.api.IdflowException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one task method without a server, the way Temporal's {@code TestActivityEnvironment} runs an
 * activity: give it an input map, get the {@link TaskResult} idflow's runner would report (same
 * binding, same output mapping, same failure statuses). {@code TaskContext.get()} works inside the
 * method.
 *
 * <pre>{@code
 * TaskHarness greet = TaskHarness.of(new Greet(), "greet");
 * assertThat(greet.output(Map.of("name", "Ada"))).containsEntry("greeting", "hello Ada");
 * assertThat(greet.execute(Map.of()).getStatus()).isEqualTo(TaskResult.Status.FAILED);
 * }</pre>
 *
 * <p>Thread-safe; each call runs the method once on the calling thread.
 */
public final class TaskHarness {

  private final WorkerMethod worker;
  private final TaskInvoker invoker;

  private TaskHarness(WorkerMethod worker) {
    this.worker = worker;
    this.invoker = new TaskInvoker(worker);
  }

  /**
   * The harness for the {@code @WorkerTask(taskName)} method of an object.
   *
   * @throws IdflowException (a bad request) when the object has no such method, or it cannot run
   */
  public static TaskHarness of(Object bean, String taskName) {
    List<WorkerMethod> found =
        WorkerMethod.allOf(bean).stream().filter(w -> w.taskName().equals(taskName)).toList();
    if (found.isEmpty()) {
      throw IdflowException.usage(
          bean.getClass().getName() + " has no @WorkerTask(\"" + taskName + "\") method");
    }
    return new TaskHarness(found.get(0));
  }

  /** The harness for one {@code @WorkerTask} method (static, or called on {@code bean}). */
  public static TaskHarness of(Object bean, Method method) {
    return new TaskHarness(WorkerMethod.of(bean, method));
  }

  /** The task type the method executes. */
  public String taskName() {
    return worker.taskName();
  }

  /**
   * Runs the method with this input.
   *
   * @return the result the runner would report: status, output, reason, logs
   */
  public TaskResult execute(Map<String, Object> input) {
    Task task = new Task();
    task.setTaskId(UUID.randomUUID().toString());
    task.setWorkflowInstanceId("harness-" + UUID.randomUUID());
    task.setTaskDefName(worker.taskName());
    task.setTaskType(worker.taskName());
    task.setReferenceTaskName(worker.taskName());
    task.setStatus(Task.Status.IN_PROGRESS);
    task.setInputData(new HashMap<>(input));
    return invoker.invoke(task);
  }

  /**
   * Runs the method and returns its output.
   *
   * @throws IdflowException when the task did not complete, with its status and reason
   */
  public Map<String, Object> output(Map<String, Object> input) {
    TaskResult r = execute(input);
    if (r.getStatus() != TaskResult.Status.COMPLETED) {
      throw new IdflowException(
          "task "
              + worker.taskName()
              + " ended "
              + r.getStatus()
              + (r.getReasonForIncompletion() == null ? "" : ": " + r.getReasonForIncompletion()));
    }
    return r.getOutputData();
  }
}

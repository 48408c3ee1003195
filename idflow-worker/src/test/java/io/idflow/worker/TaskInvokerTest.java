package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.netflix.conductor.sdk.workflow.executor.task.TaskContext;
import com.netflix.conductor.sdk.workflow.task.WorkflowInstanceIdInputParam;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskInvokerTest {

  public record Point(int x, int y) {}

  public static class Methods {
    public Map<String, Object> typed(
        String s, Integer n, List<Point> points, Point p, boolean flag) {
      Map<String, Object> m = new HashMap<>();
      m.put("s", s);
      m.put("n", n);
      m.put("sum", points == null ? null : points.stream().mapToInt(Point::x).sum());
      m.put("p", p);
      m.put("flag", flag);
      return m;
    }

    public Point pojo() {
      return new Point(1, 2);
    }

    public String workflow(@WorkflowInstanceIdInputParam String id) {
      return id;
    }

    public String callback() {
      TaskContext.get().setCallbackAfter(30);
      return "later";
    }

    public TaskResult own(Task task) {
      TaskResult r = new TaskResult();
      r.setStatus(TaskResult.Status.FAILED);
      r.setReasonForIncompletion("my own");
      return r;
    }

    public String npe() {
      throw new NullPointerException();
    }
  }

  private static TaskResult invoke(String method, Map<String, Object> input) {
    java.lang.reflect.Method m =
        java.util.Arrays.stream(Methods.class.getMethods())
            .filter(x -> x.getName().equals(method))
            .findFirst()
            .orElseThrow();
    Task task = new Task();
    task.setTaskId("t1");
    task.setWorkflowInstanceId("wf1");
    task.setTaskDefName("type");
    task.setStatus(Task.Status.IN_PROGRESS);
    task.setInputData(new HashMap<>(input));
    return new TaskInvoker(new WorkerMethod("type", m, new Methods(), 0, 0, "", null)).invoke(task);
  }

  @Test
  void inputIsConvertedToTheParameterTypesByName() {
    TaskResult r =
        invoke(
            "typed",
            Map.of(
                "s",
                "text",
                "n",
                "7",
                "points",
                List.of(Map.of("x", 1, "y", 0), Map.of("x", 2, "y", 0)),
                "p",
                Map.of("x", 5, "y", 6, "extra", true),
                "flag",
                true));
    assertThat(r.getStatus()).isEqualTo(TaskResult.Status.COMPLETED);
    assertThat(r.getOutputData())
        .containsEntry("s", "text")
        .containsEntry("n", 7)
        .containsEntry("sum", 3)
        .containsEntry("p", Map.of("x", 5, "y", 6))
        .containsEntry("flag", true);
  }

  @Test
  void missingReferenceInputsAreNullAndAMissingPrimitiveFailsTerminally() {
    TaskResult r = invoke("typed", Map.of("flag", false));
    assertThat(r.getStatus()).isEqualTo(TaskResult.Status.COMPLETED);
    assertThat(r.getOutputData().get("s")).isNull();
    TaskResult missing = invoke("typed", Map.of());
    assertThat(missing.getStatus()).isEqualTo(TaskResult.Status.FAILED_WITH_TERMINAL_ERROR);
    assertThat(missing.getReasonForIncompletion()).startsWith("input 'flag' is missing");
    TaskResult wrong = invoke("typed", Map.of("n", "seven", "flag", true));
    assertThat(wrong.getStatus()).isEqualTo(TaskResult.Status.FAILED_WITH_TERMINAL_ERROR);
    assertThat(wrong.getReasonForIncompletion()).startsWith("input 'n' cannot be converted to");
  }

  @Test
  void resultsMapAsTheSdkMapsThemAndAnExceptionWithoutMessageNamesItsClass() {
    // as the SDK's AnnotatedWorker: an object's fields become the output, a string is "result"
    assertThat(invoke("pojo", Map.of()).getOutputData()).isEqualTo(Map.of("x", 1, "y", 2));
    assertThat(invoke("workflow", Map.of()).getOutputData()).isEqualTo(Map.of("result", "wf1"));
    TaskResult npe = invoke("npe", Map.of());
    assertThat(npe.getStatus()).isEqualTo(TaskResult.Status.FAILED);
    assertThat(npe.getReasonForIncompletion()).isEqualTo("java.lang.NullPointerException");
    assertThat(npe.getLogs()).hasSize(1);
    assertThat(npe.getLogs().get(0).getLog()).contains("at " + Methods.class.getName() + ".npe");
  }

  @Test
  void aCallbackMakesItInProgressAndATaskResultIsReportedAsItIs() {
    TaskResult cb = invoke("callback", Map.of());
    assertThat(cb.getStatus()).isEqualTo(TaskResult.Status.IN_PROGRESS);
    assertThat(cb.getCallbackAfterSeconds()).isEqualTo(30);
    TaskResult own = invoke("own", Map.of());
    assertThat(own.getStatus()).isEqualTo(TaskResult.Status.FAILED);
    assertThat(own.getReasonForIncompletion()).isEqualTo("my own");
    assertThat(own.getTaskId()).isEqualTo("t1");
    assertThat(own.getWorkflowInstanceId()).isEqualTo("wf1");
  }
}

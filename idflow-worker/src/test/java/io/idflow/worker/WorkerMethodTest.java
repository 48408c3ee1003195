package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.IdflowException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerMethodTest {

  public static class Beans {
    @WorkerTask("b")
    public String b(String x) {
      return x;
    }

    @WorkerTask("a")
    public static String a(Map<String, Object> input) {
      return "";
    }

    public String notAWorker() {
      return "";
    }
  }

  @Test
  void allOfFindsTheAnnotatedMethodsInTaskNameOrder() {
    assertThat(WorkerMethod.allOf(new Beans()))
        .extracting(WorkerMethod::taskName, WorkerMethod::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", Beans.class.getName() + "#a"),
            org.assertj.core.groups.Tuple.tuple("b", Beans.class.getName() + "#b"));
    assertThat(WorkerMethod.allOf(new Beans()).get(0).bean()).isNull();
  }

  @Test
  void aMethodThatCannotRunIsRefusedNamingClassAndMethod() throws Exception {
    assertThatThrownBy(() -> WorkerMethod.of(new Beans(), Beans.class.getMethod("notAWorker")))
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "cannot load worker "
                + Beans.class.getName()
                + "#notAWorker: it is not annotated with @WorkerTask");
    assertThatThrownBy(
            () ->
                new WorkerMethod(
                    "b", Beans.class.getMethod("b", String.class), null, 0, 0, "", null))
        .hasMessageContaining("an instance method needs an object of its class");
    assertThatThrownBy(
            () ->
                new WorkerMethod(
                    "b", Beans.class.getMethod("b", String.class), "str", 0, 0, "", null))
        .hasMessageContaining("the object to call it on is a java.lang.String");
    assertThatThrownBy(
            () ->
                new WorkerMethod(
                    " ", Beans.class.getMethod("b", String.class), new Beans(), 0, 0, "", null))
        .hasMessageContaining("the task name is empty");
  }

  @Test
  void aParameterWithoutANameIsRefused() throws Exception {
    // javac without -parameters: simulated by a method of a JDK class compiled that way
    java.lang.reflect.Method m = String.class.getMethod("concat", String.class);
    assertThat(m.getParameters()[0].isNamePresent()).isFalse();
    assertThatThrownBy(() -> new WorkerMethod("t", m, "x", 0, 0, "", null))
        .hasMessageContaining("parameter arg0 has no name; compile with -parameters");
  }
}

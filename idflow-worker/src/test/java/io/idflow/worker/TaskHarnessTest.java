package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.common.metadata.tasks.TaskResult;
import io.idflow.api.IdflowException;
import io.idflow.worker.fixtures.travel.SdkWorkers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskHarnessTest {

  private final SdkWorkers workers = new SdkWorkers();

  @Test
  void runsOneTaskMethodWithoutAServer() {
    TaskHarness greet = TaskHarness.of(workers, "travel_greet");
    assertThat(greet.output(Map.of("name", "Ada", "times", 2)))
        .isEqualTo(Map.of("greeting", "Hello, Ada! Hello, Ada!", "length", 2));
    assertThat(TaskHarness.of(workers, "travel_shout").output(Map.of("text", "hi")))
        .isEqualTo(Map.of("shout", "HI"));
  }

  @Test
  void aFailureIsTheResultTheRunnerWouldReport() {
    TaskHarness greet = TaskHarness.of(workers, "travel_greet");
    TaskResult r = greet.execute(Map.of("name", "Ada"));
    assertThat(r.getStatus()).isEqualTo(TaskResult.Status.FAILED);
    assertThat(r.getReasonForIncompletion()).isNotBlank();
    assertThatThrownBy(() -> greet.output(Map.of("times", "two")))
        .isInstanceOf(IdflowException.class)
        .hasMessageStartingWith("task travel_greet ended FAILED_WITH_TERMINAL_ERROR");
  }

  @Test
  void anUnknownTaskNameIsABadRequest() {
    assertThatThrownBy(() -> TaskHarness.of(workers, "nope"))
        .hasMessageContaining("has no @WorkerTask(\"nope\") method");
  }
}

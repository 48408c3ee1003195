package io.idflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.kit.ShoutTask;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import io.idflow.api.IdflowException;
import io.idflow.worker.TaskHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit hands out the server-free harness for one task method. */
class TaskHarnessFromKitTest {

  @Test
  void runsOneTaskMethodWithoutAServer() {
    TaskHarness shout = IdflowTestKit.harness(new ShoutTask(), "shout");

    assertThat(shout.output(Map.of("text", "hi"))).containsEntry("shouted", "HI!");
    TaskResult failed = shout.execute(Map.of("text", " "));
    assertThat(failed.getStatus()).isEqualTo(TaskResult.Status.FAILED);
    assertThat(failed.getReasonForIncompletion()).contains("nothing to shout");
    assertThatThrownBy(() -> shout.output(Map.of()))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("task shout ended FAILED");
  }
}

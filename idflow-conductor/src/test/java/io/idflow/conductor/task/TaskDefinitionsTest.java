package io.idflow.conductor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.tasks.TaskDef.RetryLogic;
import com.netflix.conductor.common.metadata.tasks.TaskDef.TimeoutPolicy;
import io.idflow.api.IdflowException;
import io.idflow.api.internal.Json;
import io.idflow.conductor.task.fixtures.good.GoodWorkers;
import io.idflow.conductor.task.fixtures.invalid.InvalidWorkers;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDefinitionsTest {

  @Test
  void aMethodWithoutTheAnnotationGetsTheDefinitionTheOriginalUploaded() throws Exception {
    TaskDef def =
        TaskDefinitions.toTaskDef(
            "fixture_plain",
            GoodWorkers.class.getMethod("plain", String.class),
            "Task from GoodWorkers");

    // reference-behaviour §5.2, field by field, as Conductor receives it
    JsonNode json = TaskDefinitions.toJson(def);
    JsonNode expected =
        Json.MAPPER.readTree(
            """
            {"name":"fixture_plain","description":"Task from GoodWorkers","retryCount":3,
             "timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","retryLogic":"FIXED",
             "retryDelaySeconds":60,"responseTimeoutSeconds":300,"concurrentExecLimit":100,
             "rateLimitFrequencyInSeconds":1,"rateLimitPerFrequency":50,
             "ownerEmail":"idflow@example.com"}
            """);
    expected
        .fields()
        .forEachRemaining(
            e ->
                assertThat(json.path(e.getKey()).asText())
                    .as(e.getKey())
                    .isEqualTo(e.getValue().asText()));
    // What Conductor receives: no nulls, no audit fields for the server to fill in.
    assertThat(json.has("createTime")).isFalse();
    assertThat(json.has("ownerApp")).isFalse();
    assertThat(json.has("pollTimeoutSeconds")).isFalse();
    assertThat(def.getBackoffScaleFactor()).isEqualTo(1);
    assertThat(def.getPollTimeoutSeconds()).isNull();
    assertThat(def.getInputKeys()).isEmpty();
  }

  @Test
  void everyAnnotationValueReachesTheTaskDef() throws Exception {
    TaskDef def =
        TaskDefinitions.toTaskDef(
            "fixture_custom",
            GoodWorkers.class.getMethod("custom", Integer.class, Integer.class),
            "unused");

    assertThat(def.getName()).isEqualTo("fixture_custom");
    assertThat(def.getDescription()).isEqualTo("A customised fixture");
    assertThat(def.getRetryCount()).isEqualTo(1);
    assertThat(def.getRetryLogic()).isEqualTo(RetryLogic.LINEAR_BACKOFF);
    assertThat(def.getRetryDelaySeconds()).isEqualTo(5);
    assertThat(def.getBackoffScaleFactor()).isEqualTo(2);
    assertThat(def.getTimeoutSeconds()).isEqualTo(120);
    assertThat(def.getTimeoutPolicy()).isEqualTo(TimeoutPolicy.ALERT_ONLY);
    assertThat(def.getResponseTimeoutSeconds()).isEqualTo(60);
    assertThat(def.getPollTimeoutSeconds()).isEqualTo(30);
    assertThat(def.getConcurrentExecLimit()).isZero();
    assertThat(def.getRateLimitPerFrequency()).isZero();
    assertThat(def.getRateLimitFrequencyInSeconds()).isEqualTo(10);
    assertThat(def.getOwnerEmail()).isEqualTo("team@acme.test");
    assertThat(def.getInputKeys()).containsExactly("a", "b");
    assertThat(def.getOutputKeys()).containsExactly("sum");
  }

  @Test
  void valuesConductorWouldRefuseAreAnInvalidDefinition() throws Exception {
    assertThatThrownBy(
            () ->
                TaskDefinitions.toTaskDef(
                    "fixture_bad_definition",
                    InvalidWorkers.BadDefinition.class.getMethod("run"),
                    "x"))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("fixture_bad_definition")
        .hasMessageContaining("responseTimeoutSeconds (20) must not exceed timeoutSeconds (10)")
        .isInstanceOf(io.idflow.api.InvalidContentException.class);
  }

  @Test
  void theDefaultsPassTheirOwnChecks() {
    assertThat(TaskDefinitions.problems(TaskDefinitions.defaults())).isEmpty();
  }

  @Test
  void aCopyIsIndependentOfTheOriginal() {
    TaskDef def = TaskDefinitions.toTaskDef("a", TaskDefinitions.defaults(), "d");
    def.setInputKeys(new java.util.ArrayList<>(List.of("k")));
    TaskDef copy = TaskDefinitions.copy(def);
    copy.getInputKeys().add("other");
    copy.setRetryCount(9);

    assertThat(def.getInputKeys()).containsExactly("k");
    assertThat(def.getRetryCount()).isEqualTo(3);
    assertThat(copy.getName()).isEqualTo("a");
  }
}

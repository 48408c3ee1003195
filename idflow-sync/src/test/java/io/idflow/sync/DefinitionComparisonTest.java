package io.idflow.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.internal.Json;
import org.junit.jupiter.api.Test;

class DefinitionComparisonTest {

  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  /** What Conductor 3.32.3 returned for a POST of {"name":"probe_min"}. */
  private static final String SERVER_TASK_DEF =
      """
      {"createTime":1795373232681,"updateTime":0,"createdBy":"","name":"probe_min","retryCount":3,
       "timeoutSeconds":0,"inputKeys":[],"outputKeys":[],"runtimeMetadata":[],
       "timeoutPolicy":"TIME_OUT_WF","retryLogic":"FIXED","retryDelaySeconds":60,
       "responseTimeoutSeconds":3600,"inputTemplate":{},"rateLimitPerFrequency":0,
       "rateLimitFrequencyInSeconds":1,"backoffScaleFactor":1,"maxRetryDelaySeconds":0,
       "backoffJitterMs":0,"totalTimeoutSeconds":0,"taskStatusListenerEnabled":true,
       "enforceSchema":false}
      """;

  @Test
  void serverFilledFieldsAndDefaultsAreIgnored() throws Exception {
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.TASK_DEF, json("{\"name\":\"probe_min\"}"), json(SERVER_TASK_DEF)))
        .isEmpty();
  }

  @Test
  void aChangedValueIsReportedWithBothSides() throws Exception {
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.TASK_DEF,
                json("{\"name\":\"probe_min\",\"retryCount\":1,\"timeoutSeconds\":60}"),
                json(SERVER_TASK_DEF)))
        .containsExactly("retryCount: 3 -> 1", "timeoutSeconds: 0 -> 60");
  }

  @Test
  void aValueRemovedLocallyIsADifferenceUnlessItIsTheDefault() throws Exception {
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.TASK_DEF,
                json("{\"name\":\"t\"}"),
                json("{\"name\":\"t\",\"description\":\"old\",\"retryCount\":3}")))
        .containsExactly("description: \"old\" -> (not set)");
  }

  @Test
  void anOwnerEmailTheFileDoesNotSetIsIgnored() throws Exception {
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.WORKFLOW,
                json(
                    "{\"name\":\"w\",\"version\":1,\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"a\"}]}"),
                json(
                    "{\"name\":\"w\",\"version\":1,\"ownerEmail\":\"x@y.z\",\"schemaVersion\":2,"
                        + "\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"a\",\"type\":\"SIMPLE\","
                        + "\"inputParameters\":{},\"startDelay\":0,\"optional\":false}]}")))
        .isEmpty();
    // ... but one the file sets counts.
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.WORKFLOW,
                json("{\"name\":\"w\",\"ownerEmail\":\"me@y.z\",\"tasks\":[]}"),
                json("{\"name\":\"w\",\"ownerEmail\":\"x@y.z\",\"tasks\":[]}")))
        .containsExactly("ownerEmail: \"x@y.z\" -> \"me@y.z\"");
  }

  @Test
  void everyKeyOfUserDataCountsAtAnyDepth() throws Exception {
    String local =
        """
        {"name":"w","tasks":[{"name":"f","taskReferenceName":"f","type":"FORK_JOIN","forkTasks":[[
          {"name":"a","taskReferenceName":"a","inputParameters":{"x":"${workflow.input.x}"}}]]}]}
        """;
    String remote =
        """
        {"name":"w","tasks":[{"name":"f","taskReferenceName":"f","type":"FORK_JOIN","forkTasks":[[
          {"name":"a","taskReferenceName":"a","type":"SIMPLE",
           "inputParameters":{"x":"${workflow.input.x}","flag":false}}]]}]}
        """;
    assertThat(DefinitionComparison.differences(DefinitionKind.WORKFLOW, json(local), json(remote)))
        .containsExactly("tasks[0].forkTasks[0][0].inputParameters.flag: false -> (not set)");
  }

  @Test
  void fieldsTheClientDoesNotKnowAreComparedToo() throws Exception {
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.WORKFLOW,
                json("{\"name\":\"w\",\"maskedFields\":[\"secret\"],\"tasks\":[]}"),
                json("{\"name\":\"w\",\"maskedFields\":[],\"tasks\":[]}")))
        .containsExactly("maskedFields: 0 items -> 1 items");
  }

  @Test
  void numbersCompareByValueAndListsByLength() throws Exception {
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.TASK_DEF,
                json("{\"name\":\"t\",\"timeoutSeconds\":600,\"inputKeys\":[\"a\"]}"),
                json("{\"name\":\"t\",\"timeoutSeconds\":600.0,\"inputKeys\":[\"a\",\"b\"]}")))
        .containsExactly("inputKeys: 2 items -> 1 items");
  }

  @Test
  void eventHandlerDefaultsAreIgnored() throws Exception {
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.EVENT_HANDLER,
                json(
                    "{\"name\":\"h\",\"event\":\"e\",\"actions\":[{\"action\":\"complete_task\"}]}"),
                json(
                    "{\"name\":\"h\",\"event\":\"e\",\"active\":false,"
                        + "\"actions\":[{\"action\":\"complete_task\",\"expandInlineJSON\":false}]}")))
        .isEmpty();
    assertThat(
            DefinitionComparison.differences(
                DefinitionKind.EVENT_HANDLER,
                json("{\"name\":\"h\",\"event\":\"e\",\"active\":true,\"actions\":[]}"),
                json("{\"name\":\"h\",\"event\":\"e\",\"active\":false,\"actions\":[]}")))
        .containsExactly("active: false -> true");
  }
}

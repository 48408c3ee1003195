package io.idflow.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenamingTest {

  private final Renaming renaming = new Renaming("t1", Set.of("mine"), Set.of("flow", "child"));

  @Test
  void renamesTheProjectsNamesAndLeavesTheOthers() {
    assertThat(renaming.task("mine")).isEqualTo("mine_t1");
    assertThat(renaming.task("update_stage_status")).isEqualTo("update_stage_status");
    assertThat(renaming.workflow("flow")).isEqualTo("flow_t1");
    assertThat(renaming.workflow("stage_workflow")).isEqualTo("stage_workflow");
  }

  @Test
  void renamesReferencesAtEveryDepth() throws Exception {
    ObjectNode json =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    """
                    {"name": "flow", "failureWorkflow": "child",
                     "tasks": [
                       {"name": "mine", "taskReferenceName": "a", "type": "SIMPLE"},
                       {"name": "fork", "taskReferenceName": "f", "type": "FORK_JOIN",
                        "forkTasks": [[{"name": "mine", "taskReferenceName": "b"}],
                                      [{"name": "echo", "taskReferenceName": "c"}]]},
                       {"name": "sw", "taskReferenceName": "s", "type": "SWITCH",
                        "decisionCases": {"x": [{"name": "sub", "taskReferenceName": "d",
                          "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "child"}}]},
                        "defaultCase": [{"name": "core", "taskReferenceName": "e",
                          "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "stage_workflow"}}]},
                       {"name": "mine", "taskReferenceName": "i", "type": "INLINE"}
                     ]}
                    """);
    ObjectNode out = renaming.workflowJson(json);

    assertThat(out.path("name").asText()).isEqualTo("flow_t1");
    assertThat(out.path("failureWorkflow").asText()).isEqualTo("child_t1");
    assertThat(out.at("/tasks/0/name").asText()).isEqualTo("mine_t1");
    assertThat(out.at("/tasks/1/forkTasks/0/0/name").asText()).isEqualTo("mine_t1");
    assertThat(out.at("/tasks/1/forkTasks/1/0/name").asText()).isEqualTo("echo");
    assertThat(out.at("/tasks/2/decisionCases/x/0/subWorkflowParam/name").asText())
        .isEqualTo("child_t1");
    assertThat(out.at("/tasks/2/defaultCase/0/subWorkflowParam/name").asText())
        .isEqualTo("stage_workflow");
    // a system task that happens to share a name is not a worker task
    assertThat(out.at("/tasks/3/name").asText()).isEqualTo("mine");
    // the original is left alone
    assertThat(json.path("name").asText()).isEqualTo("flow");
  }

  @Test
  void renamesTheWorkflowsOfAStageFile() throws Exception {
    String yaml =
        renaming.stageYaml(
            """
            # comment
            name: loud
            workflows:
              - name: flow
                inputs: {depth: 2}
              - name: stage_other
              - child
            requirements:
              stages: {outline: {status: done}}
            """,
            "stages/loud.yml");
    @SuppressWarnings("unchecked")
    Map<String, Object> stage = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);

    assertThat(stage)
        .containsEntry("name", "loud")
        .containsEntry(
            "workflows",
            java.util.List.of(
                Map.of("name", "flow_t1", "inputs", Map.of("depth", 2)),
                Map.of("name", "stage_other"),
                "child_t1"))
        .containsEntry(
            "requirements", Map.of("stages", Map.of("outline", Map.of("status", "done"))));
  }

  @Test
  void refusesAStageFileThatIsNoMapping() {
    assertThatThrownBy(() -> renaming.stageYaml("- a\n- b\n", "stages/x.yml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stages/x.yml: a stage file must hold a mapping");
  }
}

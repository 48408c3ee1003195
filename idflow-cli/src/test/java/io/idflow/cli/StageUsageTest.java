package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.internal.Json;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import io.idflow.cli.worker.WorkerCommand;
import io.idflow.testing.FreePort;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listings say which workflows and tasks the active stages use. */
class StageUsageTest {

  private static final String NOOP =
      "{\"name\": \"noop\", \"taskReferenceName\": \"n\", \"type\": \"NOOP\"}";

  @TempDir Path project;
  private CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    TestProjects.copy(getClass(), "sync", project);
    write(
        "workflows/w/w.json",
        """
        {"name": "w", "version": 2, "tasks": [
          {"name": "sync_it_echo", "taskReferenceName": "e"},
          {"name": "call_sub", "taskReferenceName": "s", "type": "SUB_WORKFLOW",
           "subWorkflowParam": {"name": "sub"}}
        ]}""");
    write("workflows/w/w1.json", "{\"name\": \"w\", \"version\": 1, \"tasks\": [" + NOOP + "]}");
    write("workflows/sub/sub.json", "{\"name\": \"sub\", \"tasks\": [" + NOOP + "]}");
    write("workflows/lonely/lonely.json", "{\"name\": \"lonely\", \"tasks\": [" + NOOP + "]}");
    write(
        "stages/a_uses_w.yml",
        """
        name: writer
        workflows:
          - name: w
        requirements:
          tasks: [sync_it_upper]
        """);
    write("stages/b_ghost.yml", "name: ghost\nworkflows:\n  - name: nowhere\n");
    write("stages/c_off.yml", "name: off\nactive: false\nworkflows:\n  - name: lonely\n");
    cli =
        CliHarness.of(project, TasksCommand.class, WorkflowCommand.class, WorkerCommand.class)
            .env("IDFLOW_CONDUCTOR_URL", FreePort.closedUrl());
  }

  private void write(String file, String text) throws Exception {
    Path p = project.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void activeStagesUseStageWorkflowTheirWorkflowsAndTheirSubWorkflows() {
    StageUsage usage = StageUsage.load(new ConfigLoader().env(Map.of()).workingDir(project).load());
    // and the core library's content stages
    assertThat(usage.stagesUsingWorkflow("stage_workflow"))
        .containsExactly(
            "core",
            "create_blog_post_draft",
            "enrich",
            "generate_blog_post",
            "ghost",
            "publish_blog_post",
            "research_blog_post_ideas",
            "writer");
    assertThat(usage.stagesUsingWorkflow("stage_workflow_failed"))
        .isEqualTo(usage.stagesUsingWorkflow("stage_workflow"));
    assertThat(usage.stagesUsingWorkflow("w")).containsExactly("writer");
    assertThat(usage.stagesUsingWorkflow("sub")).containsExactly("writer");
    assertThat(usage.stagesUsingWorkflow("lonely")).isEmpty();
    assertThat(usage.stagesNeedingTask("update_stage_status"))
        .containsExactly(
            "core",
            "create_blog_post_draft",
            "enrich",
            "generate_blog_post",
            "ghost",
            "publish_blog_post",
            "research_blog_post_ideas",
            "writer");
    assertThat(usage.stagesNeedingTask("sync_it_echo")).containsExactly("writer");
    assertThat(usage.stagesNeedingTask("sync_it_upper")).containsExactly("writer");
    assertThat(usage.missingWorkflows())
        .containsExactly("stage ghost uses workflow nowhere, which no local workflow file defines");
  }

  @Test
  void workflowListNamesTheStagesThatUseEachWorkflow() throws Exception {
    CliHarness.Result r = cli.run("workflow", "list");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            Local workflow files:
              create_blog_post_draft    v1  standard  core:workflows/create_blog_post_draft/create_blog_post_draft.json      stages: create_blog_post_draft
              enrich_document           v1  standard  core:workflows/enrich_document/enrich_document.json                    stages: enrich
              generate_blog_post        v1  standard  core:workflows/generate_blog_post/generate_blog_post.json              stages: generate_blog_post
              lonely                    v1  custom    workflows/lonely/lonely.json
              publish_blog_post         v1  standard  core:workflows/publish_blog_post/publish_blog_post.json                stages: publish_blog_post
              research_blog_post_ideas  v1  standard  core:workflows/research_blog_post_ideas/research_blog_post_ideas.json  stages: research_blog_post_ideas
              stage_workflow            v1  standard  core:workflows/stage_workflow/stage_workflow.json                      stages: core, create_blog_post_draft, enrich, generate_blog_post, ghost, publish_blog_post, research_blog_post_ideas, writer
              stage_workflow_failed     v1  standard  core:workflows/stage_workflow_failed/stage_workflow_failed.json        stages: core, create_blog_post_draft, enrich, generate_blog_post, ghost, publish_blog_post, research_blog_post_ideas, writer
              sub                       v1  custom    workflows/sub/sub.json                                                 stages: writer
              w                         v1  custom    workflows/w/w1.json                                                    stages: writer
              w                         v2  custom    workflows/w/w.json                                                     stages: writer
              web_research              v1  standard  core:workflows/web_research/web_research.json                          stages: research_blog_post_ideas
            """);
    assertThat(r.err())
        .isEqualTo(
            "warning: stage ghost uses workflow nowhere, which no local workflow file defines\n");

    JsonNode json = Json.MAPPER.readTree(cli.run("workflow", "list", "-o", "json").out());
    assertThat(json.get(3).get("name").asText()).isEqualTo("lonely");
    assertThat(json.get(3).get("stages")).isEmpty();
    assertThat(json.get(6).get("name").asText()).isEqualTo("stage_workflow");
    assertThat(json.get(6).get("stages").toString())
        .isEqualTo(
            "[\"core\",\"create_blog_post_draft\",\"enrich\",\"generate_blog_post\",\"ghost\","
                + "\"publish_blog_post\",\"research_blog_post_ideas\",\"writer\"]");
  }

  @Test
  void tasksListCountsWhatStagesNeedAsUsed() throws Exception {
    CliHarness.Result text = cli.run("tasks", "list", "--local");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .containsPattern("sync_it_echo +standard +used +\\S+ +stages: writer\n")
        .containsPattern("sync_it_upper +standard +used +\\S+ +stages: writer\n");

    JsonNode json = Json.MAPPER.readTree(cli.run("tasks", "list", "-l", "-o", "json").out());
    JsonNode upper = json.get(1);
    assertThat(upper.get("name").asText()).isEqualTo("sync_it_upper");
    assertThat(upper.get("used").asBoolean()).isTrue();
    assertThat(upper.get("stages").toString()).isEqualTo("[\"writer\"]");
  }

  @Test
  void workerListSaysWhichStagesNeedAWorker() throws Exception {
    CliHarness.Result text = cli.run("worker", "list");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .containsPattern("sync_it_echo +active +standard +\\S+ +w v2, stages: writer\n")
        .containsPattern("sync_it_upper +active +standard +\\S+ +stages: writer\n");

    JsonNode json = Json.MAPPER.readTree(cli.run("worker", "list", "-o", "json").out());
    assertThat(json.get(1).get("name").asText()).isEqualTo("sync_it_upper");
    assertThat(json.get(1).get("needed").asBoolean()).isTrue();
    assertThat(json.get(1).at("/neededBy/workflows")).isEmpty();
    assertThat(json.get(1).at("/neededBy/stages/0").asText()).isEqualTo("writer");
  }
}

package io.idflow.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.FreePort;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the definition commands do before (or without) reaching Conductor. */
class SyncCommandsTest {

  @TempDir Path project;

  private CliHarness cli() {
    TestProjects.copy(getClass(), "sync", project);
    return CliHarness.of(project, Sync.class, TasksCommand.class, WorkflowCommand.class)
        .env("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + FreePort.find());
  }

  @Test
  void anUnreachableConductorIsExitCodeFour() {
    CliHarness.Result r = cli().run("sync", "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).contains("Conductor is not reachable at http://127.0.0.1:");
  }

  @Test
  void withNoServerASyncFailsBeforeBuildingTaskScripts() {
    TestProjects.copy(getClass(), "script", project);
    CliHarness cli =
        CliHarness.of(project, Sync.class)
            .env("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + FreePort.find());

    CliHarness.Result r = cli.run("sync", "--dry-run");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.err())
        .contains("Conductor is not reachable at http://127.0.0.1:")
        .doesNotContain("Building task script")
        .doesNotContain("with JBang");
  }

  @Test
  void localListingsNeedNoConductor() throws Exception {
    CliHarness cli = cli();
    Files.createDirectories(project.resolve("workflows/w"));
    Files.writeString(
        project.resolve("workflows/w/w.json"),
        "{\"name\":\"w\",\"version\":2,\"tasks\":[{\"name\":\"sync_it_echo\",\"taskReferenceName\":\"e\"}]}");

    CliHarness.Result tasks = cli.run("tasks", "list", "--local", "--output", "json");
    assertThat(tasks.exitCode()).as(tasks.toString()).isZero();
    assertThat(tasks.out())
        .contains("\"name\" : \"sync_it_echo\"")
        .contains("\"used\" : true")
        .contains("\"name\" : \"sync_it_upper\"")
        .contains("\"used\" : false");

    CliHarness.Result workflows = cli.run("workflow", "list");
    assertThat(workflows.exitCode()).as(workflows.toString()).isZero();
    assertThat(workflows.out())
        .isEqualTo(
            """
            Local workflow files:
              create_blog_post_draft    v1  standard  core:workflows/create_blog_post_draft/create_blog_post_draft.json      stages: create_blog_post_draft
              enrich_document           v1  standard  core:workflows/enrich_document/enrich_document.json                    stages: enrich
              generate_blog_post        v1  standard  core:workflows/generate_blog_post/generate_blog_post.json              stages: generate_blog_post
              publish_blog_post         v1  standard  core:workflows/publish_blog_post/publish_blog_post.json                stages: publish_blog_post
              research_blog_post_ideas  v1  standard  core:workflows/research_blog_post_ideas/research_blog_post_ideas.json  stages: research_blog_post_ideas
              stage_workflow            v1  standard  core:workflows/stage_workflow/stage_workflow.json                      stages: core, create_blog_post_draft, enrich, generate_blog_post, publish_blog_post, research_blog_post_ideas
              stage_workflow_failed     v1  standard  core:workflows/stage_workflow_failed/stage_workflow_failed.json        stages: core, create_blog_post_draft, enrich, generate_blog_post, publish_blog_post, research_blog_post_ideas
              w                         v2  custom    workflows/w/w.json
              web_research              v1  standard  core:workflows/web_research/web_research.json                          stages: research_blog_post_ideas
            """);
  }

  @Test
  void listingsTakeTheSameSelectionFlagsShortAndLong() {
    CliHarness cli = cli();

    CliHarness.Result longLocal = cli.run("tasks", "list", "--local", "-o", "json");
    CliHarness.Result shortLocal = cli.run("tasks", "list", "-l", "-o", "json");
    assertThat(shortLocal.exitCode()).as(shortLocal.toString()).isZero();
    assertThat(shortLocal.out()).isEqualTo(longLocal.out()).contains("sync_it_echo");
    assertThat(cli.run("workflow", "list", "-l").out()).startsWith("Local workflow files:");

    // -a/--all is local and Conductor's: Conductor is asked, and here it does not answer.
    assertThat(cli.run("tasks", "list", "-a").exitCode()).isEqualTo(4);
    assertThat(cli.run("tasks", "list", "--all").exitCode()).isEqualTo(4);
    assertThat(cli.run("workflow", "list", "-a").exitCode()).isEqualTo(4);
    assertThat(cli.run("tasks", "upload", "-a").exitCode()).isEqualTo(4);

    CliHarness.Result both = cli.run("tasks", "list", "-l", "-a");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void invalidWorkflowFilesAreNamedInListings() throws Exception {
    CliHarness cli = cli();
    Files.createDirectories(project.resolve("workflows/broken"));
    Files.writeString(project.resolve("workflows/broken/b.json"), "{\"tasks\": []}");

    CliHarness.Result r = cli.run("workflow", "list");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("broken").contains("stage_workflow");
    assertThat(r.err())
        .contains("warning: some workflow files are invalid and not listed:")
        .contains("workflows/broken/b.json: $.name: missing workflow name");
  }

  @Test
  void syncRefusesInvalidStageDefinitionsBeforeContactingConductor() throws Exception {
    CliHarness cli = cli();
    Files.createDirectories(project.resolve("stages"));
    Files.writeString(project.resolve("stages/broken.yml"), "name: broken\nno_eval: maybe\n");

    CliHarness.Result r = cli.run("sync", "--yes");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.out()).isEmpty();
    List<String> err = r.err().lines().toList();
    assertThat(err.get(0)).startsWith("  stages/broken.yml: line 2: ").contains("no_eval");
    assertThat(err.get(1))
        .isEqualTo("error: 1 invalid definition (listed above); nothing was uploaded");

    CliHarness.Result json = cli.run("sync", "--yes", "-o", "json");
    assertThat(json.exitCode()).isEqualTo(5);
    assertThat(json.out()).contains("\"source\" : \"stages/broken.yml\"");
  }

  @Test
  void usageErrorsAreExitCodeTwo() {
    CliHarness cli = cli();

    CliHarness.Result noTask = cli.run("tasks", "upload");
    assertThat(noTask.exitCode()).isEqualTo(2);
    assertThat(noTask.err()).contains("Missing required argument");

    CliHarness.Result both = cli.run("tasks", "purge", "x", "--orphaned");
    assertThat(both.exitCode()).isEqualTo(2);

    CliHarness.Result versionAlone = cli.run("workflow", "prune", "-v", "3");
    assertThat(versionAlone.exitCode()).isEqualTo(2);
    assertThat(versionAlone.err()).contains("-v/--version needs -w/--workflow NAME");

    CliHarness.Result modes = cli.run("tasks", "list", "--local", "--remote");
    assertThat(modes.exitCode()).isEqualTo(2);
  }
}

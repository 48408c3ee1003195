package io.idflow.cli.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idflow.cli.CliHarness;
import io.idflow.cli.stage.StageCommand;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path project;
  CliHarness cli;

  private static void write(Path root, String rel, String text) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static String workflow(String name, int version) {
    return "{\"name\":\""
        + name
        + "\",\"version\":"
        + version
        + ",\"tasks\":[{\"name\":\"echo\",\"taskReferenceName\":\"e\",\"type\":\"SIMPLE\"}]}";
  }

  @BeforeEach
  void setUp() throws IOException {
    project = tmp.resolve("project");
    write(project, "config/idflow.yml", "base_dir: data\n");
    write(
        project,
        "config/vendors.d/team.toml",
        "# Our team's shared pieces.\npriority = 10  # wins over acme\n\n[source]\n"
            + "type = \"path\"\npath = \"../team\"\n");
    write(
        project,
        "config/vendors.d/acme.toml",
        "priority = 50\ntype = \"path\"\npath = \"../acme\"\n");
    Path team = tmp.resolve("team");
    Path acme = tmp.resolve("acme");
    write(acme, "workflows/publish/publish.json", workflow("publish", 1));
    write(team, "workflows/publish/publish.json", workflow("publish", 2));
    write(acme, "workflows/acme_only/acme_only.json", workflow("acme_only", 1));
    write(team, "stages/review.yml", "name: review\nworkflows:\n  - name: publish\n");
    write(project, "workflows/mine/mine.json", workflow("mine", 1));
    write(project, "workflows/acme_only/acme_only.json", workflow("acme_only", 3));
    cli =
        CliHarness.of(
            project,
            VendorCommand.class,
            WorkflowCommand.class,
            TasksCommand.class,
            StageCommand.class);
  }

  @Test
  void fetchThenListShowsOriginsByPrecedence() throws Exception {
    CliHarness.Result before = cli.run("vendor", "list");
    assertThat(before.exitCode()).as(before.toString()).isZero();
    assertThat(before.err())
        .contains("warning: vendor team is enabled but not fetched: idflow vendor fetch team");

    CliHarness.Result fetch = cli.run("vendor", "fetch");
    assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
    assertThat(fetch.out())
        .isEqualTo(
            "acme  linked  "
                + project.resolve(".idflow/vendors/acme")
                + "\nteam  linked  "
                + project.resolve(".idflow/vendors/team")
                + "\n");

    CliHarness.Result list = cli.run("vendor", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out())
        .containsPattern("(?m)^workflows\n(.*\n)*  acme_only +extended +project\n")
        .containsPattern("(?m)^  mine +custom +project$")
        .containsPattern("(?m)^  publish +vendor +team$")
        .containsPattern("(?m)^  review +vendor +team$");
    assertThat(list.err()).doesNotContain("warning");

    JsonNode json = JSON.readTree(cli.run("vendor", "list", "--output", "json").out());
    // (the core library's stages are listed too)
    JsonNode review = null;
    for (JsonNode stage : json.path("stages")) {
      if (stage.path("name").asText().equals("review")) {
        review = stage;
      }
    }
    assertThat(review).as(json.toString()).isNotNull();
    assertThat(review.path("origin").asText()).isEqualTo("vendor");

    CliHarness.Result wl = cli.run("workflow", "list", "--local");
    assertThat(wl.exitCode()).as(wl.toString()).isZero();
    assertThat(wl.out()).containsPattern("publish.*2.*vendor");
  }

  @Test
  void specsListsEveryFileAndDisableEnableKeepTheComments() throws Exception {
    String original = Files.readString(project.resolve("config/vendors.d/team.toml"));

    CliHarness.Result disable = cli.run("vendor", "disable", "team");
    assertThat(disable.exitCode()).as(disable.toString()).isZero();
    assertThat(disable.err()).contains("Set team enabled = false in config/vendors.d/team.toml");
    assertThat(Files.readString(project.resolve("config/vendors.d/team.toml")))
        .isEqualTo(original.replace("\n[source]", "\nenabled = false\n[source]"));

    CliHarness.Result specs = cli.run("vendor", "specs");
    assertThat(specs.out())
        .containsPattern("(?m)^acme +path +\\.\\./acme +- +50 +yes +no$")
        .containsPattern("(?m)^team +path +\\.\\./team +- +10 +no +no$");
    JsonNode json = JSON.readTree(cli.run("vendor", "specs", "--output", "json").out());
    assertThat(json.path("vendors").get(1).path("enabled").asBoolean()).isFalse();
    assertThat(json.path("vendors").get(1).path("file").asText())
        .isEqualTo("config/vendors.d/team.toml");

    CliHarness.Result enable = cli.run("vendor", "enable", "team");
    assertThat(enable.exitCode()).as(enable.toString()).isZero();
    assertThat(Files.readString(project.resolve("config/vendors.d/team.toml")))
        .isEqualTo(original.replace("\n[source]", "\nenabled = true\n[source]"));
    CliHarness.Result again = cli.run("vendor", "enable", "team");
    assertThat(again.err()).contains("Already team enabled = true");

    CliHarness.Result unknown = cli.run("vendor", "disable", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .isEqualTo(
            "error: no vendor spec named 'nobody' in config/vendors.d (known: acme, team)\n");
  }

  @Test
  void copyTakesTheEffectiveSourceAndAsksPerExistingFile() throws Exception {
    assertThat(cli.run("vendor", "fetch").exitCode()).isZero();

    CliHarness.Result copy =
        cli.run("vendor", "copy", "--section", "workflows", "--element", "publish");
    assertThat(copy.exitCode()).as(copy.toString()).isZero();
    assertThat(copy.out())
        .isEqualTo(
            "workflows/publish/publish.json  (from vendor:team:workflows/publish/publish.json)\n");
    assertThat(Files.readString(project.resolve("workflows/publish/publish.json")))
        .isEqualTo(workflow("publish", 2));

    // Existing: asked; "s" keeps it, then "o" overwrites, "a" aborts (exit 6).
    Files.writeString(project.resolve("workflows/publish/publish.json"), "mine");
    CliHarness.Result skip =
        cli.stdin("x\ns\n").run("vendor", "copy", "--section", "workflows", "--element", "publish");
    assertThat(skip.exitCode()).as(skip.toString()).isZero();
    assertThat(skip.err())
        .contains("workflows/publish/publish.json exists: (o)verwrite, (s)kip, (a)bort? [s]: ")
        .contains("please answer o, s or a")
        .contains("Copied 0 file(s), kept 1 existing");
    assertThat(Files.readString(project.resolve("workflows/publish/publish.json")))
        .isEqualTo("mine");
    CliHarness.Result abort =
        cli.stdin("a\n").run("vendor", "copy", "--section", "workflows", "--element", "publish");
    assertThat(abort.exitCode()).isEqualTo(6);
    assertThat(abort.err()).endsWith("error: aborted after 0 file(s) copied\n");
    CliHarness.Result keep =
        cli.stdin("")
            .run(
                "vendor",
                "copy",
                "--section",
                "workflows",
                "--element",
                "publish",
                "--skip-existing");
    assertThat(keep.exitCode()).isZero();
    assertThat(Files.readString(project.resolve("workflows/publish/publish.json")))
        .isEqualTo("mine");
    CliHarness.Result over =
        cli.run("vendor", "copy", "--section", "workflows", "--element", "publish", "--yes");
    assertThat(over.exitCode()).isZero();
    assertThat(Files.readString(project.resolve("workflows/publish/publish.json")))
        .isEqualTo(workflow("publish", 2));

    CliHarness.Result stage =
        cli.run("vendor", "copy", "--section", "stages", "--element", "review");
    assertThat(stage.exitCode()).as(stage.toString()).isZero();
    assertThat(project.resolve("stages/review.yml")).isRegularFile();
    CliHarness.Result list = cli.run("vendor", "list");
    assertThat(list.out()).containsPattern("(?m)^  review +extended +project$");

    CliHarness.Result missing =
        cli.run("vendor", "copy", "--section", "tasks", "--element", "nothing");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("error: no tasks/nothing in the core library or vendors\n");
  }

  @Test
  void aBadSpecIsOneLineNamingTheFileWithExit3() throws Exception {
    write(project, "config/vendors.d/broken.toml", "name = \"x\ntype = \"path\"\n");

    for (String[] args :
        new String[][] {{"vendor", "specs"}, {"vendor", "list"}, {"workflow", "list", "--local"}}) {
      CliHarness.Result r = cli.run(args);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
      assertThat(r.err()).startsWith("error: config/vendors.d/broken.toml: invalid TOML");
      assertThat(r.err().strip().lines()).hasSize(1);
    }

    Files.delete(project.resolve("config/vendors.d/broken.toml"));
    write(project, "config/vendors.d/gone.toml", "type = \"path\"\npath = \"../gone\"\n");
    CliHarness.Result fetch = cli.run("vendor", "fetch", "gone");
    assertThat(fetch.exitCode()).isEqualTo(3);
    assertThat(fetch.err())
        .endsWith(
            "error: config/vendors.d/gone.toml: path '../gone' does not exist ("
                + tmp.resolve("gone")
                + ")\n");
    assertThat(project.resolve(".idflow/vendors")).isEmptyDirectory();
  }
}

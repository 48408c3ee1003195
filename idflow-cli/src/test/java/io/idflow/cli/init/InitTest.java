package io.idflow.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.cli.CliHarness;
import io.idflow.cli.config.ConfigCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitTest {

  @TempDir Path tmp;

  private CliHarness cli() {
    return CliHarness.of(tmp, Init.class, ConfigCommand.class);
  }

  @Test
  void createsAProjectWhoseDefinitionsLoad() throws Exception {
    CliHarness.Result r = cli().run("init", "blog");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Path p = tmp.resolve("blog");
    assertThat(r.out().lines())
        .contains(
            "config/idflow.yml",
            "stages/summary.yml",
            "workflows/summarize/summarize.json",
            "tasks/hello/Hello.java",
            ".gitignore",
            "README.md",
            "data/inbox/");
    assertThat(r.err()).contains("Creating project folder " + p).contains("cd blog");
    for (String d : new String[] {"data/inbox", "data/active", "data/done"}) {
      assertThat(p.resolve(d)).isDirectory();
    }
    assertThat(Files.readString(p.resolve(".gitignore"))).contains(".idflow/");
    assertThat(Files.readString(p.resolve("README.md"))).startsWith("# blog\n");
    assertThat(Files.readString(p.resolve("tasks/hello/Hello.java")))
        .contains("//DEPS io.idflow:idflow-cli:" + io.idflow.api.IdflowVersion.version())
        .doesNotContain("__");

    // Every line of the configuration is a comment or empty: the defaults apply.
    assertThat(Files.readAllLines(p.resolve("config/idflow.yml")))
        .allMatch(l -> l.isBlank() || l.startsWith("#"));
    IdflowConfig config =
        new ConfigLoader().env(Map.of()).workingDir(p.resolve("data/inbox")).load();
    assertThat(config.projectRoot()).isEqualTo(p);
    ResourceResolver resolver = ResourceResolver.forConfig(config);
    StageCatalog stages = StageCatalog.load(resolver);
    assertThat(stages.problems()).isEmpty();
    assertThat(stages.definitions()).anyMatch(d -> d.name().equals("summary"));
    WorkflowCatalog workflows = WorkflowCatalog.load(resolver);
    assertThat(workflows.problems()).isEmpty();
    assertThat(workflows.versions("summarize")).hasSize(1);

    // config show works in the new project.
    CliHarness.Result show = cli().workingDir(p).run("config", "show");
    assertThat(show.exitCode()).as(show.toString()).isZero();
  }

  @Test
  void initialisesTheWorkingDirectoryWhenEmpty() {
    CliHarness.Result r = cli().run("init");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("Initialising project in " + tmp);
    assertThat(tmp.resolve("config/idflow.yml")).isRegularFile();
  }

  @Test
  void refusesANonEmptyFolderAndTouchesNothing() throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    Files.createDirectories(tmp.resolve("stages"));
    Files.writeString(tmp.resolve("stages/summary.yml"), "name: mine");

    CliHarness.Result r = cli().run("init");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
    assertThat(r.err())
        .startsWith("error: not an empty folder: " + tmp + " holds notes.txt, stages;");
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(tmp.resolve("stages/summary.yml"))).isEqualTo("name: mine");
    assertThat(tmp.resolve("config")).doesNotExist();
  }

  @Test
  void aGitFolderAloneDoesNotCount() throws Exception {
    Files.createDirectories(tmp.resolve("p/.git"));

    CliHarness.Result r = cli().run("init", "p");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(tmp.resolve("p/README.md")).isRegularFile();
  }

  @Test
  void refusesAFile() throws Exception {
    Files.writeString(tmp.resolve("f"), "x");

    CliHarness.Result r = cli().run("init", "f");

    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.err()).contains("exists and is not a folder");
  }
}

package io.idflow.cli.extras;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.cli.doctor.Doctor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtrasCommandsTest {

  @TempDir Path tmp;
  Path project;
  Path repo;
  CliHarness cli;

  private static void write(Path root, String rel, String text) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  @BeforeEach
  void setUp() throws IOException {
    project = tmp.resolve("project");
    repo = tmp.resolve("repo");
    write(project, "config/idflow.yml", "base_dir: data\n");
    write(
        project,
        "config/extras.d/extras.toml",
        "[extras]\nmd = [\"org.example:md:1.0\"]\n"
            + "[extras.old]\nartifacts = [\"org.example:old:2.0\", \"org.example:md:1.0\"]\n");
    write(
        project,
        "stages/render.yml",
        "name: render\nrequirements:\n  extras: [md]\nworkflows:\n  - name: render\n");
    write(
        project,
        "stages/research.yml",
        "name: research\nrequirements:\n  extras: [web]\nworkflows:\n  - name: research\n");
    cli =
        CliHarness.of(project, ExtrasCommand.class, Doctor.class)
            .env("MAVEN_REPO_LOCAL", repo.toString());
  }

  @Test
  void listShowsWhatActiveStagesNeedAndWhatIsMissing() throws IOException {
    write(repo, "org/example/old/2.0/old-2.0.jar", "jar");

    CliHarness.Result r = cli.run("extras", "list");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            Available extras:
              md   custom  org.example:md:1.0
              old  custom  org.example:old:2.0, org.example:md:1.0

            Installed extras:
              (none)

            Required by active stages:
              md (render)
              web (research)

            Missing extras:
              md
              web

            Extraneous extras (installed but not required):
              (none)
            """);

    write(repo, "org/example/md/1.0/md-1.0.jar", "jar");
    CliHarness.Result after = cli.run("extras", "list", "--output", "json");
    assertThat(after.out())
        .contains("\"installed\" : [ \"md\", \"old\" ]")
        .contains("\"missing\" : [ \"web\" ]")
        .contains("\"extraneous\" : [ \"old\" ]");
  }

  @Test
  void installWithNothingMissingAndPurgeOfAnExtraneousExtra() throws IOException {
    write(repo, "org/example/md/1.0/md-1.0.jar", "jar");
    write(repo, "org/example/old/2.0/old-2.0.jar", "jar");

    CliHarness.Result install = cli.run("extras", "install");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.err())
        .contains(
            "warning: extra web is required by stage(s) research but declared nowhere: add it to"
                + " config/extras.d")
        .contains("Nothing to install");

    CliHarness.Result dry = cli.run("extras", "purge", "--dry-run");
    assertThat(dry.out())
        .isEqualTo("Extraneous extras: old\ndelete " + repo.resolve("org/example/old/2.0") + "\n");
    assertThat(repo.resolve("org/example/old/2.0/old-2.0.jar")).exists();

    CliHarness.Result refused = cli.stdin("n\n").run("extras", "purge");
    assertThat(refused.exitCode()).isEqualTo(6);
    assertThat(repo.resolve("org/example/old/2.0/old-2.0.jar")).exists();

    CliHarness.Result purge = cli.run("extras", "purge", "--yes");
    assertThat(purge.exitCode()).as(purge.toString()).isZero();
    assertThat(repo.resolve("org/example/old/2.0")).doesNotExist();
    // md is shared with a required extra: kept.
    assertThat(repo.resolve("org/example/md/1.0/md-1.0.jar")).exists();

    CliHarness.Result unknown = cli.run("extras", "install", "nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("error: unknown extra 'nope' (see idflow extras list)\n");
  }

  @Test
  void doctorNamesMissingExtrasOfActiveStages() {
    CliHarness.Result r = cli.run("doctor");

    assertThat(r.out() + r.err())
        .contains("extra md is missing, needed by stage(s) render: idflow extras install")
        .contains("extra web is missing, needed by stage(s) research: declared in no");
  }
}

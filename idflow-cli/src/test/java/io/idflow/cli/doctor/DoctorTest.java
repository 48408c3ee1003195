package io.idflow.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.FreePort;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor without a Conductor; with one it is in {@code DoctorIT}. */
class DoctorTest {

  @TempDir Path dir;

  @Test
  void anUnreachableConductorFailsWithExitFourAndPointsToServerStart() throws IOException {
    TestProjects.copy(getClass(), "basic", dir);
    CliHarness.Result r =
        CliHarness.of(dir, Doctor.class).run("doctor", "--server", FreePort.closedUrl());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.out())
        .containsPattern("(?m)^ok +java +idflow runs on Java")
        .containsPattern("(?m)^ok +config +config file .*idflow.yml is valid")
        .containsPattern(
            "(?m)^fail conductor +not reachable at http://localhost:\\d+ .*idflow server start")
        .containsPattern(
            "(?m)^ok +definitions +9 workflow\\(s\\) and 0 event handler\\(s\\) valid$")
        .containsPattern(
            "(?m)^ok +workers +\\d+ worker task\\(s\\) of the local workflows have a worker")
        .containsPattern("(?m)^ok +stages +7 stage definition\\(s\\) valid, 7 active$");
  }

  @Test
  void invalidStageDefinitionsFailWithFileAndLineAndMissingWorkflowsAreWarnings()
      throws IOException {
    TestProjects.copy(getClass(), "basic", dir);
    Files.writeString(dir.resolve("stages/broken.yml"), "name: broken\nno_eval: maybe\n");
    Files.writeString(dir.resolve("stages/ghost.yml"), "name: ghost\nworkflows:\n  - name: gone\n");
    CliHarness.Result r =
        CliHarness.of(dir, Doctor.class).run("doctor", "--server", FreePort.closedUrl());
    assertThat(r.out())
        .containsPattern("(?m)^fail stages +stages/broken.yml: line 2: .*no_eval")
        .containsPattern(
            "(?m)^warn stages +stage ghost uses workflow gone, which no local workflow file"
                + " defines$")
        .doesNotContainPattern("(?m)^ok +stages");
  }

  @Test
  void brokenDefinitionsAreNamedWithFileAndLine() throws IOException {
    TestProjects.copy(getClass(), "basic", dir);
    Files.writeString(
        dir.resolve("workflows/demo/demo.json"), "{\n  \"name\": \"demo\",\n  oops\n}");
    CliHarness.Result r =
        CliHarness.of(dir, Doctor.class).run("doctor", "--server", FreePort.closedUrl());
    assertThat(r.out())
        .containsPattern(
            "(?m)^fail definitions +workflows/demo/demo.json: \\$: invalid JSON: .*\\(line 3, column 3\\)");
  }

  @Test
  void anInvalidConfigIsReportedNotThrown() throws IOException {
    TestProjects.copy(getClass(), "basic", dir);
    Files.writeString(dir.resolve("config/idflow.yml"), "a: [\n");
    CliHarness.Result r = CliHarness.of(dir, Doctor.class).run("doctor", "-o", "json");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).contains("\"ok\" : false").contains("invalid YAML");
  }
}

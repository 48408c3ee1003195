package io.idflow.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ConductorServerExtension.class)
class DoctorIT {

  @TempDir Path dir;

  @Test
  void aHealthyConductorAndValidProjectPass(ConductorTestServer server) {
    TestProjects.copy(getClass(), "basic", dir);
    CliHarness.Result r =
        CliHarness.of(dir, Doctor.class).env("IDFLOW_CONDUCTOR_URL", server.url()).run("doctor");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .containsPattern(
            "(?m)^ok +conductor +healthy at "
                + server.url()
                + " \\(conductor.server_url from env:IDFLOW_CONDUCTOR_URL\\)")
        .doesNotContain("fail");
  }

  @Test
  void anInvalidStageDefinitionIsExitFive(ConductorTestServer server) throws IOException {
    TestProjects.copy(getClass(), "basic", dir);
    Files.writeString(dir.resolve("stages/broken.yml"), "name: broken\nno_eval: maybe\n");
    CliHarness.Result r =
        CliHarness.of(dir, Doctor.class).env("IDFLOW_CONDUCTOR_URL", server.url()).run("doctor");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.out()).containsPattern("(?m)^fail stages +stages/broken.yml: line 2: ");
  }
}

package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.internal.Json;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.JBangRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/idflow.java} end to end through {@code scripts/jbang}, resolving the modules of
 * the current build. Lives in the last module of the reactor, where every module is packaged.
 */
@ExtendWith(ConductorServerExtension.class)
class ScriptIT {

  @TempDir Path project;

  private JBangRunner jbang() {
    return new JBangRunner(project, "idflow-cli");
  }

  private static String script() {
    return io.idflow.testing.ModuleRepository.projectRoot()
        .resolve("scripts/idflow.java")
        .toString();
  }

  @Test
  void helpListsTheCommandsAndExitsZero() {
    JBangRunner.Result r = jbang().run("--fresh", script(), "--help");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("Usage: idflow")
        .contains("config")
        .contains("doctor")
        .contains("server");
  }

  @Test
  void usageErrorsKeepTheirExitCodeThroughJBang() {
    JBangRunner.Result r = jbang().run(script(), "--no-such-option");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("error: Unknown option: '--no-such-option'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void doctorPassesAgainstARealConductor(ConductorTestServer server) {
    JBangRunner.Result r =
        jbang().env("IDFLOW_CONDUCTOR_URL", server.url()).run(script(), "doctor");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("healthy at " + server.url());
  }

  @Test
  void configShowAsJsonReadsTheProjectsConfig() throws Exception {
    java.nio.file.Files.createDirectories(project.resolve("config"));
    java.nio.file.Files.writeString(project.resolve("config/idflow.yml"), "base_dir: docs\n");
    JBangRunner.Result r = jbang().run(script(), "config", "show", "--output", "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = Json.MAPPER.readTree(r.out());
    boolean found = false;
    for (JsonNode e : json) {
      if (e.get("key").asText().equals("base_dir")) {
        assertThat(e.get("value").asText()).isEqualTo("docs");
        assertThat(e.get("source").asText()).isEqualTo("file:config/idflow.yml");
        found = true;
      }
    }
    assertThat(found).isTrue();
  }
}

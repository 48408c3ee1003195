package io.idflow.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.internal.Json;
import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigShowTest {

  @TempDir Path dir;

  private CliHarness cli() {
    TestProjects.copy(getClass(), "basic", dir);
    return CliHarness.of(dir.resolve("docs"), ConfigCommand.class);
  }

  @Test
  void textShowsEveryValueWithItsSource() {
    CliHarness.Result r = cli().env("IDFLOW_BASE_DIR", "store").run("config", "show");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .containsPattern(
            "project_root +" + java.util.regex.Pattern.quote(dir.toString()) + " +derived")
        .containsPattern(
            "conductor.server_url +http://localhost:18080 +file:\\.\\./config/idflow.yml")
        .containsPattern("base_dir +store +env:IDFLOW_BASE_DIR")
        .containsPattern("document_implementation +fs_markdown +default")
        .containsPattern("conductor.api_key +\\(not set\\) +env:CONDUCTOR_API_KEY");
  }

  @Test
  void theServerFlagWins() {
    CliHarness.Result r = cli().run("config", "show", "--server", "http://other:1/api");
    assertThat(r.out()).containsPattern("conductor.server_url +http://other:1/api +flag:--server");
  }

  @Test
  void jsonIsOneDocumentAndSecretsAreMasked() throws Exception {
    CliHarness.Result r =
        cli().env("CONDUCTOR_API_KEY", "top-secret").run("config", "show", "-o", "json");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("top-secret");
    JsonNode json = Json.MAPPER.readTree(r.out());
    assertThat(json.isArray()).isTrue();
    JsonNode key = null;
    for (JsonNode e : json) {
      if (e.get("key").asText().equals("conductor.api_key")) {
        key = e;
      }
    }
    assertThat(key).isNotNull();
    assertThat(key.get("value").asText()).isEqualTo("****");
    assertThat(key.get("secret").asBoolean()).isTrue();
  }

  @Test
  void anInvalidConfigFileIsExitCodeThree() throws Exception {
    CliHarness cli = cli();
    java.nio.file.Files.writeString(dir.resolve("config/idflow.yml"), "conductor: [\n");
    CliHarness.Result r = cli.run("config", "show");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("error: invalid YAML in").hasLineCount(1);
  }
}

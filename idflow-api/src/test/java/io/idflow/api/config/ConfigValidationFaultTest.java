package io.idflow.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, issue 10 item 5: every configuration key is checked when the configuration loads; a
 * bad value is exit 3 naming the key, its file and the expected type.
 */
@Tag("fault")
class ConfigValidationFaultTest {

  @TempDir Path project;

  private void assertRefused(String yaml, String key, String expected) throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/idflow.yml"), yaml);
    assertThatThrownBy(() -> new ConfigLoader().env(Map.of()).workingDir(project).load())
        .as(yaml)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("configuration key " + key)
        .hasMessageContaining("config/idflow.yml")
        .hasMessageContaining(expected);
  }

  @Test
  void badValuesAreRefusedAtLoad() throws IOException {
    assertRefused(
        "conductor:\n  connect_timeout_ms: -5\n",
        "conductor.connect_timeout_ms",
        "an integer from 0 to");
    assertRefused(
        "conductor:\n  read_timeout_ms: 1e99\n", "conductor.read_timeout_ms", "an integer from");
    assertRefused("tasks:\n  scan_packages: 42\n", "tasks.scan_packages", "a list of");
    assertRefused(
        "tasks:\n  build_timeout_seconds: -1\n", "tasks.build_timeout_seconds", "an integer from");
    assertRefused("worker:\n  all: [1, 2]\n", "worker.all", "a mapping");
    assertRefused("server:\n  port: 99999\n", "server.port", "an integer from 1 to 65535");
    assertRefused("fs_markdown:\n  fsync: maybe\n", "fs_markdown.fsync", "true or false");
    assertRefused("conductor: [a]\n", "conductor", "a mapping");
    assertRefused("base_dir: {a: 1}\n", "base_dir", "text");
    assertRefused(
        "worker_runner:\n  grace_period_seconds: -3\n",
        "worker_runner.grace_period_seconds",
        "an integer from 0 to");
  }

  @Test
  void goodValuesLoad() throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(
        project.resolve("config/idflow.yml"),
        "conductor:\n  connect_timeout_ms: '250'\nserver:\n  port: 8081\n"
            + "tasks:\n  scan_packages: com.acme\nworker:\n  my_task:\n    threads: 2\n"
            + "worker_runner:\n  port: ''\n");
    IdflowConfig c = new ConfigLoader().env(Map.of()).workingDir(project).load();
    assertThat(c.integer("conductor.connect_timeout_ms", 0)).isEqualTo(250);
    assertThat(c.integer("server.port", 0)).isEqualTo(8081);
  }
}

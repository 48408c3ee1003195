package io.idflow.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.internal.Json;
import io.idflow.cli.CliHarness;
import io.idflow.testing.FreePort;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server start/status/logs/stop} with the real boot jar, the way a user runs them. */
class ServerCommandIT {

  @TempDir Path project;

  @Test
  void startStatusStartAgainLogsStop() throws Exception {
    int port = FreePort.find();
    CliHarness cli =
        CliHarness.of(project, ServerCommand.class)
            .env("IDFLOW_CONDUCTOR_URL", "http://localhost:" + port);
    try {
      CliHarness.Result start = cli.run("server", "start");
      assertThat(start.exitCode()).as(start.toString()).isZero();
      assertThat(start.out()).isEqualTo("http://localhost:" + port + "\n");
      assertThat(start.err()).contains("is up at http://localhost:" + port);
      assertThat(project.resolve(".idflow/server/conductor.db")).exists();
      assertThat(project.resolve(".idflow/server/server.json")).exists();

      CliHarness.Result status = cli.run("server", "status", "--output", "json");
      assertThat(status.exitCode()).as(status.toString()).isZero();
      JsonNode json = Json.MAPPER.readTree(status.out());
      assertThat(json.get("status").asText()).isEqualTo("running");
      assertThat(json.get("healthy").asBoolean()).isTrue();
      long pid = json.get("pid").asLong();

      CliHarness.Result again = cli.run("server", "start");
      assertThat(again.exitCode()).isZero();
      assertThat(again.err()).contains("already running").contains("pid " + pid);

      CliHarness.Result logs = cli.run("server", "logs", "-n", "5");
      assertThat(logs.exitCode()).isZero();
      assertThat(logs.out().lines()).hasSize(5);
    } finally {
      CliHarness.Result stop = cli.run("server", "stop");
      assertThat(stop.exitCode()).isZero();
    }
    CliHarness.Result after = cli.run("server", "status");
    assertThat(after.exitCode()).isEqualTo(4);
    assertThat(after.out()).startsWith("stopped");
    assertThat(project.resolve(".idflow/server/server.json")).doesNotExist();
    assertPortFree(port);
  }

  private static void assertPortFree(int port) throws IOException {
    try (ServerSocket s = new ServerSocket(port)) {
      assertThat(s.isBound()).isTrue();
    }
  }
}

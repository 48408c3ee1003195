package io.idflow.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.FakeJdk;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server commands' error paths; starting a real server is in {@code ServerCommandIT}. */
class ServerCommandTest {

  @TempDir Path dir;

  private CliHarness cli() {
    return CliHarness.of(dir, ServerCommand.class);
  }

  @Test
  void statusWithoutAServerSaysStoppedAndExitsFour() {
    CliHarness.Result r = cli().run("server", "status");
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.out()).isEqualTo("stopped (not started)\n");
  }

  @Test
  void statusAsJson() {
    CliHarness.Result r = cli().run("server", "status", "--output", "json");
    assertThat(r.out()).contains("\"status\" : \"stopped\"").contains("\"running\" : false");
  }

  @Test
  void stopWithoutAServerIsFine() {
    CliHarness.Result r = cli().run("server", "stop");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("No local Conductor server is running");
  }

  @Test
  void logsWithoutAServerPointToStart() {
    CliHarness.Result r = cli().run("server", "logs");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("idflow server start");
  }

  @Test
  void aPortInUseIsOneLineAndExitThree() throws IOException {
    try (ServerSocket busy = new ServerSocket(0)) {
      CliHarness.Result r =
          cli().run("server", "start", "--port", String.valueOf(busy.getLocalPort()));
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.err())
          .isEqualTo(
              "error: port "
                  + busy.getLocalPort()
                  + " is in use by another program; stop it or choose another port with --port N\n");
    }
  }

  @Test
  void noJava21IsOneLineAndExitThree() throws IOException {
    Path jdk17 = FakeJdk.create(dir, "jdk17", "17.0.9");
    CliHarness.Result r =
        cli().env("IDFLOW_SERVER_JAVA", jdk17.toString()).run("server", "start", "--port", "1");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .startsWith("error: the configured Java")
        .contains("needs Java 21 or newer")
        .hasLineCount(1);
  }

  @Test
  void anInvalidPortIsAUsageError() {
    CliHarness.Result r = cli().run("server", "start", "--port", "70000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("port must be between 1 and 65535");
  }
}

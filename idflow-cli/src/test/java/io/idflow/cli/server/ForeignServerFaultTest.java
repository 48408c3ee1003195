package io.idflow.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, hardening item 10: {@code server start} on a port where a Conductor that is not this
 * project's answers said "idflow did not start" with exit 0 and then used that server. It says
 * whose server it is and refuses (exit 3) unless {@code --adopt} is given; nothing is started or
 * recorded.
 *
 * <p>A JDK HTTP server answers {@code /health} as a healthy Conductor does: a server of another
 * user or in a container, which idflow cannot identify as a process.
 */
@Tag("fault")
class ForeignServerFaultTest {

  @TempDir Path project;
  private HttpServer stub;

  @BeforeEach
  void start() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/health",
        ex -> {
          byte[] body = "{\"healthy\":true}".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    stub.start();
    TestProjects.copy(getClass(), "basic", project);
  }

  @AfterEach
  void stop() {
    stub.stop(0);
  }

  @Test
  void anotherConductorOnThePortIsRefusedUnlessAdopted() {
    String port = String.valueOf(stub.getAddress().getPort());
    CliHarness cli = CliHarness.of(project, ServerCommand.class);
    CliHarness.Result refused = cli.run("server", "start", "--port", port);
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
    assertThat(refused.err().lines().toList()).as(refused.toString()).hasSize(1);
    assertThat(refused.err()).contains("not this project's", "http://localhost:" + port, "--adopt");
    assertThat(refused.out()).isEmpty();
    assertThat(Files.exists(project.resolve(".idflow/server/server.json"))).isFalse();

    CliHarness.Result adopted = cli.run("server", "start", "--port", port, "--adopt");
    assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
    assertThat(adopted.out()).isEqualTo("http://localhost:" + port + "\n");
    assertThat(adopted.err()).contains("Using the Conductor server that already answers");
  }
}

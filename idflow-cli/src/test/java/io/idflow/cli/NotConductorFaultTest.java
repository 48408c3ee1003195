package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.idflow.cli.doctor.Doctor;
import io.idflow.cli.server.ServerCommand;
import io.idflow.cli.stage.StageCommand;
import io.idflow.cli.sync.Sync;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import io.idflow.cli.worker.WorkerCommand;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, issue 10 item 3: a URL where something other than Conductor answers (an HTML error
 * page, HTML with 200, JSON of another shape) or nothing at all is one line naming the URL and exit
 * code 4, for every command that talks to Conductor.
 */
@Tag("fault")
class NotConductorFaultTest {

  private static final List<List<String>> CONDUCTOR_COMMANDS =
      List.of(
          List.of("sync", "--dry-run"),
          List.of("sync", "--yes"),
          List.of("tasks", "list"),
          List.of("tasks", "upload", "--all", "--dry-run"),
          List.of("tasks", "purge", "--orphaned", "--dry-run"),
          List.of("workflow", "list", "--all"),
          List.of("workflow", "upload", "--dry-run"),
          List.of("workflow", "prune", "--dry-run"));

  @TempDir Path project;
  private HttpServer stub;

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.stop(0);
    }
  }

  private String serve(int status, String contentType, String body) throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        ex -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", contentType);
          ex.sendResponseHeaders(status, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    stub.start();
    return "http://127.0.0.1:" + stub.getAddress().getPort();
  }

  private CliHarness cli(String url) {
    if (!Files.exists(project.resolve("config"))) {
      TestProjects.copy(getClass(), "sync", project);
    }
    return CliHarness.of(
            project,
            Sync.class,
            TasksCommand.class,
            WorkflowCommand.class,
            ServerCommand.class,
            StageCommand.class,
            WorkerCommand.class,
            Doctor.class)
        .env("IDFLOW_CONDUCTOR_URL", url);
  }

  private void assertEveryCommandSaysNotConductor(String url, String expected) {
    CliHarness cli = cli(url);
    for (List<String> command : CONDUCTOR_COMMANDS) {
      CliHarness.Result r = cli.run(command.toArray(String[]::new));
      assertThat(r.exitCode()).as(command + "\n" + r).isEqualTo(4);
      assertThat(r.err().lines().toList()).as(command + "\n" + r).hasSize(1);
      assertThat(r.err()).as(command + "\n" + r).startsWith("error: ").contains(url, expected);
    }
  }

  @Test
  void anHtmlNotFoundPageIsNotConductor() throws IOException {
    String url =
        serve(
            404,
            "text/html",
            "<!DOCTYPE HTML>\n<html><head><title>Error response</title></head>\n"
                + "<body><h1>Error response</h1><p>Error code: 404</p>\n"
                + "<p>Message: File not found.</p></body></html>\n");
    assertEveryCommandSaysNotConductor(url, "does not answer as Conductor");
  }

  @Test
  void anHtmlPageWithOkIsNotConductor() throws IOException {
    String url = serve(200, "text/html", "<html><body>Welcome to nginx!</body></html>");
    assertEveryCommandSaysNotConductor(url, "does not answer as Conductor");
  }

  @Test
  void jsonOfAnotherShapeIsNotConductor() throws IOException {
    String url = serve(404, "application/json", "{\"error\":\"boom\"}");
    assertEveryCommandSaysNotConductor(url, "does not answer as Conductor");
  }

  @Test
  void anUnroutableAddressIsUnreachable() throws IOException {
    TestProjects.copy(getClass(), "sync", project);
    Path config = project.resolve("config/idflow.yml");
    Files.writeString(config, Files.readString(config) + "conductor:\n  connect_timeout_ms: 300\n");
    // 192.0.2.0/24 is TEST-NET-1: never routed.
    String url = "http://192.0.2.1:8080";
    CliHarness cli = cli(url);
    for (List<String> command : CONDUCTOR_COMMANDS) {
      CliHarness.Result r = cli.run(command.toArray(String[]::new));
      assertThat(r.exitCode()).as(command + "\n" + r).isEqualTo(4);
      assertThat(r.err().lines().toList()).as(command + "\n" + r).hasSize(1);
      assertThat(r.err()).as(command + "\n" + r).startsWith("error: ").contains(url);
    }
  }
}

package io.idflow.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, hardening item 9: names of workflows, tasks and event handlers that Conductor's API
 * cannot address once stored ({@code /}, {@code \}, {@code ..}, NUL) are invalid definitions (exit
 * 5) before anything is uploaded; a remote workflow with such a name is not sent to a DELETE that
 * Tomcat answers with an HTML 400, but skipped and named (exit 6).
 *
 * <p>A JDK HTTP server plays Conductor: it lists what a real server lists for such a workflow and
 * answers a DELETE of it as Tomcat does (HTML 400), which a test cannot make a real server store
 * and then forget safely.
 */
@Tag("fault")
class DefinitionNamesFaultTest {

  @TempDir Path project;
  private HttpServer stub;
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private String remoteWorkflows = "[]";
  private CliHarness cli;

  @BeforeEach
  void start() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getRawPath();
          if (!ex.getRequestMethod().equals("GET")) {
            writes.add(ex.getRequestMethod() + " " + path);
          }
          int code = 200;
          String type = "application/json";
          String body = "[]";
          if (ex.getRequestMethod().equals("DELETE")) {
            code = 400;
            type = "text/html;charset=utf-8";
            body = "<!doctype html><html><head><title>HTTP Status 400 – Bad Request</title></html>";
          } else if (path.equals("/api/metadata/workflow")) {
            body = remoteWorkflows;
          } else if (path.startsWith("/api/workflow/search")) {
            body = "{\"totalHits\":0,\"results\":[]}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", type);
          ex.sendResponseHeaders(code, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    stub.start();
    TestProjects.copy(getClass(), "sync", project);
    cli =
        CliHarness.of(project, Sync.class, WorkflowCommand.class, TasksCommand.class)
            .env("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + stub.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    stub.stop(0);
  }

  private void workflow(String file, String name, String taskName) throws IOException {
    Path f = project.resolve("workflows/w").resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(
        f,
        "{\"name\": \""
            + name
            + "\", \"version\": 1, \"schemaVersion\": 2, \"tasks\": [{\"name\": \""
            + taskName
            + "\", \"taskReferenceName\": \"t\", \"type\": \"SIMPLE\"}]}");
  }

  private void assertInvalidAndNothingUploaded(String expected) {
    for (String[] command :
        new String[][] {
          {"sync", "--dry-run"}, {"sync", "--yes"}, {"workflow", "upload", "--yes"}
        }) {
      CliHarness.Result r = cli.run(command);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
      assertThat(r.err()).as(r.toString()).contains(expected).contains("error: ");
      assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).count()).isEqualTo(1);
    }
    assertThat(writes).as("nothing was uploaded").isEmpty();
  }

  @Test
  void aWorkflowNameWithASlashIsInvalid() throws IOException {
    workflow("w.json", "team/report", "t_ok");
    assertInvalidAndNothingUploaded("invalid workflow name 'team/report': '/' is not allowed");
  }

  @Test
  void aWorkflowNameThatIsDotDotIsInvalid() throws IOException {
    workflow("w.json", "..", "t_ok");
    assertInvalidAndNothingUploaded("invalid workflow name '..'");
  }

  @Test
  void aWorkflowNameWithNulIsInvalid() throws IOException {
    workflow("w.json", "a\\u0000b", "t_ok");
    assertInvalidAndNothingUploaded("invalid workflow name 'a\\0b'");
  }

  @Test
  void aTaskNameWithABackslashIsInvalid() throws IOException {
    workflow("w.json", "fine", "a\\\\b");
    assertInvalidAndNothingUploaded("invalid task name 'a\\b'");
  }

  @Test
  void anEventHandlerNameWithASlashIsInvalid() throws IOException {
    workflow("w.json", "fine", "t_ok");
    Files.writeString(
        project.resolve("workflows/w/event_handlers.json"),
        "{\"name\": \"on/done\", \"event\": \"conductor:fine:done\", \"actions\": [{\"action\":"
            + " \"complete_task\", \"complete_task\": {\"workflowId\": \"x\", \"taskRefName\":"
            + " \"t\"}}]}");
    CliHarness.Result r = cli.run("sync", "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err()).contains("invalid event handler name 'on/done'");
    assertThat(writes).isEmpty();
  }

  @Test
  void aRemoteWorkflowWhoseNameCannotBeAddressedIsSkippedByPrune() {
    remoteWorkflows =
        "[{\"name\":\"team/report\",\"version\":1,\"schemaVersion\":2,\"tasks\":[]},"
            + "{\"name\":\"fine\",\"version\":1,\"schemaVersion\":2,\"tasks\":[]}]";
    CliHarness.Result r = cli.run("workflow", "prune", "-w", "team/report", "--yes", "--force");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
    assertThat(r.out()).contains("team/report v1", "cannot be deleted through Conductor's API");
    assertThat(r.err()).contains("error: 1 workflow version has a name that Conductor's API");
    assertThat(writes).as("no DELETE was sent").isEmpty();
  }
}

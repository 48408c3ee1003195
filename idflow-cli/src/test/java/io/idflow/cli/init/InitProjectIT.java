package io.idflow.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.JBangRunner;
import io.idflow.testing.ModuleRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project made by {@code idflow init} works at once: through {@code scripts/idflow.java}, on a
 * real Conductor, its example stage runs for a tagged document, and its example task runs.
 */
@ExtendWith(ConductorServerExtension.class)
class InitProjectIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void theExampleStageOfANewProjectRuns(ConductorTestServer server) throws Exception {
    String script = ModuleRepository.projectRoot().resolve("scripts/idflow.java").toString();
    JBangRunner outside =
        new JBangRunner(tmp, "idflow-cli").env("IDFLOW_CONDUCTOR_URL", server.url());
    JBangRunner.Result init = outside.run(script, "init", "demo");
    assertThat(init.exitCode()).as(init.toString()).isZero();
    Path project = tmp.resolve("demo");

    JBangRunner idflow =
        new JBangRunner(project, "idflow-cli")
            .env("IDFLOW_CONDUCTOR_URL", server.url())
            .timeout(Duration.ofMinutes(10));
    // The template's workflow name is fixed: an earlier run against the same server may hold an
    // older template's summarize v1, so overwrite it.
    JBangRunner.Result sync = idflow.run(script, "sync", "--yes", "--force");
    assertThat(sync.exitCode()).as(sync.toString()).isZero();

    JBangRunner.Result start = idflow.run(script, "worker", "start", "--all", "--detach");
    assertThat(start.exitCode()).as(start.toString()).isZero();
    try {
      JBangRunner.Result add =
          idflow.run(
              script,
              "doc",
              "add",
              "Some words to count.",
              "--set",
              "title=First steps with idflow",
              "--json",
              "tags=[\"example\"]");
      assertThat(add.exitCode()).as(add.toString()).isZero();
      String id = add.out().strip();

      awaitStageDone(idflow, script, id);
      Path result = project.resolve("data/active/" + id + "/stages/summary/1/summarize.md");
      assertThat(Files.readString(result))
          .contains("title: Summary of First steps with idflow")
          .contains("words: 4")
          .contains("The title has 4 words.");

      JBangRunner.Result list = idflow.run(script, "worker", "list");
      assertThat(list.out()).containsPattern("hello +.*custom");
    } finally {
      JBangRunner.Result stop = idflow.run(script, "worker", "stop", "all");
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
    }
  }

  private static void awaitStageDone(JBangRunner idflow, String script, String id)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      JBangRunner.Result r = idflow.run(script, "stage", "show", id, "--output", "json");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      JsonNode doc = JSON.readTree(r.out());
      for (JsonNode s : doc.path("stages")) {
        if (s.path("status").asText().equals("done")) {
          return;
        }
        if (s.path("status").asText().equals("blocked")) {
          throw new AssertionError("stage blocked: " + r.out());
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("stage not done in time: " + r.out());
      }
    }
  }
}

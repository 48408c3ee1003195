package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.JBangRunner;
import io.idflow.testing.ModuleRepository;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's stage walk-through of {@code examples/blog}, replayed through {@code
 * scripts/idflow.java} on a real Conductor: sync, detached workers, a document whose stages run
 * from {@code doc add} to their results by themselves, and a rerun waited for.
 */
@ExtendWith(ConductorServerExtension.class)
class ExampleBlogIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path project;

  @Test
  void aDocumentRunsThroughBothStagesToItsResults(ConductorTestServer server) throws Exception {
    TestProjects.copyTree(ModuleRepository.projectRoot().resolve("examples/blog"), project);
    String script = ModuleRepository.projectRoot().resolve("scripts/idflow.java").toString();
    JBangRunner idflow =
        new JBangRunner(project, "idflow-cli").env("IDFLOW_CONDUCTOR_URL", server.url());

    JBangRunner.Result sync = idflow.run(script, "sync", "--yes");
    assertThat(sync.exitCode()).as(sync.toString()).isZero();

    JBangRunner.Result list = idflow.run(script, "stage", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out())
        .containsPattern("draft +active +custom +draft, social_post +stage outline done")
        .containsPattern("outline +active +custom +outline +tags HAS blog \\(any case\\)");

    JBangRunner.Result start = idflow.run(script, "worker", "start", "--all", "--detach");
    assertThat(start.exitCode()).as(start.toString()).isZero();
    try {
      JBangRunner.Result add =
          idflow.run(
              script,
              "doc",
              "add",
              "A post about observability.",
              "--set",
              "title=Observability",
              "--json",
              "tags=[\"blog\",\"social\"]");
      assertThat(add.exitCode()).as(add.toString()).isZero();
      String id = add.out().strip();

      JsonNode shown = awaitStagesDone(idflow, script, id, 2);
      assertThat(shown.path("status").asText()).isEqualTo("active");

      JBangRunner.Result show = idflow.run(script, "stage", "show", id);
      assertThat(show.out())
          .contains("draft #1: done")
          .contains("  workflows: draft, social_post")
          .contains("  results: draft, social_post")
          .contains("outline #1: done")
          .contains("  results: outline (Outline: Observability)");
      Path outline = project.resolve("data/active/" + id + "/stages/outline/1/outline.md");
      assertThat(Files.readString(outline))
          .isEqualTo(
              "---\ntitle: \"Outline: Observability\"\nsections: 3\n---\n"
                  + "1. Why Observability matters\n2. How it works\n3. Where to start\n");

      JBangRunner.Result rerun = idflow.run(script, "stage", "run", "outline", id, "--wait");
      assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
      assertThat(rerun.err())
          .contains("stage outline #2 of document " + id + ": done (results: outline)");
    } finally {
      JBangRunner.Result stop = idflow.run(script, "worker", "stop", "all");
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
    }
  }

  /** Polls {@code stage show --output json} until the document has this many stages, all done. */
  private static JsonNode awaitStagesDone(JBangRunner idflow, String script, String id, int count)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      JBangRunner.Result r = idflow.run(script, "stage", "show", id, "--output", "json");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      JsonNode doc = JSON.readTree(r.out());
      int done = 0;
      for (JsonNode s : doc.path("stages")) {
        if (s.path("status").asText().equals("done")) {
          done++;
        }
      }
      if (done == count) {
        return doc;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("stages not done in time: " + r.out());
      }
    }
  }
}

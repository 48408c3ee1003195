package io.idflow.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.cli.CliHarness;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idflow quickstart} against a real Conductor (given with {@code --server}, so that it
 * starts none): sync, in-process workers, documents whose stages run by themselves to the end, the
 * summary, and the documents' stage statuses and results as stored.
 */
@ExtendWith(ConductorServerExtension.class)
class QuickstartIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path project;

  @Test
  void theSampleDocumentsRunThroughTheProjectsStagesToTheSummary(ConductorTestServer server)
      throws IOException {
    String sfx = ConductorTestServer.uniqueName("q").substring(2);
    writeProject(sfx);

    CliHarness.Result r =
        CliHarness.of(project, Quickstart.class)
            .run("quickstart", "--server", server.url(), "--timeout", "8m");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err())
        .contains("Working in the project " + project.toAbsolutePath())
        .contains("Conductor answers at " + server.url())
        .contains("Added 5 documents (idflow's samples)")
        // plain progress: one line per change of a document's stage
        .containsPattern("\\] Backups that actually restore: outline #1 done");
    assertThat(r.out())
        .contains("Quickstart finished in ")
        .contains(": 5 documents, 10 stage runs (10 done)")
        .containsPattern("  server +\\d+\\.\\d s  Conductor at " + Pattern.quote(server.url()))
        .containsPattern("  sync +\\d+\\.\\d s  \\d+ created, \\d+ updated, \\d+ unchanged")
        .containsPattern("  workers +\\d+\\.\\d s  2 workers: ")
        .containsPattern("  pipeline +\\d+\\.\\d s  5 documents")
        .containsPattern("  total +\\d+\\.\\d s")
        .contains("      outline #1: done (results: qs_outline_" + sfx + ")")
        .contains("      draft #1: done (results: qs_draft_" + sfx + ")")
        .contains("Conductor: " + server.url() + " (was running; left alone)")
        .contains("Look at the results:")
        .contains("  idflow doc list");

    List<String> ids = ids(r.out());
    assertThat(ids).hasSize(5);
    assertThat(r.out()).contains("  idflow stage show " + ids.get(0));
    try (DocumentStore store = store()) {
      for (String id : ids) {
        Document d = store.get(id);
        assertThat(statuses(d)).isEqualTo(Map.of("draft", "done", "outline", "done"));
        StageInstance outline = d.stages("outline").get(0);
        assertThat(outline.results().get("qs_outline_" + sfx).properties())
            .containsEntry("title", "Outline: " + d.get("title"));
      }
    }
  }

  @Test
  void aStageThatFailsEndsWithExit7AndTheJsonSaysWhich(ConductorTestServer server)
      throws IOException {
    String sfx = ConductorTestServer.uniqueName("q").substring(2);
    writeProject(sfx);
    Path docs = Files.createDirectories(project.resolve("mine"));
    Files.writeString(
        docs.resolve("good.md"), "---\ntitle: Good one\ntags: [Blog_Post_Ideas]\n---\nFine.\n");
    Files.writeString(
        docs.resolve("bad.md"),
        "---\ntitle: Bad one\ntags: [blog_post_ideas, fragile]\n---\nThis one breaks.\n");
    Files.writeString(docs.resolve("other.md"), "---\ntitle: Untagged\n---\nNo stage here.\n");

    CliHarness.Result r =
        CliHarness.of(project, Quickstart.class)
            .run(
                "quickstart",
                "--server",
                server.url(),
                "--docs",
                "mine",
                "--output",
                "json",
                "--timeout",
                "8m");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
    assertThat(r.err()).contains("error: 1 stage run(s) ended blocked or failed");
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.path("exitCode").asInt()).isEqualTo(7);
    assertThat(json.path("server").path("started").asBoolean()).isFalse();
    assertThat(json.path("steps").fieldNames())
        .toIterable()
        .containsExactly("serverMs", "syncMs", "workersMs", "pipelineMs", "totalMs");
    assertThat(json.path("workers").toString()).contains("update_stage_status");
    Map<String, String> byTitle = new TreeMap<>();
    for (JsonNode d : json.path("documents")) {
      List<String> stages = new ArrayList<>();
      for (JsonNode s : d.path("stages")) {
        stages.add(s.path("name").asText() + "=" + s.path("status").asText());
      }
      byTitle.put(d.path("title").asText(), String.join(",", stages));
    }
    assertThat(byTitle)
        .containsEntry("Good one", "draft=done,outline=done")
        .containsEntry("Bad one", "outline=blocked")
        .containsEntry("Untagged", "");
    JsonNode bad = json.path("documents").get(0);
    assertThat(bad.path("title").asText()).isEqualTo("Bad one");
    assertThat(bad.path("stages").get(0).path("failure").asText()).contains("kaboom");
    try (DocumentStore store = store()) {
      Document stored = store.get(bad.path("id").asText());
      assertThat(statuses(stored)).isEqualTo(Map.of("outline", "blocked"));
      assertThat(stored.body()).isEqualTo("This one breaks.");
    }
  }

  private DocumentStore store() {
    return DocumentStores.open(new ConfigLoader().env(Map.of()).workingDir(project).load());
  }

  private static Map<String, String> statuses(Document d) {
    Map<String, String> m = new TreeMap<>();
    for (StageInstance s : d.stages()) {
      m.put(s.name(), s.status().fileName());
    }
    return m;
  }

  private static List<String> ids(String summary) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^  ([0-9a-f-]{36})  ").matcher(summary);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /**
   * A project whose stages work like the core pipeline's first two: an outline for documents tagged
   * blog_post_ideas, then a draft; a document also tagged fragile fails its outline. The workflows
   * are INLINE, named for this test.
   */
  private void writeProject(String sfx) throws IOException {
    write(
        "config/idflow.yml",
        """
        base_dir: data
        conductor:
          read_timeout_ms: 120000
        fs_markdown:
          fsync: false
        tasks:
          scripts: false
          scan_packages: [io.idflow.stage]
        """);
    write(
        "stages/outline.yml",
        """
        name: outline
        workflows:
          - name: qs_outline_%s
        requirements:
          list_checks:
            - {attribute: tags, operator: HAS, value: blog_post_ideas, case_sensitive: false}
        """
            .formatted(sfx));
    write(
        "stages/draft.yml",
        """
        name: draft
        workflows:
          - name: qs_draft_%s
        requirements:
          stages:
            outline: {status: done}
        """
            .formatted(sfx));
    write(
        "workflows/qs_outline_%s/qs_outline_%s.json".formatted(sfx, sfx),
        workflow(
            "qs_outline_" + sfx,
            "(function(){ if ($.tags.indexOf('fragile') >= 0) { throw new Error('kaboom'); }"
                + " return 'Outline of ' + $.title; })()",
            "{\"title\": \"Outline: ${workflow.input.doc.title}\","
                + " \"body\": \"${step.output.result}\"}"));
    write(
        "workflows/qs_draft_%s/qs_draft_%s.json".formatted(sfx, sfx),
        workflow(
            "qs_draft_" + sfx,
            "(function(){ return $.title + ' is easier than it looks.'; })()",
            "\"${step.output.result}\""));
    // The core library's content stages apply to every project and would start for documents
    // tagged blog_post_ideas too; this project runs only the stage engine's workers, so it
    // switches them off the way a user would (a stage file of the same name, active: false).
    var config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    for (StageDefinition d : StageCatalog.load(ResourceResolver.forConfig(config)).active()) {
      if (!d.name().equals("outline") && !d.name().equals("draft")) {
        write("stages/zz_off_" + d.name() + ".yml", "name: " + d.name() + "\nactive: false\n");
      }
    }
  }

  private static String workflow(String name, String expression, String doc) {
    return """
        {
          "name": "%s",
          "version": 1,
          "schemaVersion": 2,
          "inputParameters": ["doc"],
          "tasks": [
            {
              "name": "step",
              "taskReferenceName": "step",
              "type": "INLINE",
              "inputParameters": {
                "evaluatorType": "graaljs",
                "title": "${workflow.input.doc.title}",
                "tags": "${workflow.input.doc.tags}",
                "expression": %s
              }
            }
          ],
          "outputParameters": {"doc": %s}
        }
        """
        .formatted(name, JSON.valueToTree(expression).toString(), doc);
  }

  private void write(String path, String text) throws IOException {
    Path f = project.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }
}

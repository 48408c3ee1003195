package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocRef;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageResult;
import io.idflow.api.document.StageStatus;
import io.idflow.cli.doc.DocCommand;
import io.idflow.cli.stage.StageCommand;
import io.idflow.cli.sync.Sync;
import io.idflow.conductor.task.DiscoveredTask;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDiscovery;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.ModuleRepository;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core content pipeline on a real Conductor with the real runner in this JVM: the core library
 * is synced, every class-path worker runs, and documents written for the test go through their
 * stages by themselves (research, draft, generate, publish; enrich where tagged) to their persisted
 * results, references and published Markdown and HTML. Offline: no endpoint is configured.
 *
 * <p>It uses the core library's own workflow and task names (its stages name them); nothing else
 * may poll those tasks on the test server while it runs.
 */
@ExtendWith(ConductorServerExtension.class)
class ContentPipelineIT {

  private static final List<String> BLOG_STAGES =
      List.of(
          "research_blog_post_ideas",
          "create_blog_post_draft",
          "generate_blog_post",
          "publish_blog_post");

  @TempDir Path project;

  private static String text(String name) throws Exception {
    return Files.readString(
        ModuleRepository.projectRoot()
            .resolve("idflow-content/src/test/resources/texts/" + name + ".md"));
  }

  @Test
  void documentsGoFromTheirTagsToPublishedPages(ConductorTestServer server) throws Exception {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(
        project.resolve("config/idflow.yml"),
        "base_dir: data\nconductor:\n  server_url: "
            + server.url()
            + "\n  connect_timeout_ms: 30000\n  read_timeout_ms: 60000\n"
            // idflow's own workers, as on a user's class path (the tests' class path has fixtures)
            + "tasks:\n  scan_packages: [io.idflow.content.tasks, io.idflow.stage]\n"
            + "  scripts: false\n");
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    CliHarness idflow = CliHarness.of(project, Sync.class, DocCommand.class, StageCommand.class);

    CliHarness.Result sync = idflow.run("sync", "--yes");
    assertThat(sync.exitCode()).as(sync.toString()).isZero();

    TaskRunner runner;
    try (TaskCatalog catalog = TaskDiscovery.builder(config).scripts(false).build().discover()) {
      List<WorkerMethod> workers = new ArrayList<>();
      for (DiscoveredTask t : catalog.tasks()) {
        workers.add(WorkerMethod.of(t, config));
      }
      assertThat(workers)
          .extracting(WorkerMethod::taskName)
          .contains(
              "keyword_extract",
              "summarize",
              "readability",
              "related_docs",
              "web_search",
              "llm_text_complete",
              "create_blog_post_draft",
              "generate_blog_post",
              "publish",
              "update_stage_status");
      runner =
          TaskRunner.builder(server.client())
              .gracePeriod(Duration.ofSeconds(5))
              .workers(workers, WorkerConfig.of(config))
              .build();
    }
    runner.start();
    try {
      // Keywords are weighed against the project's documents, so every document is there before
      // a stage starts: the tagged ones get their tags once all five exist.
      String city = add(idflow, text("city-compost"), "[]");
      String sourdough = add(idflow, text("sourdough"), "[]");
      String local = add(idflow, text("local-conductor"), "[]");
      String compost = add(idflow, text("composting"), "[]");
      String engines = add(idflow, text("workflow-engines"), "[]");
      tag(idflow, compost, "[\"blog_post_ideas\"]");
      tag(idflow, engines, "[\"Blog_Post_Ideas\", \"enrich\"]");

      Document c = awaitDone(config, compost, BLOG_STAGES);
      List<String> engineStages = new ArrayList<>(BLOG_STAGES);
      engineStages.add("enrich");
      Document e = awaitDone(config, engines, engineStages);

      // research: keywords, key phrases, a summary; related documents as references
      StageResult research = result(c, "research_blog_post_ideas");
      assertThat(research.properties().get("keywords"))
          .asList()
          .contains("pile", "compost")
          .doesNotContain("the", "and");
      assertThat(research.properties().get("keyphrases"))
          .asList()
          .startsWith("compost pile", "green material");
      assertThat(research.body()).startsWith("A compost pile needs four things");
      assertThat(c.stage("research_blog_post_ideas", 1).orElseThrow().results().keySet())
          .containsExactly("research_blog_post_ideas"); // web_research's `when` was false
      List<DocRef> refs = c.docRefs("related");
      assertThat(refs).extracting(DocRef::uuid).containsExactly(city);
      assertThat(refs.get(0).data()).containsEntry("title", "City composting programs");
      assertThat(((Number) refs.get(0).data().get("score")).doubleValue()).isGreaterThan(1.0);
      assertThat(e.docRefs("related")).extracting(DocRef::uuid).containsExactly(local);

      // draft and post
      StageResult draft = result(c, "create_blog_post_draft");
      assertThat(draft.properties())
          .containsEntry("method", "template")
          .containsEntry("title", "Composting at home");
      assertThat(draft.body())
          .startsWith("A compost pile needs four things")
          .contains("## Compost pile")
          .contains("## Related reading\n\n- City composting programs (score ");
      StageResult post = result(c, "generate_blog_post");
      assertThat(post.properties().get("tags")).asList().contains("pile", "compost");
      assertThat(post.properties()).containsKeys("fleschReadingEase", "level");
      assertThat(draft.body()).contains((String) post.properties().get("description"));
      assertThat(post.properties().get("readingMinutes")).isEqualTo(1);
      assertThat(post.body()).isEqualTo(draft.body());

      // published files
      StageResult published = result(c, "publish_blog_post");
      assertThat(published.properties())
          .containsEntry("markdown", "publish/" + compost + ".md")
          .containsEntry("html", "publish/" + compost + ".html")
          .containsEntry("webhook", "not configured");
      String md = Files.readString(project.resolve("publish/" + compost + ".md"));
      assertThat(md)
          .startsWith("---\ntitle: Composting at home\n")
          .contains("document: " + compost + "\n")
          .contains("---\n# Composting at home\n\nA compost pile needs four things");
      String html = Files.readString(project.resolve("publish/" + compost + ".html"));
      assertThat(html)
          .contains("<title>Composting at home</title>")
          .contains("<h2>Compost pile</h2>")
          .contains("<li>City composting programs (score ");
      String engineHtml = Files.readString(project.resolve("publish/" + engines + ".html"));
      assertThat(engineHtml).contains("<h1>Why document pipelines need a workflow engine</h1>");

      // enrich: keywords, summary and readability side by side
      StageResult enrich = result(e, "enrich");
      assertThat(enrich.properties().get("keywords")).asList().contains("engine");
      assertThat(enrich.properties())
          .containsEntry("fleschReadingEase", 61.8)
          .containsEntry("level", "standard");
      assertThat(enrich.body()).contains("workflow engine");

      // untagged documents get no stage
      assertThat(read(config, sourdough).stages()).isEmpty();
      assertThat(read(config, city).stages()).isEmpty();

      CliHarness.Result show = idflow.run("stage", "show", compost);
      assertThat(show.exitCode()).as(show.toString()).isZero();
      // The README's content pipeline section shows this output.
      System.out.println("--- stage show\n" + show.out() + "--- publish/" + compost + ".md\n" + md);
      assertThat(show.out())
          .contains("publish_blog_post #1: done")
          .contains("research_blog_post_ideas #1: done");
    } finally {
      runner.shutdownNow();
      runner.awaitTermination(Duration.ofSeconds(10));
    }
  }

  private static String add(CliHarness idflow, String body, String tags) {
    CliHarness.Result r = idflow.run("doc", "add", body, "--json", "tags=" + tags);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().strip();
  }

  private static void tag(CliHarness idflow, String id, String tags) {
    CliHarness.Result r = idflow.run("doc", "modify", id, "--json", "tags=" + tags);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private static Document read(IdflowConfig config, String id) {
    try (DocumentStore store =
        DocumentStores.open(config, DocumentStores.Options.defaults().withListeners(false))) {
      return store.get(id);
    }
  }

  private static StageResult result(Document d, String stage) {
    StageInstance s = d.stages(stage).get(0);
    assertThat(s.status()).isEqualTo(StageStatus.DONE);
    return s.results().values().iterator().next();
  }

  /** Polls the store until the document has a done instance of each stage; fails on blocked. */
  private static Document awaitDone(IdflowConfig config, String id, List<String> stages)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (true) {
      Document d = read(config, id);
      for (StageInstance s : d.stages()) {
        assertThat(s.status())
            .as("stage %s of %s: %s", s.name(), id, s.properties())
            .isNotIn(StageStatus.BLOCKED, StageStatus.CANCELLED);
      }
      boolean all =
          stages.stream()
              .allMatch(n -> d.stages(n).stream().anyMatch(s -> s.status() == StageStatus.DONE));
      if (all) {
        return d;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("stages of " + id + " not done in time: " + d.stages());
      }
      Thread.sleep(200); // the poll interval of the condition above, not a fixed wait
    }
  }
}

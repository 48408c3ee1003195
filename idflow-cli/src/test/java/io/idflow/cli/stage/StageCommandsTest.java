package io.idflow.cli.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.api.internal.Json;
import io.idflow.cli.CliHarness;
import io.idflow.cli.doc.DocCommand;
import io.idflow.testing.FreePort;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage commands without a Conductor: the project's Conductor URL is a closed port, so stage
 * starts fail and instances stay scheduled with a warning, as they do when Conductor is down. Runs
 * that start are in {@code StageCommandsIT}.
 */
class StageCommandsTest {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @TempDir Path dir;
  private CliHarness cli;
  private String url;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "stages", dir);
    url = FreePort.closedUrl();
    cli = CliHarness.of(dir, StageCommand.class, DocCommand.class).env("IDFLOW_CONDUCTOR_URL", url);
  }

  /** Stores a document without running the stage listener, as if written before stages existed. */
  private String quietly(Document doc) {
    try (DocumentStore store =
        DocumentStores.open(
            new ConfigLoader().env(Map.of()).workingDir(dir).load(),
            DocumentStores.Options.defaults().withListeners(false))) {
      return store.create(doc).id();
    }
  }

  private Document read(String id) {
    try (DocumentStore store =
        DocumentStores.open(
            new ConfigLoader().env(Map.of()).workingDir(dir).load(),
            DocumentStores.Options.defaults().withListeners(false))) {
      return store.get(id);
    }
  }

  private String blogPost() {
    return quietly(Document.create().put("title", "Post").put("tags", List.of("Blog")));
  }

  private String note() {
    return quietly(Document.create().put("title", "Note").put("kind", "note"));
  }

  private void brokenStageFile() throws Exception {
    Files.writeString(dir.resolve("stages/z_broken.yml"), "name: broken\nworkflows: 3\n");
  }

  // --- stage list ---

  @Test
  void listPrintsEveryDefinitionSortedByName() {
    CliHarness.Result r = cli.run("stage", "list");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            NAME                      STATUS                      ORIGIN    WORKFLOWS                               REQUIREMENTS
            core                      active (no_eval)            extended  research_wf                             none
            create_blog_post_draft    active                      standard  create_blog_post_draft                  stage research_blog_post_ideas done
            draft                     active (multiple_callable)  custom    draft_wf                                stage research done; tasks proofread
            enrich                    active                      standard  enrich_document                         tags HAS enrich (any case)
            followup                  active                      custom    -                                       stage notes done
            fragile                   active                      custom    research_wf                             kind EQ fragile
            generate_blog_post        active                      standard  generate_blog_post                      stage create_blog_post_draft done
            notes                     active (multiple_callable)  custom    -                                       kind EQ note
            old                       inactive                    custom    draft_wf                                none
            publish_blog_post         active                      standard  publish_blog_post                       stage generate_blog_post done
            research                  active                      custom    research_wf                             tags HAS blog (any case)
            research_blog_post_ideas  active                      standard  research_blog_post_ideas, web_research  tags HAS blog_post_ideas (any case)
            """);
    assertThat(r.err()).isEmpty();
    assertThat(cli.run("stage", "ls").out()).isEqualTo(r.out());
  }

  @Test
  void listAsJsonIsOneDocumentWithStagesAndProblems() throws Exception {
    brokenStageFile();
    CliHarness.Result r = cli.run("stage", "list", "--output", "json");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertThat(doc.get("stages")).hasSize(12); // with the core library's content stages
    JsonNode research = doc.get("stages").get(10);
    assertThat(research.get("name").asText()).isEqualTo("research");
    assertThat(research.get("active").asBoolean()).isTrue();
    assertThat(research.get("origin").asText()).isEqualTo("custom");
    assertThat(research.at("/workflows/0/name").asText()).isEqualTo("research_wf");
    assertThat(research.at("/workflows/0/inputs/depth").asInt()).isEqualTo(2);
    assertThat(research.get("requirements").asText()).isEqualTo("tags HAS blog (any case)");
    assertThat(research.get("source").asText()).isEqualTo("stages/a_research.yml");
    assertThat(doc.at("/stages/0/noEval").asBoolean()).isTrue();
    assertThat(doc.at("/problems/0/source").asText()).isEqualTo("stages/z_broken.yml");
    assertThat(doc.at("/problems/0/reason").asText()).isNotBlank();
  }

  @Test
  void listNamesInvalidDefinitionsOnStderrAfterTheValidOnesAndExitsFive() throws Exception {
    brokenStageFile();
    CliHarness.Result r = cli.run("stage", "list");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.out()).contains("research").doesNotContain("broken");
    List<String> err = r.err().lines().toList();
    assertThat(err).hasSize(2);
    assertThat(err.get(0)).startsWith("warning: stage definition skipped: stages/z_broken.yml: ");
    assertThat(err.get(1))
        .isEqualTo(
            "error: 1 stage definition is invalid and was left out (see the warnings above)");
  }

  @Test
  void aProjectWithoutStagesListsTheCoreLibrarysStages() throws Exception {
    try (var files = Files.list(dir.resolve("stages"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    CliHarness.Result r = cli.run("stage", "list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .containsPattern("(?m)^core +active \\(no_eval\\) +standard +- +none$")
        .containsPattern("(?m)^research_blog_post_ideas +active +standard ")
        .doesNotContain("research_wf");
    assertThat(r.err()).isEmpty();
  }

  // --- stage evaluate ---

  @Test
  void evaluateReportsEachDocumentAndLeavesUnstartableStagesScheduled() {
    String id = blogPost();
    CliHarness.Result r = cli.run("stage", "evaluate");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    StageInstance research = read(id).stages("research").get(0);
    assertThat(research.status()).isEqualTo(StageStatus.SCHEDULED);
    assertThat(r.out())
        .isEqualTo(
            "Evaluating 1 document...\n"
                + "\n"
                + "Document "
                + id
                + " (status: inbox):\n"
                + "  core: SKIPPED - no_eval\n"
                + "  create_blog_post_draft: SKIPPED - requirements not met: stage"
                + " research_blog_post_ideas done: the document has no instance of"
                + " research_blog_post_ideas\n"
                + "  enrich: SKIPPED - requirements not met: list check tags HAS enrich (any case):"
                + " not met (tags is [Blog])\n"
                + "  generate_blog_post: SKIPPED - requirements not met: stage create_blog_post_draft"
                + " done: the document has no instance of create_blog_post_draft\n"
                + "  publish_blog_post: SKIPPED - requirements not met: stage generate_blog_post"
                + " done: the document has no instance of generate_blog_post\n"
                + "  research_blog_post_ideas: SKIPPED - requirements not met: list check tags HAS"
                + " blog_post_ideas (any case): not met (tags is [Blog])\n"
                + "  research: STARTED - requirements met (stage ID: "
                + research.id()
                + ") - no workflows triggered\n"
                + "  draft: SKIPPED - requirements not met: stage research done: no instance is"
                + " done (1: scheduled)\n"
                + "  notes: SKIPPED - requirements not met: attribute check kind EQ note: kind is"
                + " missing\n"
                + "  followup: SKIPPED - requirements not met: stage notes done: the document has"
                + " no instance of notes\n"
                + "  fragile: SKIPPED - requirements not met: attribute check kind EQ fragile:"
                + " kind is missing\n"
                + "  Document status changed: inbox → active (has 1 stage)\n"
                + "\n"
                + "Summary:\n"
                + "  Documents evaluated: 1\n"
                + "  Stage evaluations: 10\n"
                + "  Stages started: 1\n"
                + "  Stages skipped: 10\n");
    assertThat(r.err())
        .startsWith("warning: stage research (1) of document " + id + " stays scheduled: Conductor")
        .contains(url)
        .hasLineCount(1);
    assertThat(read(id).status()).isEqualTo(DocumentStatus.ACTIVE);
  }

  @Test
  void evaluateReportsTheStagesTheSaveStartsAfterOneThatEndedAtOnce() {
    String id = note();
    CliHarness.Result r = cli.run("stage", "evaluate", "--uuid", id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Document after = read(id);
    StageInstance notes = after.stages("notes").get(0);
    StageInstance followup = after.stages("followup").get(0);
    assertThat(notes.status()).isEqualTo(StageStatus.DONE);
    assertThat(followup.status()).isEqualTo(StageStatus.DONE);
    assertThat(r.out())
        .contains(
            "  notes: STARTED - requirements met (stage ID: "
                + notes.id()
                + ") - no workflows triggered (none to run: the stage is done)\n")
        .contains(
            "  followup: STARTED - requirements met on save (stage ID: "
                + followup.id()
                + ") - no workflows triggered (none to run: the stage is done)\n")
        .contains("  Document status changed: inbox → active (has 2 stages)\n")
        .contains("  Stages started: 2\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void evaluateReportsTheScheduledInstancesItsSaveStarted() {
    Document doc = Document.create().put("kind", "note");
    StageInstance waiting = doc.addStage("notes");
    String id = quietly(doc);
    CliHarness.Result r = cli.run("stage", "evaluate", "--uuid", id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(read(id).stageById(waiting.id()).orElseThrow().status()).isEqualTo(StageStatus.DONE);
    assertThat(r.out())
        .contains("  notes: SKIPPED - already has active stage (status: scheduled)\n")
        .contains(
            "  notes: STARTED - scheduled before, started now (stage ID: "
                + waiting.id()
                + ") - no workflows triggered (none to run: the stage is done)\n")
        .contains("  followup: STARTED - requirements met on save")
        .contains("  Stages started: 2\n");
  }

  @Test
  void evaluateSaysWhyAStageWasBlockedAtOnce() {
    String id = quietly(Document.create().put("kind", "fragile"));
    CliHarness.Result r = cli.run("stage", "evaluate", "--stage", "fragile");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(read(id).stages("fragile").get(0).status()).isEqualTo(StageStatus.BLOCKED);
    assertThat(r.out())
        .containsPattern(
            "  fragile: STARTED - requirements met \\(stage ID: [-0-9a-f]+\\) - no workflows"
                + " triggered \\(blocked: when of workflow 'research_wf': TypeError: .*'level'.*\\)\n");
  }

  @Test
  void dryRunEvaluatesCopiesAndWritesNothing() throws Exception {
    String id = blogPost();
    Path file = dir.resolve("data/inbox").resolve(id).resolve("doc.md");
    String before = Files.readString(file);
    CliHarness.Result r = cli.run("stage", "evaluate", "--dry-run");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("  research: WOULD START - requirements met\n")
        .contains("  Document status would change: inbox → active (has 1 stage)\n")
        .contains("  Stages to start: 1\n")
        .doesNotContain("stage ID");
    assertThat(r.err()).isEqualTo("Dry run: nothing was written and no stage was started.\n");
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(dir.resolve("data/inbox").resolve(id).resolve("stages")).doesNotExist();
  }

  @Test
  void evaluateAsJsonIsOneDocument() throws Exception {
    String id = blogPost();
    CliHarness.Result r = cli.run("stage", "evaluate", "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertThat(doc.get("dryRun").asBoolean()).isFalse();
    JsonNode d = doc.at("/documents/0");
    assertThat(d.get("id").asText()).isEqualTo(id);
    assertThat(d.get("statusBefore").asText()).isEqualTo("inbox");
    assertThat(d.get("statusAfter").asText()).isEqualTo("active");
    JsonNode research = d.at("/stages/6"); // after the core library's stages
    assertThat(research.get("name").asText()).isEqualTo("research");
    assertThat(research.get("outcome").asText()).isEqualTo("started");
    assertThat(research.get("stageId").asText()).matches(UUID);
    assertThat(research.get("counter").asInt()).isEqualTo(1);
    assertThat(research.get("status").asText()).isEqualTo("scheduled");
    assertThat(research.get("workflowId").isNull()).isTrue();
    assertThat(research.get("workflows")).isEmpty();
    assertThat(d.at("/stages/1/outcome").asText()).isEqualTo("skipped");
    assertThat(d.at("/stages/1/reason").asText()).startsWith("requirements not met: ");
    assertThat(doc.at("/summary/documentsEvaluated").asInt()).isEqualTo(1);
    assertThat(doc.at("/summary/stagesStarted").asInt()).isEqualTo(1);
    assertThat(doc.at("/summary/stagesSkipped").asInt()).isEqualTo(10);
    assertThat(doc.get("problems")).isEmpty();
  }

  @Test
  void evaluateSelectsByStatusOrId() {
    String inbox = blogPost();
    String done = quietly(Document.create().setStatus(DocumentStatus.DONE).put("kind", "note"));

    CliHarness.Result byStatus = cli.run("stage", "evaluate", "--status", "done");
    assertThat(byStatus.exitCode()).as(byStatus.toString()).isZero();
    assertThat(byStatus.out())
        .contains("Document " + done + " (status: done):\n")
        .contains("  no stages evaluated: only inbox and active documents get stages\n")
        .doesNotContain(inbox);

    CliHarness.Result byId = cli.run("stage", "evaluate", "--uuid", inbox, "--stage", "research");
    assertThat(byId.exitCode()).as(byId.toString()).isZero();
    assertThat(byId.out())
        .contains("Evaluating 1 document...")
        .contains("  research: STARTED")
        .doesNotContain("draft:");
  }

  @Test
  void evaluateRefusesBadInputWithExitTwo() {
    blogPost();
    CliHarness.Result stage = cli.run("stage", "evaluate", "--stage", "nope");
    assertThat(stage.exitCode()).isEqualTo(2);
    assertThat(stage.err())
        .isEqualTo(
            "error: stage 'nope' not found; available stages: core, create_blog_post_draft,"
                + " enrich, generate_blog_post, publish_blog_post, research_blog_post_ideas,"
                + " research, draft, notes, followup, fragile\n");

    CliHarness.Result uuid =
        cli.run("stage", "evaluate", "--uuid", "5d26a3cc-1d04-4ed8-a702-8a658609daa9");
    assertThat(uuid.exitCode()).isEqualTo(2);
    assertThat(uuid.err())
        .isEqualTo("error: document not found: 5d26a3cc-1d04-4ed8-a702-8a658609daa9\n");

    CliHarness.Result both = cli.run("stage", "evaluate", "--uuid", "x", "--status", "done");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("error: --uuid and --status exclude each other\n");

    CliHarness.Result status = cli.run("stage", "evaluate", "--status", "later");
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err()).startsWith("error: invalid document status 'later'");
  }

  @Test
  void noDocumentsIsTalkAndNotAFailure() throws Exception {
    CliHarness.Result r = cli.run("stage", "evaluate", "--status", "active");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("No documents found with status 'active'\n");

    CliHarness.Result json = cli.run("stage", "evaluate", "-o", "json");
    assertThat(json.exitCode()).isZero();
    assertThat(Json.MAPPER.readTree(json.out()).get("documents")).isEmpty();
  }

  @Test
  void evaluateWarnsOfInvalidDefinitionsOnceEvaluatesTheOthersAndExitsFive() throws Exception {
    brokenStageFile();
    String id = note();
    CliHarness.Result r = cli.run("stage", "evaluate");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(read(id).stages("notes")).hasSize(1);
    assertThat(r.out()).contains("  notes: STARTED");
    List<String> err = r.err().lines().toList();
    assertThat(err).hasSize(2);
    assertThat(err.get(0)).startsWith("warning: stage definition skipped: stages/z_broken.yml");
    assertThat(err.get(1)).startsWith("error: 1 stage definition is invalid");
  }

  // --- stage run ---

  @Test
  void runPrintsTheNewInstanceAndSaysWhyItStaysScheduled() {
    String id = blogPost();
    CliHarness.Result r = cli.run("stage", "run", "research", id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    StageInstance s = read(id).stages("research").get(0);
    assertThat(r.out()).isEqualTo(s.id() + "\n");
    assertThat(s.status()).isEqualTo(StageStatus.SCHEDULED);
    assertThat(r.err())
        .contains("warning: stage research (1) of document " + id + " stays scheduled: Conductor")
        .contains(
            "stage research #1 of document "
                + id
                + " stays scheduled; the next change to the document, or 'idflow stage evaluate"
                + " --uuid "
                + id
                + "', starts it");
    assertThat(read(id).status()).isEqualTo(DocumentStatus.ACTIVE);

    CliHarness.Result again = cli.run("stage", "run", "research", id);
    assertThat(again.exitCode()).isEqualTo(6);
    assertThat(again.err())
        .isEqualTo(
            "error: stage research of document "
                + id
                + " is scheduled already (run 1); cancel it first with 'idflow stage cancel'\n");

    CliHarness.Result shown = cli.run("doc", "show", id);
    assertThat(shown.out()).contains("Stages:\n  research #1: scheduled (" + s.id() + ")\n");
  }

  @Test
  void runSaysWhichRequirementIsNotMet() {
    String id = note();
    CliHarness.Result r = cli.run("stage", "run", "draft", id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err())
        .isEqualTo(
            "stage draft #1 of document "
                + id
                + " is scheduled: requirements not met: stage research done: the document has no"
                + " instance of research; it starts when a change to the document meets them\n");
  }

  @Test
  void runWaitEndsWithTheInstance() throws Exception {
    String id = note();
    CliHarness.Result done = cli.run("stage", "run", "notes", id, "--wait", "-o", "json");
    assertThat(done.exitCode()).as(done.toString()).isZero();
    JsonNode json = Json.MAPPER.readTree(done.out());
    assertThat(json.get("stage").asText()).isEqualTo("notes");
    assertThat(json.get("status").asText()).isEqualTo("done");
    assertThat(json.get("waited").asBoolean()).isTrue();
    assertThat(done.err()).contains("stage notes #1 of document " + id + ": done");

    String fragile = quietly(Document.create().put("kind", "fragile"));
    CliHarness.Result blocked = cli.run("stage", "run", "fragile", fragile, "--wait");
    assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(7);
    assertThat(blocked.out()).matches(UUID + "\n");
    assertThat(blocked.err())
        .containsPattern(
            "(?m)^error: stage fragile #1 of document "
                + fragile
                + " ended blocked: workflow research_wf: when of workflow 'research_wf': TypeError: .*'level'");
  }

  @Test
  void runWaitGivesUpAfterTheTimeoutWithExitOne() {
    String id = note();
    CliHarness.Result r = cli.run("stage", "run", "draft", id, "--wait", "--timeout", "1s");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "stage draft #1 of document "
                + id
                + " is scheduled: requirements not met: stage research done: the document has no"
                + " instance of research; it starts when a change to the document meets them\n"
                + "error: gave up")
        .endsWith(
            "error: gave up waiting after 1s: stage draft #1 of document "
                + id
                + " is still scheduled; it goes on (see 'idflow stage show "
                + id
                + "')\n");
  }

  @Test
  void runWaitWhenConductorIsDownIsExitFour() {
    String id = blogPost();
    CliHarness.Result r = cli.run("stage", "run", "research", id, "--wait");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.err())
        .endsWith(
            "error: cannot wait for stage research #1 of document "
                + id
                + ": it did not start (see the warning above) and Conductor is not reachable at "
                + url
                + "\n");
  }

  @Test
  void runRefusesBadInputWithExitTwo() {
    String id = blogPost();
    assertThat(cli.run("stage", "run", "nope", id).err())
        .startsWith("error: stage 'nope' not found; available stages: core,");
    assertThat(cli.run("stage", "run", "old", id).exitCode()).isEqualTo(2);
    CliHarness.Result missing =
        cli.run("stage", "run", "research", "5d26a3cc-1d04-4ed8-a702-8a658609daa9");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("error: document not found:");
    String done = quietly(Document.create().setStatus(DocumentStatus.DONE));
    CliHarness.Result finished = cli.run("stage", "run", "notes", done);
    assertThat(finished.exitCode()).isEqualTo(2);
    assertThat(finished.err())
        .isEqualTo(
            "error: document "
                + done
                + " is done: stages run only on inbox and active documents (see 'idflow doc"
                + " set-status')\n");
    assertThat(read(done).stages()).isEmpty();
    CliHarness.Result timeout = cli.run("stage", "run", "notes", id, "--timeout", "5m");
    assertThat(timeout.exitCode()).isEqualTo(2);
    assertThat(timeout.err()).isEqualTo("error: --timeout needs --wait\n");
    CliHarness.Result bad = cli.run("stage", "run", "notes", id, "--wait", "--timeout", "soon");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("invalid duration 'soon'");
  }

  // --- stage show ---

  @Test
  void showPrintsEveryInstance() throws Exception {
    String id = quietly(Document.create().put("kind", "note").put("tags", List.of("blog")));
    cli.run("stage", "evaluate");
    cli.run("stage", "run", "notes", id);
    Document d = read(id);
    StageInstance research = d.stages("research").get(0);
    CliHarness.Result r = cli.run("stage", "show", id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("Document " + id + " (status: active):\n")
        .contains(
            "\nresearch #1: scheduled\n"
                + "  id: "
                + research.id()
                + "\n"
                + "  stage workflow: -\n"
                + "  workflows: -\n")
        .contains("\nnotes #1: done\n")
        .contains("\nnotes #2: done\n")
        .contains("\nfollowup #1: done\n");

    JsonNode json = Json.MAPPER.readTree(cli.run("stage", "show", id, "-o", "json").out());
    assertThat(json.get("document").asText()).isEqualTo(id);
    assertThat(json.get("status").asText()).isEqualTo("active");
    JsonNode first = json.at("/stages/0");
    assertThat(first.get("name").asText()).isEqualTo("followup");
    assertThat(first.get("counter").asInt()).isEqualTo(1);
    assertThat(first.get("status").asText()).isEqualTo("done");
    assertThat(first.get("workflows")).isEmpty();
    assertThat(first.get("results")).isEmpty();
    assertThat(first.get("failure").isNull()).isTrue();
  }

  @Test
  void showNamesTheFailure() {
    String id = quietly(Document.create().put("kind", "fragile"));
    cli.run("stage", "evaluate");
    CliHarness.Result r = cli.run("stage", "show", id);
    assertThat(r.out())
        .contains("fragile #1: blocked\n")
        .containsPattern(
            "  failure: workflow research_wf: when of workflow 'research_wf': TypeError: .*'level'");
  }

  @Test
  void showWithoutStagesIsTalkAndAnUnknownDocumentIsExitTwo() {
    String id = quietly(Document.create());
    CliHarness.Result r = cli.run("stage", "show", id);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("Document " + id + " (status: inbox) has no stages\n");
    assertThat(cli.run("stage", "show", "5d26a3cc-1d04-4ed8-a702-8a658609daa9").exitCode())
        .isEqualTo(2);
  }

  // --- stage cancel ---

  @Test
  void cancelMarksTheOpenInstanceCancelled() {
    String id = blogPost();
    cli.run("stage", "run", "research", id);
    CliHarness.Result r = cli.run("stage", "cancel", id, "research");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("cancelled stage research #1 of document " + id + " (it had not started)\n");
    assertThat(read(id).stages("research").get(0).status()).isEqualTo(StageStatus.CANCELLED);

    CliHarness.Result again = cli.run("stage", "cancel", id, "research");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err())
        .isEqualTo("error: stage research of document " + id + " is not running\n");
  }
}

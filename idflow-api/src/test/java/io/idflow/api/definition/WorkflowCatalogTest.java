package io.idflow.api.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.idflow.api.TestProject;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowCatalogTest {

  @TempDir Path project;

  private WorkflowCatalog load(String testCase) {
    TestProject.copy(testCase, project);
    return WorkflowCatalog.load(
        ResourceResolver.forConfig(new ConfigLoader().env(Map.of()).workingDir(project).load()));
  }

  @Test
  void readsWorkflowsAndEventHandlersOfEveryFolder() {
    WorkflowCatalog catalog = load("definitions-valid");

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.workflows())
        .extracting(LocalWorkflow::name, LocalWorkflow::version)
        .containsExactly(tuple("blog_post", 1), tuple("blog_post", 3), tuple("simple", 1));
    assertThat(catalog.names()).containsExactly("blog_post", "simple");
    assertThat(catalog.versions("blog_post")).hasSize(2);

    LocalWorkflow blog = catalog.workflow("blog_post", 3).orElseThrow();
    assertThat(blog.source().displayName()).isEqualTo("workflows/blog/blog_post.json");
    assertThat(blog.origin()).isEqualTo(Origin.CUSTOM);
    assertThat(blog.definition().path("ownerEmail").asText()).isEqualTo("me@acme.test");
    // The file's JSON as written: nothing is added.
    assertThat(catalog.workflow("simple", 1).orElseThrow().definition().has("version")).isFalse();

    assertThat(catalog.eventHandlers())
        .extracting(LocalEventHandler::name)
        .containsExactly("lonely", "on_done", "on_fail");
    assertThat(catalog.eventHandlers().get(1).source().displayName())
        .isEqualTo("workflows/simple/event_handlers.json");
    assertThat(catalog.requireValid()).isSameAs(catalog);
  }

  @Test
  void definitionsAreCopiesTheCallerCannotChange() {
    WorkflowCatalog catalog = load("definitions-valid");
    catalog.workflow("simple", 1).orElseThrow().definition().put("name", "changed");
    assertThat(catalog.workflow("simple", 1).orElseThrow().definition().path("name").asText())
        .isEqualTo("simple");
  }

  @Test
  void everyProblemNamesFilePathAndReason() {
    WorkflowCatalog catalog = load("definitions-invalid");

    assertThat(catalog.problems())
        .filteredOn(p -> !p.reason().startsWith("invalid JSON"))
        .extracting(DefinitionProblem::source, DefinitionProblem::path, DefinitionProblem::reason)
        .containsExactlyInAnyOrder(
            tuple(
                "workflows/badexpr/badexpr.json",
                "$.tasks[0].decisionCases.x[0].inputParameters.v",
                "expression refers to unknown task reference 'ghost'"),
            tuple(
                "workflows/badexpr/badexpr.json",
                "$.outputParameters.o",
                "expression refers to unknown task reference 'phantom'"),
            tuple(
                "workflows/badversion/badversion.json",
                "$.version",
                "version must be a whole number >= 0, not \"two\""),
            tuple(
                "workflows/duprefs/duprefs.json",
                "$.tasks[1].forkTasks[1][0].taskReferenceName",
                "duplicate taskReferenceName 'same' (also at $.tasks[0])"),
            tuple(
                "workflows/duprefs/duprefs.json",
                "$.tasks[1].forkTasks[1][1].taskReferenceName",
                "missing taskReferenceName"),
            tuple("workflows/handlers/event_handlers.json", "$[1].event", "missing event"),
            tuple(
                "workflows/handlers/event_handlers.json",
                "$[2].name",
                "event handler 'good' is also defined in workflows/handlers/event_handlers.json"),
            tuple(
                "workflows/handlers/event_handlers.json",
                "$[3].actions",
                "an event handler needs at least one action"),
            tuple("workflows/nameless/nameless.json", "$.name", "missing workflow name"),
            tuple(
                "workflows/notasks/notasks.json", "$.tasks", "a workflow needs at least one task"),
            tuple(
                "workflows/twice/two.json",
                "$.name",
                "workflow twice v2 is also defined in workflows/twice/one.json"));

    // JSON syntax errors carry Jackson's reason and the position.
    assertThat(catalog.problems())
        .filteredOn(p -> p.source().equals("workflows/broken/broken.json"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("$");
              assertThat(p.reason())
                  .isEqualTo(
                      "invalid JSON: Unexpected end-of-input: expected close marker for Array"
                          + " (start marker at [line: 3, column: 12]) (line 4, column 1)");
            });
    assertThat(catalog.problems())
        .filteredOn(p -> p.source().equals("workflows/dupkeys/dupkeys.json"))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("Duplicate field 'name'"));

    // Only what is valid stays.
    assertThat(catalog.workflows())
        .extracting(LocalWorkflow::label)
        .containsExactly("twice v2", "twice v3");
    assertThat(catalog.workflow("twice", 2).orElseThrow().source().fileName())
        .isEqualTo("one.json");
    assertThat(catalog.eventHandlers()).extracting(LocalEventHandler::name).containsExactly("good");
  }

  @Test
  void requireValidFailsWithExitCodeFiveAndEveryProblem() {
    WorkflowCatalog catalog = load("definitions-invalid");
    assertThatThrownBy(catalog::requireValid)
        .isInstanceOfSatisfying(
            InvalidDefinitionsException.class,
            e -> {
              assertThat(e).isInstanceOf(io.idflow.api.InvalidContentException.class);
              assertThat(e.problems()).hasSameSizeAs(catalog.problems());
              assertThat(e.getMessage())
                  .startsWith(catalog.problems().size() + " invalid definitions: ")
                  .contains("workflows/nameless/nameless.json: $.name: missing workflow name")
                  .doesNotContain("\n");
            });
  }

  @Test
  void unknownWorkerTasksAreFoundAtAnyDepth() {
    WorkflowCatalog catalog = load("definitions-valid");
    Set<String> known = Set.of("research", "outline", "draft", "echo");

    assertThat(catalog.unknownTasks(known::contains))
        .extracting(DefinitionProblem::source, DefinitionProblem::path)
        .containsExactly(
            tuple(
                "workflows/blog/blog_post.json", "$.tasks[1].forkTasks[1][0].defaultCase[0].name"),
            tuple(
                "workflows/blog/blog_post.json",
                "$.tasks[3].subWorkflowParam.workflowDefinition.tasks[0].name"));
    assertThat(catalog.unknownTasks(known::contains).get(0).reason())
        .isEqualTo(
            "unknown task 'summary': no task method declares it and no task definition has that"
                + " name");
    assertThat(catalog.unknownTasks(name -> true)).isEmpty();
  }

  @Test
  void aTaskWithAnInlineDefinitionNeedsNoKnownTask() throws Exception {
    Files.createDirectories(project.resolve("workflows/inline"));
    Files.writeString(
        project.resolve("workflows/inline/w.json"),
        """
        {"name": "inline", "tasks": [
          {"name": "adhoc", "taskReferenceName": "a", "taskDefinition": {"name": "adhoc"}},
          {"name": "http", "taskReferenceName": "h", "type": "HTTP"}]}
        """);
    WorkflowCatalog catalog =
        WorkflowCatalog.load(ResourceResolver.builder().project(project).build());

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.unknownTasks(name -> false)).isEmpty();
  }

  @Test
  void taskNamesCoverEveryDepth() {
    WorkflowCatalog catalog = load("definitions-valid");
    assertThat(WorkflowTasks.taskNames(catalog.workflow("blog_post", 3).orElseThrow().definition()))
        .containsExactly(
            "draft",
            "fork",
            "join",
            "loop",
            "outline",
            "pick",
            "publish",
            "publish_flow",
            "research",
            "summary");
  }

  @Test
  void expressionHeadsSkipEscapesAndOddHeads() {
    assertThat(
            WorkflowValidator.expressionHeads(
                "${a.output} $${b.output} ${ c .x} ${d[0]} ${e} ${$.f} ${'g'}"))
        .containsExactly("a", "c", "d", "e");
  }
}

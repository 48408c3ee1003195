package io.idflow.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.internal.Json;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncPlanTest {

  @TempDir Path project;

  private static ObjectNode json(String s) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Definition taskDef(String name, String extra) {
    return new Definition(
        DefinitionKind.TASK_DEF,
        name,
        null,
        json("{\"name\":\"" + name + "\"" + extra + "}"),
        "Workers",
        Origin.STANDARD);
  }

  private void workflowFile(String dir, String content) throws Exception {
    Files.createDirectories(project.resolve("workflows/" + dir));
    Files.writeString(project.resolve("workflows/" + dir + "/" + dir + ".json"), content);
  }

  private LocalDefinitions local(List<Definition> taskDefs, List<DefinitionProblem> taskProblems) {
    return LocalDefinitions.of(
        taskDefs,
        taskProblems,
        WorkflowCatalog.load(ResourceResolver.builder().project(project).build()));
  }

  private static RemoteDefinitions remote(
      List<ObjectNode> taskDefs, List<ObjectNode> workflows, List<ObjectNode> handlers) {
    return new RemoteDefinitions(
        taskDefs, workflows, handlers, EnumSet.allOf(DefinitionKind.class));
  }

  @Test
  void everyActionIsFoundAndTaskDefinitionsComeFirst() throws Exception {
    workflowFile(
        "same",
        "{\"name\":\"same\",\"version\":2,\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"a\"}]}");
    workflowFile(
        "changed",
        "{\"name\":\"changed\",\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"x\"}]}");
    workflowFile(
        "fresh", "{\"name\":\"fresh\",\"tasks\":[{\"name\":\"b\",\"taskReferenceName\":\"b\"}]}");
    Files.writeString(
        project.resolve("workflows/fresh/event_handlers.json"),
        "[{\"name\":\"h\",\"event\":\"e\",\"actions\":[{\"action\":\"complete_task\"}]}]");
    LocalDefinitions local =
        local(List.of(taskDef("a", ",\"retryCount\":1"), taskDef("b", "")), List.of());
    RemoteDefinitions remote =
        remote(
            List.of(json("{\"name\":\"a\",\"retryCount\":3}"), json("{\"name\":\"old\"}")),
            List.of(
                json(
                    "{\"name\":\"same\",\"version\":2,\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"a\",\"type\":\"SIMPLE\"}]}"),
                json(
                    "{\"name\":\"changed\",\"version\":1,\"tasks\":[{\"name\":\"a\",\"taskReferenceName\":\"a\"}]}"),
                json("{\"name\":\"same\",\"version\":1,\"tasks\":[]}")),
            List.of(
                json("{\"name\":\"h\",\"event\":\"e\",\"actions\":[{\"action\":\"fail_task\"}]}")));

    SyncPlan plan = SyncPlan.compute(local, remote, SyncPlan.Scope.all());

    assertThat(plan.problems()).isEmpty();
    assertThat(plan.changes())
        .extracting(SyncPlan.Change::kind, SyncPlan.Change::label, SyncPlan.Change::action)
        .containsExactly(
            tuple(DefinitionKind.TASK_DEF, "a", SyncAction.UPDATE),
            tuple(DefinitionKind.TASK_DEF, "b", SyncAction.CREATE),
            tuple(DefinitionKind.TASK_DEF, "old", SyncAction.REMOTE_ONLY),
            tuple(DefinitionKind.WORKFLOW, "changed v1", SyncAction.CONFLICT),
            tuple(DefinitionKind.WORKFLOW, "fresh v1", SyncAction.CREATE),
            tuple(DefinitionKind.WORKFLOW, "same v1", SyncAction.REMOTE_ONLY),
            tuple(DefinitionKind.WORKFLOW, "same v2", SyncAction.UNCHANGED),
            tuple(DefinitionKind.EVENT_HANDLER, "h", SyncAction.UPDATE));
    assertThat(plan.changes().get(0).differences()).containsExactly("retryCount: 3 -> 1");
    assertThat(plan.changes().get(3).differences())
        .containsExactly("tasks[0].taskReferenceName: \"a\" -> \"x\"");
    assertThat(plan.counts())
        .containsEntry(SyncAction.CREATE, 2)
        .containsEntry(SyncAction.UPDATE, 2)
        .containsEntry(SyncAction.UNCHANGED, 1)
        .containsEntry(SyncAction.REMOTE_ONLY, 2)
        .containsEntry(SyncAction.CONFLICT, 1);
    assertThat(plan.writes(false)).hasSize(4);
    assertThat(plan.writes(true)).hasSize(5);
    // The uploaded workflow carries its version even where the file leaves it out.
    assertThat(plan.changes().get(4).local().json().path("version").asInt()).isEqualTo(1);
  }

  @Test
  void oneNameLeavesTheRestOut() throws Exception {
    LocalDefinitions local = local(List.of(taskDef("a", ""), taskDef("b", "")), List.of());
    RemoteDefinitions remote = remote(List.of(json("{\"name\":\"old\"}")), List.of(), List.of());

    SyncPlan plan =
        SyncPlan.compute(local, remote, SyncPlan.Scope.of(DefinitionKind.TASK_DEF, "b"));

    assertThat(plan.changes()).extracting(SyncPlan.Change::label).containsExactly("b");
  }

  @Test
  void workflowsUsingTasksNobodyDefinesAreProblems() throws Exception {
    workflowFile(
        "w",
        """
        {"name":"w","tasks":[
          {"name":"known_locally","taskReferenceName":"a"},
          {"name":"sw","taskReferenceName":"sw","type":"SWITCH","expression":"x","evaluatorType":"value-param",
           "inputParameters":{"x":"1"},
           "decisionCases":{"1":[{"name":"known_remotely","taskReferenceName":"b"},
                                 {"name":"nobody","taskReferenceName":"c"}]}}]}
        """);
    LocalDefinitions local = local(List.of(taskDef("known_locally", "")), List.of());
    RemoteDefinitions remote =
        remote(List.of(json("{\"name\":\"known_remotely\"}")), List.of(), List.of());

    SyncPlan plan = SyncPlan.compute(local, remote, SyncPlan.Scope.all());

    assertThat(plan.problems())
        .extracting(DefinitionProblem::source, DefinitionProblem::path)
        .containsExactly(tuple("workflows/w/w.json", "$.tasks[1].decisionCases['1'][1].name"));
    assertThat(plan.problems().get(0).reason()).startsWith("unknown task 'nobody'");
    // Only task definitions in scope: workflow problems do not block them.
    assertThat(
            SyncPlan.compute(local, remote, SyncPlan.Scope.of(DefinitionKind.TASK_DEF, null))
                .problems())
        .isEmpty();
  }

  @Test
  void withoutTaskDiscoveryTheTaskCheckIsSkippedAndTheDiscoveryProblemReported() throws Exception {
    workflowFile("w", "{\"name\":\"w\",\"tasks\":[{\"name\":\"x\",\"taskReferenceName\":\"x\"}]}");
    DefinitionProblem broken = new DefinitionProblem("tasks/x/X.java", "$", "does not build");
    LocalDefinitions local = local(List.of(), List.of(broken));

    SyncPlan plan =
        SyncPlan.compute(local, remote(List.of(), List.of(), List.of()), SyncPlan.Scope.all());
    assertThat(plan.problems()).containsExactly(broken);

    SyncPlan workflowsOnly =
        SyncPlan.compute(
            local,
            remote(List.of(), List.of(), List.of()),
            SyncPlan.Scope.of(DefinitionKind.WORKFLOW, null));
    assertThat(workflowsOnly.problems()).isEmpty();
  }

  @Test
  void aPlanWithProblemsIsNeverApplied() {
    SyncPlan plan = new SyncPlan(List.of(), List.of(new DefinitionProblem("f", "$", "bad")));
    assertThatThrownBy(() -> SyncApply.apply(plan, null, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void changesNeedTheSidesTheirActionImplies() {
    assertThatThrownBy(
            () ->
                new SyncPlan.Change(
                    DefinitionKind.TASK_DEF, "a", null, SyncAction.UPDATE, List.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.idflow.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.WorkflowTasks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The difference between local definitions and Conductor's, as one {@link Change} per definition:
 * create, update, unchanged, remote-only or conflict. Pure: computing a plan talks to nobody;
 * {@link SyncApply} carries it out. Immutable and thread-safe.
 *
 * @param changes in apply order: task definitions, workflows, event handlers; by name (and version)
 *     within a kind
 * @param problems what is wrong with the local definitions in scope: invalid files, task methods
 *     that could not be discovered, workflows that use tasks nobody declares or defines; a plan
 *     with problems must not be applied
 */
public record SyncPlan(List<Change> changes, List<DefinitionProblem> problems) {

  /** Copies the lists. */
  public SyncPlan {
    changes = List.copyOf(changes);
    problems = List.copyOf(problems);
  }

  /**
   * One definition's part of the plan.
   *
   * @param kind the kind of definition
   * @param name its name
   * @param version the workflow version (null for the other kinds)
   * @param action what the plan does
   * @param differences for update and conflict, what differs ({@code path: conductor -> local})
   * @param local the local definition; null for remote-only
   * @param remote Conductor's definition; null for create
   */
  public record Change(
      DefinitionKind kind,
      String name,
      Integer version,
      SyncAction action,
      List<String> differences,
      Definition local,
      ObjectNode remote) {

    /** Validates the fields. */
    public Change {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(action, "action");
      differences = List.copyOf(differences);
      if ((local == null && action != SyncAction.REMOTE_ONLY)
          || (remote == null && action != SyncAction.CREATE)) {
        throw new IllegalArgumentException(action + " of " + name + " lacks a side");
      }
    }

    /** {@code name} or {@code name v<version>}. */
    public String label() {
      return Definition.label(name, version);
    }

    /** The local source, or null for remote-only. */
    public String source() {
      return local == null ? null : local.source();
    }
  }

  /**
   * Which definitions a plan covers: kinds, and optionally one name.
   *
   * @param kinds the kinds compared
   * @param name only this name (every version of a workflow); null for all, then definitions only
   *     in Conductor are part of the plan as remote-only
   */
  public record Scope(Set<DefinitionKind> kinds, String name) {
    /** Copies the kinds. */
    public Scope {
      kinds = Set.copyOf(kinds);
    }

    /** Every kind, every name: what {@code idflow sync} compares. */
    public static Scope all() {
      return new Scope(Set.of(DefinitionKind.values()), null);
    }

    /** One kind, every name or one. */
    public static Scope of(DefinitionKind kind, String name) {
      return new Scope(Set.of(kind), name);
    }

    boolean includes(DefinitionKind kind, String candidate) {
      return kinds.contains(kind) && (name == null || name.equals(candidate));
    }
  }

  /**
   * Compares local and remote definitions.
   *
   * @param local the local definitions
   * @param remote Conductor's, read at least for the kinds in scope (and task definitions when
   *     workflows are in scope, to know which tasks exist)
   * @param scope what to compare
   */
  public static SyncPlan compute(LocalDefinitions local, RemoteDefinitions remote, Scope scope) {
    List<Change> changes = new ArrayList<>();
    for (DefinitionKind kind : DefinitionKind.values()) {
      if (!scope.kinds().contains(kind)) {
        continue;
      }
      Map<String, ObjectNode> remoteByKey = new LinkedHashMap<>();
      for (ObjectNode r : remote.of(kind)) {
        remoteByKey.put(RemoteDefinitions.key(kind, r), r);
      }
      List<Change> ofKind = new ArrayList<>();
      for (Definition d : local.of(kind)) {
        if (!scope.includes(kind, d.name())) {
          continue;
        }
        ObjectNode r = remoteByKey.remove(d.key());
        ofKind.add(change(d, r));
      }
      // With one name in scope, what Conductor alone has is not part of the question.
      if (scope.name() == null) {
        for (ObjectNode r : remoteByKey.values()) {
          Integer version = kind == DefinitionKind.WORKFLOW ? r.path("version").asInt(1) : null;
          ofKind.add(
              new Change(
                  kind,
                  r.path("name").asText(),
                  version,
                  SyncAction.REMOTE_ONLY,
                  List.of(),
                  null,
                  r));
        }
      }
      ofKind.sort(
          Comparator.comparing(Change::name)
              .thenComparing(c -> c.version() == null ? 0 : c.version()));
      changes.addAll(ofKind);
    }
    return new SyncPlan(changes, problems(local, remote, scope, changes));
  }

  private static Change change(Definition d, ObjectNode remote) {
    if (remote == null) {
      return new Change(d.kind(), d.name(), d.version(), SyncAction.CREATE, List.of(), d, null);
    }
    List<String> diff = DefinitionComparison.differences(d.kind(), d.jsonView(), remote);
    SyncAction action =
        diff.isEmpty()
            ? SyncAction.UNCHANGED
            : d.kind() == DefinitionKind.WORKFLOW ? SyncAction.CONFLICT : SyncAction.UPDATE;
    return new Change(d.kind(), d.name(), d.version(), action, diff, d, remote);
  }

  /** The problems that concern the scope; with one name, only those of its own files. */
  private static List<DefinitionProblem> problems(
      LocalDefinitions local, RemoteDefinitions remote, Scope scope, List<Change> changes) {
    List<DefinitionProblem> all = new ArrayList<>();
    if (scope.kinds().contains(DefinitionKind.TASK_DEF)) {
      all.addAll(local.taskProblems());
    }
    boolean definitions =
        scope.kinds().contains(DefinitionKind.WORKFLOW)
            || scope.kinds().contains(DefinitionKind.EVENT_HANDLER);
    if (definitions) {
      all.addAll(local.workflowProblems());
      if (scope.kinds().contains(DefinitionKind.WORKFLOW) && local.tasksKnown()) {
        Set<String> known = new TreeSet<>(local.taskNames());
        known.addAll(remote.taskNames());
        all.addAll(unknownTasks(local, known::contains));
      }
    }
    if (scope.name() == null) {
      return all;
    }
    Set<String> sources = new TreeSet<>();
    changes.stream().filter(c -> c.local() != null).forEach(c -> sources.add(c.source()));
    return all.stream().filter(p -> sources.contains(p.source())).toList();
  }

  private static List<DefinitionProblem> unknownTasks(
      LocalDefinitions local, Predicate<String> known) {
    List<DefinitionProblem> out = new ArrayList<>();
    for (Definition w : local.workflows()) {
      WorkflowTasks.unknownWorkerTasks(
          w.jsonView(),
          known,
          (path, name) ->
              out.add(
                  new DefinitionProblem(
                      w.source(),
                      path,
                      "unknown task '"
                          + name
                          + "': no task method declares it and Conductor has no definition of it")));
    }
    return out;
  }

  /** The changes of one kind. */
  public List<Change> of(DefinitionKind kind) {
    return changes.stream().filter(c -> c.kind() == kind).toList();
  }

  /** How many changes have each action (every action present, zero when none). */
  public Map<SyncAction, Integer> counts() {
    Map<SyncAction, Integer> counts = new EnumMap<>(SyncAction.class);
    for (SyncAction a : SyncAction.values()) {
      counts.put(a, 0);
    }
    changes.forEach(c -> counts.merge(c.action(), 1, Integer::sum));
    return counts;
  }

  /** The changes applying would write (conflicts only when forced). */
  public List<Change> writes(boolean force) {
    return changes.stream().filter(c -> c.action().writes(force)).toList();
  }

  /** The conflicts. */
  public List<Change> conflicts() {
    return changes.stream().filter(c -> c.action() == SyncAction.CONFLICT).toList();
  }
}

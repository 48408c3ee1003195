package io.idflow.sync;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.conductor.client.exception.ConductorClientException;
import io.idflow.sync.SyncPlan.Change;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries out a {@link SyncPlan}: task definitions first (one bulk upsert), then workflows (one
 * bulk upsert), then event handlers (one request each, Conductor has no bulk call for them).
 * Conflicts are written only when forced; unchanged and remote-only definitions are left alone. A
 * failure is recorded per definition and the rest still goes ahead.
 */
public final class SyncApply {

  /** What became of one change. */
  public enum Outcome {
    /** Created in Conductor. */
    CREATED("created"),
    /** Replaced in Conductor (an update, or a conflict with force). */
    UPDATED("updated"),
    /** Nothing to do. */
    UNCHANGED("unchanged"),
    /** Only in Conductor; left alone. */
    LEFT("left"),
    /** A conflict, not written (no force). */
    REFUSED("refused"),
    /** Conductor refused it; see the message. */
    FAILED("failed");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    /** The word printed in listings and JSON. */
    @JsonValue
    public String label() {
      return label;
    }
  }

  /**
   * One change and what became of it.
   *
   * @param change the planned change
   * @param outcome the result
   * @param error Conductor's message for a failure, else null
   */
  public record Result(Change change, Outcome outcome, String error) {
    /** Validates the fields. */
    public Result {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  private SyncApply() {}

  /**
   * Applies the plan.
   *
   * @param plan a plan without problems
   * @param conductor where to write
   * @param force also write conflicting workflows
   * @return one result per change, in plan order
   * @throws IllegalArgumentException when the plan has problems
   */
  public static List<Result> apply(SyncPlan plan, SyncTarget conductor, boolean force) {
    if (!plan.problems().isEmpty()) {
      throw new IllegalArgumentException("a plan with problems must not be applied");
    }
    Map<Change, Result> results = new LinkedHashMap<>();
    for (Change c : plan.changes()) {
      Outcome settled =
          switch (c.action()) {
            case UNCHANGED -> Outcome.UNCHANGED;
            case REMOTE_ONLY -> Outcome.LEFT;
            case CONFLICT -> force ? null : Outcome.REFUSED;
            default -> null;
          };
      if (settled != null) {
        results.put(c, new Result(c, settled, null));
      }
    }

    List<Change> taskDefs = writes(plan, DefinitionKind.TASK_DEF, force);
    if (!taskDefs.isEmpty()) {
      try {
        conductor.upsertTaskDefs(taskDefs.stream().map(c -> c.local().jsonView()).toList());
        taskDefs.forEach(c -> results.put(c, done(c)));
      } catch (ConductorClientException e) {
        taskDefs.forEach(c -> results.put(c, failed(c, e)));
      }
    }

    List<Change> workflows = writes(plan, DefinitionKind.WORKFLOW, force);
    if (!workflows.isEmpty()) {
      try {
        Map<String, String> errors =
            conductor.upsertWorkflows(workflows.stream().map(c -> c.local().jsonView()).toList());
        for (Change c : workflows) {
          String error = errors.get(c.name());
          results.put(c, error == null ? done(c) : new Result(c, Outcome.FAILED, error));
        }
      } catch (ConductorClientException e) {
        workflows.forEach(c -> results.put(c, failed(c, e)));
      }
    }

    for (Change c : writes(plan, DefinitionKind.EVENT_HANDLER, force)) {
      try {
        ObjectNode json = c.local().jsonView();
        if (c.action() == SyncAction.CREATE) {
          conductor.createEventHandler(json);
        } else {
          conductor.updateEventHandler(json);
        }
        results.put(c, done(c));
      } catch (ConductorClientException e) {
        results.put(c, failed(c, e));
      }
    }

    List<Result> ordered = new ArrayList<>();
    for (Change c : plan.changes()) {
      ordered.add(results.get(c));
    }
    return ordered;
  }

  /** How many results have each outcome (every outcome present, zero when none). */
  public static Map<Outcome, Integer> counts(List<Result> results) {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      counts.put(o, 0);
    }
    results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
    return counts;
  }

  /** One line for a failed call: status and Conductor's message (validation errors included). */
  public static String describe(ConductorClientException e) {
    StringBuilder sb = new StringBuilder();
    if (e.getStatus() > 0) {
      sb.append("HTTP ").append(e.getStatus()).append(": ");
    }
    sb.append(e.getMessage() == null ? e.toString() : e.getMessage().strip());
    if (e.getValidationErrors() != null) {
      e.getValidationErrors()
          .forEach(v -> sb.append("; ").append(v.getPath()).append(": ").append(v.getMessage()));
    }
    return sb.toString().replaceAll("\\s*\\R\\s*", " ");
  }

  private static List<Change> writes(SyncPlan plan, DefinitionKind kind, boolean force) {
    return plan.changes().stream()
        .filter(c -> c.kind() == kind && c.action().writes(force))
        .toList();
  }

  private static Result done(Change c) {
    return new Result(c, c.action() == SyncAction.CREATE ? Outcome.CREATED : Outcome.UPDATED, null);
  }

  private static Result failed(Change c, ConductorClientException e) {
    return new Result(c, Outcome.FAILED, describe(e));
  }
}

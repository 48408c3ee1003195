package io.idflow.stage;

import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.api.stage.StageDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which stages a document gets, and how its open stage instances follow its status. Pure:
 * it changes only the document it is given (new instances, statuses) and makes no network call, so
 * it runs under the document's lock inside the store's write. Thread-safe (immutable).
 *
 * <p>Evaluation (reference §4.4, with its bugs fixed): for each active definition in order, a
 * document in {@code inbox} or {@code active} gets a new instance ({@code scheduled}, counter = the
 * highest existing counter + 1) when the definition is not {@code no_eval}, it has no open ({@code
 * scheduled}/{@code active}) instance, it has no instance at all or a rerun is allowed and the
 * definition is {@code multiple_callable}, and its requirements are met. An {@code inbox} document
 * that has a stage afterwards becomes {@code active}.
 *
 * <p>Life cycle (reference §4.6, persisted): when the document is {@code done}, scheduled instances
 * are cancelled and active ones done; {@code blocked}: scheduled cancelled, active blocked; {@code
 * archived}: both cancelled; {@code active}: an active instance whose requirements no longer hold
 * is cancelled. Scheduled instances of an active document whose requirements hold are started by
 * the caller after the write (see {@link #startable}).
 */
public final class StageEvaluator {

  /** The prefix of the reason when requirements are not met. */
  static final String NOT_MET = "requirements not met";

  private final RequirementChecker checker;

  /** An evaluator that checks requirements with this checker. */
  public StageEvaluator(RequirementChecker checker) {
    this.checker = Objects.requireNonNull(checker, "checker");
  }

  /** The requirement checker. */
  public RequirementChecker checker() {
    return checker;
  }

  /**
   * Evaluates the document's stages and adds the new instances to it.
   *
   * @param document changed in place: new instances, and {@code inbox} → {@code active}
   * @param definitions the active definitions, in evaluation order
   * @param allowRerun whether a {@code multiple_callable} stage whose instances all ended may get a
   *     new one
   */
  public StageEvaluation evaluate(
      Document document, List<StageDefinition> definitions, boolean allowRerun) {
    DocumentStatus before = document.status();
    List<StageDecision> decisions = new ArrayList<>();
    if (before == DocumentStatus.INBOX || before == DocumentStatus.ACTIVE) {
      for (StageDefinition def : definitions) {
        decisions.add(decide(document, def, allowRerun));
      }
      if (before == DocumentStatus.INBOX && !document.stages().isEmpty()) {
        document.setStatus(DocumentStatus.ACTIVE);
      }
    }
    return new StageEvaluation(document.id(), decisions, before, document.status());
  }

  private StageDecision decide(Document document, StageDefinition def, boolean allowRerun) {
    if (def.noEval()) {
      return StageDecision.skipped(def.name(), "no_eval");
    }
    List<StageInstance> existing = document.stages(def.name());
    Optional<StageInstance> open = existing.stream().filter(s -> s.status().isOpen()).findFirst();
    if (open.isPresent()) {
      return StageDecision.skipped(
          def.name(), "already has active stage (status: " + open.get().status() + ")");
    }
    if (!existing.isEmpty()) {
      if (!allowRerun) {
        return StageDecision.skipped(
            def.name(),
            def.multipleCallable()
                ? "already exists (use --allow-rerun to rerun completed stages)"
                : "already exists");
      }
      if (!def.multipleCallable()) {
        return StageDecision.skipped(
            def.name(), "not marked as multiple_callable in stage definition");
      }
    }
    RequirementResult result = checker.check(document, def);
    if (!result.met()) {
      return StageDecision.skipped(def.name(), NOT_MET + ": " + result);
    }
    StageInstance created = document.addStage(def.name());
    return new StageDecision(
        def.name(),
        StageDecision.Outcome.CREATED,
        "requirements met",
        created.id(),
        created.counter());
  }

  /**
   * Applies the document's status to its open instances (reference §4.6) and returns what changed.
   *
   * @param document changed in place
   * @param definitions the active definitions (an instance of an unknown or inactive stage keeps
   *     its status while the document is active)
   */
  public List<StageChange> lifecycle(Document document, List<StageDefinition> definitions) {
    List<StageChange> changes = new ArrayList<>();
    for (StageInstance s : document.stages()) {
      StageStatus from = s.status();
      if (!from.isOpen()) {
        continue;
      }
      StageStatus to =
          switch (document.status()) {
            case INBOX -> from;
            case DONE -> from == StageStatus.ACTIVE ? StageStatus.DONE : StageStatus.CANCELLED;
            case BLOCKED ->
                from == StageStatus.ACTIVE ? StageStatus.BLOCKED : StageStatus.CANCELLED;
            case ARCHIVED -> StageStatus.CANCELLED;
            case ACTIVE ->
                from == StageStatus.ACTIVE && !stillMet(document, s, definitions)
                    ? StageStatus.CANCELLED
                    : from;
          };
      if (to != from) {
        s.setStatus(to);
        changes.add(new StageChange(s.name(), s.counter(), s.id(), from, to));
      }
    }
    return changes;
  }

  private boolean stillMet(Document document, StageInstance s, List<StageDefinition> defs) {
    return defs.stream()
        .filter(d -> d.name().equals(s.name()))
        .findFirst()
        .map(d -> requirementsHold(document, s, d))
        .orElse(true);
  }

  /** Whether an instance's requirements hold for the document. */
  private boolean requirementsHold(Document document, StageInstance s, StageDefinition def) {
    if (def.noEval()) {
      return true;
    }
    return checker.check(document, def.requirements()).met();
  }

  /**
   * The scheduled instances of the document to start now: the document is {@code inbox} or {@code
   * active}, and the definition exists, is active and its requirements hold.
   */
  public List<StageInstance> startable(Document document, List<StageDefinition> definitions) {
    if (document.status() != DocumentStatus.ACTIVE && document.status() != DocumentStatus.INBOX) {
      return List.of();
    }
    List<StageInstance> out = new ArrayList<>();
    for (StageInstance s : document.stages()) {
      if (s.status() != StageStatus.SCHEDULED) {
        continue;
      }
      definitions.stream()
          .filter(d -> d.name().equals(s.name()))
          .findFirst()
          .filter(d -> !d.noEval() && checker.check(document, d.requirements()).met())
          .ifPresent(d -> out.add(s));
    }
    return out;
  }
}

package io.idflow.stage;

import io.idflow.api.document.DocumentStatus;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating a document's stages ({@link StageEvaluator#evaluate}): one decision per
 * stage definition considered, and whether the document's status changed (an {@code inbox} document
 * that now has a stage becomes {@code active}).
 *
 * @param documentId the document
 * @param decisions one per definition, in definition order
 * @param statusBefore the document's status before the evaluation
 * @param statusAfter the document's status after it
 */
public record StageEvaluation(
    String documentId,
    List<StageDecision> decisions,
    DocumentStatus statusBefore,
    DocumentStatus statusAfter) {

  /** Copies the list. */
  public StageEvaluation {
    Objects.requireNonNull(documentId, "documentId");
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(statusBefore, "statusBefore");
    Objects.requireNonNull(statusAfter, "statusAfter");
  }

  /** The decisions that created an instance. */
  public List<StageDecision> created() {
    return decisions.stream().filter(d -> d.outcome() == StageDecision.Outcome.CREATED).toList();
  }

  /** The decisions that skipped a stage. */
  public List<StageDecision> skipped() {
    return decisions.stream().filter(d -> d.outcome() == StageDecision.Outcome.SKIPPED).toList();
  }

  /** How many definitions had their requirements checked. */
  public int requirementsChecked() {
    return (int) decisions.stream().filter(StageDecision::requirementsChecked).count();
  }

  /** Whether the document's status changed. */
  public boolean statusChanged() {
    return statusBefore != statusAfter;
  }
}

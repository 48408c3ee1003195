package io.idflow.stage;

import java.util.Objects;

/**
 * What an evaluation decided for one stage definition on one document, as {@code stage evaluate}
 * reports it.
 *
 * @param stage the stage's name
 * @param outcome whether a new instance was created or the stage was skipped
 * @param reason why: {@code requirements met}, or the reason for skipping ({@code no_eval}, {@code
 *     already has active stage (status: active)}, {@code requirements not met: ...}, ...)
 * @param instanceId the new instance's id when one was created, else null
 * @param counter the new instance's counter when one was created, else 0
 */
public record StageDecision(
    String stage, Outcome outcome, String reason, String instanceId, int counter) {

  /** Whether a stage got a new instance. */
  public enum Outcome {
    /** A new instance was created ({@code scheduled}); it is started after the write. */
    CREATED,
    /** No instance was created. */
    SKIPPED
  }

  /** Checks the fields. */
  public StageDecision {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  static StageDecision skipped(String stage, String reason) {
    return new StageDecision(stage, Outcome.SKIPPED, reason, null, 0);
  }

  /** Whether the requirements were checked (a pre-check skip, such as no_eval, does not count). */
  public boolean requirementsChecked() {
    return outcome == Outcome.CREATED || reason.startsWith(StageEvaluator.NOT_MET);
  }
}

package io.idflow.stage;

import io.idflow.api.stage.Requirement;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a stage's requirements against a document: met, or the first requirement
 * that is not and why.
 *
 * @param met whether the stage may start
 * @param failed the first requirement not met, in evaluation order; null when met, and when the
 *     stage is {@code no_eval}
 * @param reason one line saying why not, e.g. {@code list check tags HAS blog_post_ideas: not met
 *     (tags is [a, b])}; null when met
 */
public record RequirementResult(boolean met, Requirement failed, String reason) {

  /** The requirements are met. */
  public static final RequirementResult MET = new RequirementResult(true, null, null);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException when a met result has a failure or reason, or an unmet one has
   *     no reason
   */
  public RequirementResult {
    if (met && (failed != null || reason != null)) {
      throw new IllegalArgumentException("a met result has no failed requirement and no reason");
    }
    if (!met) {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A requirement is not met. */
  public static RequirementResult notMet(Requirement failed, String reason) {
    return new RequirementResult(false, Objects.requireNonNull(failed, "failed"), reason);
  }

  /** The stage is {@code no_eval}: never met. */
  public static RequirementResult noEval() {
    return new RequirementResult(false, null, "no_eval: the stage is never evaluated");
  }

  /** The kind of the failed requirement, if one failed. */
  public Optional<Requirement.Kind> failedKind() {
    return Optional.ofNullable(failed).map(Requirement::kind);
  }

  /** {@code met}, or the reason. */
  @Override
  public String toString() {
    return met ? "met" : reason;
  }
}

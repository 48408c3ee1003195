package io.idflow.api.stage;

/**
 * The operator of a {@link Requirement.AttributeCheck}, written in YAML by its name in any case
 * ({@code GT}, {@code gt}). What each one means for a document is the stage engine's business; in
 * short: comparisons, null/boolean identity, shell-glob match, regular-expression search.
 */
public enum AttributeOperator {
  /** Equal. */
  EQ,
  /** Not equal. */
  NE,
  /** Greater than. */
  GT,
  /** Less than. */
  LT,
  /** Greater than or equal. */
  GTE,
  /** Less than or equal. */
  LTE,
  /** The same null or boolean. */
  IS,
  /** Not the same null or boolean. */
  IS_NOT,
  /** The whole text matches a shell glob ({@code *blog*}); despite the name, not "contains". */
  CP,
  /** The whole text does not match a shell glob. */
  NP,
  /** A regular expression is found somewhere in the text. */
  REGEX,
  /** A regular expression is found nowhere in the text. */
  NOT_REGEX;

  /**
   * The operator with this name, in any case (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the valid operators when the name is not one of them
   */
  public static AttributeOperator of(String name) {
    return Summaries.operator(AttributeOperator.class, name);
  }
}

package io.idflow.api.stage;

/**
 * The operator of a {@link Requirement.ListCheck}, written in YAML by its name in any case. {@code
 * HAS}, {@code CONTAINS} and {@code INCLUDES} all mean "the list has the value"; the {@code NOT_}
 * forms mean it does not. The name as written is kept for summaries.
 */
public enum ListOperator {
  /** The list has the value. */
  HAS,
  /** Same as {@link #HAS}. */
  CONTAINS,
  /** Same as {@link #HAS}. */
  INCLUDES,
  /** The list does not have the value. */
  NOT_HAS,
  /** Same as {@link #NOT_HAS}. */
  NOT_CONTAINS,
  /** Same as {@link #NOT_HAS}. */
  NOT_INCLUDES;

  /** Whether this operator asks for the value to be absent ({@code NOT_HAS} and its aliases). */
  public boolean negated() {
    return this == NOT_HAS || this == NOT_CONTAINS || this == NOT_INCLUDES;
  }

  /**
   * The operator with this name, in any case (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the valid operators when the name is not one of them
   */
  public static ListOperator of(String name) {
    return Summaries.operator(ListOperator.class, name);
  }
}

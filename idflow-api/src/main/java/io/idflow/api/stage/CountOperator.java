package io.idflow.api.stage;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a {@link Requirement.FilePresence} compares the number of attached files with its {@code
 * count}: written {@code >=}, {@code ==}, {@code >}, {@code <=}, {@code <} or {@code !=} in the
 * YAML field {@code count_operator}.
 */
public enum CountOperator {
  /** {@code >=}, the default. */
  GE(">="),
  /** {@code ==}. */
  EQ("=="),
  /** {@code >}. */
  GT(">"),
  /** {@code <=}. */
  LE("<="),
  /** {@code <}. */
  LT("<"),
  /** {@code !=}. */
  NE("!=");

  private final String symbol;

  CountOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in YAML, e.g. {@code >=}. */
  public String symbol() {
    return symbol;
  }

  /**
   * Whether {@code actual <op> expected} holds.
   *
   * @param actual the number of files found
   * @param expected the required count
   */
  public boolean test(int actual, int expected) {
    return switch (this) {
      case GE -> actual >= expected;
      case EQ -> actual == expected;
      case GT -> actual > expected;
      case LE -> actual <= expected;
      case LT -> actual < expected;
      case NE -> actual != expected;
    };
  }

  /**
   * The operator written this way (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the valid operators when the symbol is not one of them
   */
  public static CountOperator of(String symbol) {
    if (symbol != null) {
      String s = symbol.strip();
      for (CountOperator op : values()) {
        if (op.symbol.equals(s)) {
          return op;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown operator '"
            + symbol
            + "' (one of "
            + Arrays.stream(values()).map(CountOperator::symbol).collect(Collectors.joining(", "))
            + ")");
  }

  @Override
  public String toString() {
    return symbol;
  }
}

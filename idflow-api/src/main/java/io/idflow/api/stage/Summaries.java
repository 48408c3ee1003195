package io.idflow.api.stage;

import io.idflow.api.internal.Json;
import java.util.regex.Pattern;

/** How requirement summaries print check values. */
final class Summaries {

  private static final Pattern NEEDS_QUOTES =
      Pattern.compile(
          "^$|\\s|;|\"|^(?:[-+]?[0-9.][0-9.eE+-]*|true|false|null|~|yes|no)$",
          Pattern.CASE_INSENSITIVE);

  private Summaries() {}

  /**
   * A check value as summaries print it: strings as written unless they would read as something
   * else (empty, blanks, {@code ;}, a number, {@code true}...), then in double quotes; other values
   * as compact JSON.
   */
  static String display(Object value) {
    if (value instanceof String s && !NEEDS_QUOTES.matcher(s).find()) {
      return s;
    }
    return Json.compact(value);
  }

  /**
   * The constant of an operator enum with this name, in any case (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the valid operators when the name is not one of them
   */
  static <E extends Enum<E>> E operator(Class<E> type, String name) {
    if (name != null) {
      String n = name.strip().toUpperCase(java.util.Locale.ROOT);
      for (E op : type.getEnumConstants()) {
        if (op.name().equals(n)) {
          return op;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown operator '"
            + name
            + "' (one of "
            + java.util.Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", "))
            + ")");
  }

  /** {@code tags HAS blog (any case)}: the summary of an attribute or list check. */
  static String check(String attribute, Object operator, Object value, boolean caseSensitive) {
    return attribute + " " + operator + " " + display(value) + (caseSensitive ? "" : " (any case)");
  }
}

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
}

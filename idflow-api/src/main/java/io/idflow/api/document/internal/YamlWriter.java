package io.idflow.api.document.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes frontmatter YAML in one stable, readable style: block mappings and sequences, keys in
 * insertion order, two-space indentation, sequence items at their key's indentation. A string is
 * written plain only when no YAML reader can take it for anything else (a number, boolean, null,
 * date, or syntax); otherwise it is double-quoted with JSON-style escapes.
 *
 * <p>Accepts only values produced by {@link Values#normalize}. Thread-safe (stateless).
 */
public final class YamlWriter {

  // Words that YAML 1.1 or 1.2 readers resolve to booleans, nulls or special floats.
  private static final Set<String> RESERVED =
      Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf", "infinity");

  private YamlWriter() {}

  /** The YAML text of a mapping, ending with a newline (empty for an empty map). */
  public static String write(Map<String, Object> map) {
    StringBuilder sb = new StringBuilder(256);
    writeMap(sb, map, 0);
    return sb.toString();
  }

  /** Writes a mapping whose entries start at column {@code indent}. */
  private static void writeMap(StringBuilder sb, Map<String, Object> map, int indent) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      pad(sb, indent);
      scalar(sb, e.getKey());
      sb.append(':');
      writeValueAfterKey(sb, e.getValue(), indent);
    }
  }

  @SuppressWarnings("unchecked")
  private static void writeValueAfterKey(StringBuilder sb, Object value, int indent) {
    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
      sb.append('\n');
      writeMap(sb, (Map<String, Object>) m, indent + 2);
    } else if (value instanceof List<?> l && !l.isEmpty()) {
      sb.append('\n');
      writeList(sb, (List<Object>) l, indent);
    } else {
      sb.append(' ');
      scalar(sb, value);
      sb.append('\n');
    }
  }

  /** Writes sequence items ({@code - item}) at column {@code indent}. */
  @SuppressWarnings("unchecked")
  private static void writeList(StringBuilder sb, List<Object> list, int indent) {
    for (Object item : list) {
      pad(sb, indent);
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        // The first entry goes on the dash's line; the others line up under it.
        StringBuilder inner = new StringBuilder();
        writeMap(inner, (Map<String, Object>) m, indent + 2);
        sb.append("- ").append(inner, indent + 2, inner.length());
      } else if (item instanceof List<?> l && !l.isEmpty()) {
        sb.append("-\n");
        writeList(sb, (List<Object>) l, indent + 2);
      } else {
        sb.append("- ");
        scalar(sb, item);
        sb.append('\n');
      }
    }
  }

  private static void scalar(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger) {
      sb.append(value);
    } else if (value instanceof Double d) {
      sb.append(d.toString());
    } else if (value instanceof Map<?, ?>) {
      sb.append("{}");
    } else if (value instanceof List<?>) {
      sb.append("[]");
    } else {
      throw new IllegalArgumentException("not a normalised value: " + value.getClass().getName());
    }
  }

  /** Writes a string plain when that is unambiguous, else double-quoted. */
  static void string(StringBuilder sb, String s) {
    if (isPlainSafe(s)) {
      sb.append(s);
    } else {
      quoted(sb, s);
    }
  }

  /**
   * Whether a string may be written as a plain scalar: it starts with a letter or {@code _}, holds
   * only letters, digits, spaces and harmless punctuation, does not end with a space, and is not a
   * reserved word in any letter case.
   */
  static boolean isPlainSafe(String s) {
    if (isUuid(s)) {
      return true; // no YAML type has this shape; ids stay readable
    }
    int n = s.length();
    if (n == 0 || n > 200) {
      return false;
    }
    int first = s.codePointAt(0);
    if (!(Character.isLetter(first) || first == '_')) {
      return false;
    }
    if (s.charAt(n - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < n; ) {
      int cp = s.codePointAt(i);
      if (!(Character.isLetterOrDigit(cp) || isSafePunctuation(cp))) {
        return false;
      }
      if (cp == ' ' && i + 1 < n && s.charAt(i + 1) == ' ') {
        return false;
      }
      i += Character.charCount(cp);
    }
    return !RESERVED.contains(s.toLowerCase(Locale.ROOT));
  }

  /** Whether a string is a UUID in its canonical lower-case form. */
  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSafePunctuation(int cp) {
    switch (cp) {
      case ' ',
          '_',
          '-',
          '.',
          '/',
          '@',
          '+',
          '(',
          ')',
          ',',
          ';',
          '=',
          '!',
          '?',
          '%',
          '$',
          '~',
          '^',
          '\'' -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * A double-quoted scalar with JSON-style escapes (valid YAML), everything unprintable escaped.
   */
  static void quoted(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (needsEscape(s, i, c)) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean needsEscape(String s, int i, char c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true;
    }
    if (c == 0x2028 || c == 0x2029 || c == 0xfeff || c == 0xfffe || c == 0xffff) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static void pad(StringBuilder sb, int n) {
    for (int i = 0; i < n; i++) {
      sb.append(' ');
    }
  }
}

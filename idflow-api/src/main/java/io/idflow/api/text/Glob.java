package io.idflow.api.text;

import java.util.regex.Pattern;

/**
 * Shell-style wildcard patterns, as Python's {@code fnmatch} (the original idflow's filter) reads
 * them: {@code *} any text, {@code ?} one character, {@code [seq]} one of, {@code [!seq]} none of;
 * the whole value must match; case-sensitive. An unclosed {@code [} is an ordinary character, so
 * every string is a valid pattern. Document filters ({@code title=Report*}) and the stage engine's
 * requirement checks match with it.
 *
 * <p>Immutable and thread-safe: compile a pattern once with {@link #of} and share it.
 */
public final class Glob {

  private enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    CONTAINS,
    REGEX
  }

  private final String pattern;
  private final Kind kind;
  private final String literal;
  private final Pattern regex;

  private Glob(String pattern) {
    this.pattern = pattern;
    // Common shapes (abc, abc*, *abc, *abc*) are matched without a regular expression.
    int n = pattern.length();
    boolean lead = n > 0 && pattern.charAt(0) == '*';
    boolean trail = n > 1 && pattern.charAt(n - 1) == '*';
    String middle = pattern.substring(lead ? 1 : 0, trail ? n - 1 : n);
    if (!hasWildcards(middle)) {
      this.kind =
          lead && trail ? Kind.CONTAINS : lead ? Kind.SUFFIX : trail ? Kind.PREFIX : Kind.EXACT;
      this.literal = middle;
      this.regex = null;
    } else {
      this.kind = Kind.REGEX;
      this.literal = null;
      this.regex = Pattern.compile(translate(pattern), Pattern.DOTALL);
    }
  }

  /**
   * Compiles a pattern.
   *
   * @param pattern the pattern; every string is valid
   * @throws NullPointerException when the pattern is null
   */
  public static Glob of(String pattern) {
    return new Glob(pattern);
  }

  /**
   * Whether the whole text matches.
   *
   * @throws NullPointerException when the text is null
   */
  public boolean matches(String text) {
    return switch (kind) {
      case EXACT -> literal.equals(text);
      case PREFIX -> text.startsWith(literal);
      case SUFFIX -> text.endsWith(literal);
      case CONTAINS -> text.contains(literal);
      case REGEX -> regex.matcher(text).matches();
    };
  }

  /** The pattern as given to {@link #of}. */
  @Override
  public String toString() {
    return pattern;
  }

  private static boolean hasWildcards(String p) {
    return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0;
  }

  static String translate(String p) {
    StringBuilder re = new StringBuilder();
    int n = p.length();
    int i = 0;
    while (i < n) {
      char c = p.charAt(i++);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && p.charAt(j) == '!') {
          j++;
        }
        if (j < n && p.charAt(j) == ']') {
          j++;
        }
        while (j < n && p.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          re.append("\\[");
        } else {
          String set = p.substring(i, j);
          i = j + 1;
          re.append('[');
          int k = 0;
          if (set.startsWith("!")) {
            re.append('^');
            k = 1;
          }
          for (; k < set.length(); k++) {
            char s = set.charAt(k);
            if (s == '-' && k > 0 && k < set.length() - 1 && !(k == 1 && set.startsWith("!"))) {
              re.append('-');
            } else if (Character.isLetterOrDigit(s)) {
              re.append(s);
            } else {
              re.append('\\').append(s);
            }
          }
          re.append(']');
        }
      } else if (Character.isLetterOrDigit(c)) {
        re.append(c);
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}

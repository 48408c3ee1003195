package io.idflow.api.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Shell-style wildcard patterns, as Python's {@code fnmatch} (the original idflow's filter) reads
 * them: {@code *} any text, {@code ?} one character, {@code [seq]} one of, {@code [!seq]} none of
 * ({@code a-z} a range; a reversed range matches nothing); the whole value must match;
 * case-sensitive. An unclosed {@code [} is an ordinary character, so every string is a valid
 * pattern. Document filters ({@code title=Report*}) and the stage engine's requirement checks match
 * with it.
 *
 * <p>Matching takes time linear in the text for a given pattern, however many stars the pattern
 * has: consecutive stars are one star, and the parts between stars are matched at their leftmost
 * place without backtracking (a leftmost match never prevents a later part from matching).
 *
 * <p>Immutable and thread-safe: compile a pattern once with {@link #of} and share it.
 */
public final class Glob {

  private enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    CONTAINS,
    SEGMENTS
  }

  private final String pattern;
  private final Kind kind;
  private final String literal;

  /** The parts between stars; with no star, one part that must match the whole text. */
  private final List<Atom[]> segments;

  private final boolean starred;

  private Glob(String pattern) {
    this.pattern = pattern;
    // Common shapes (abc, abc*, *abc, *abc*) are matched with String methods.
    int n = pattern.length();
    boolean lead = n > 0 && pattern.charAt(0) == '*';
    boolean trail = n > 1 && pattern.charAt(n - 1) == '*';
    String middle = pattern.substring(lead ? 1 : 0, trail ? n - 1 : n);
    if (!hasWildcards(middle)) {
      this.kind =
          lead && trail ? Kind.CONTAINS : lead ? Kind.SUFFIX : trail ? Kind.PREFIX : Kind.EXACT;
      this.literal = middle;
      this.segments = List.of();
      this.starred = false;
    } else {
      this.kind = Kind.SEGMENTS;
      this.literal = null;
      this.segments = new ArrayList<>();
      this.starred = parse(pattern, segments);
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
  public boolean matches(CharSequence text) {
    return switch (kind) {
      case EXACT -> literal.contentEquals(text);
      case PREFIX -> text.toString().startsWith(literal);
      case SUFFIX -> text.toString().endsWith(literal);
      case CONTAINS -> text.toString().contains(literal);
      case SEGMENTS -> matchSegments(text);
    };
  }

  /** The pattern as given to {@link #of}. */
  @Override
  public String toString() {
    return pattern;
  }

  private boolean matchSegments(CharSequence text) {
    int n = text.length();
    if (!starred) {
      return matchAt(segments.get(0), text, 0) == n;
    }
    int last = segments.size() - 1;
    int pos = matchAt(segments.get(0), text, 0);
    if (pos < 0) {
      return false;
    }
    for (int s = 1; s < last; s++) {
      pos = find(segments.get(s), text, pos);
      if (pos < 0) {
        return false;
      }
    }
    Atom[] tail = segments.get(last);
    if (tail.length == 0) {
      return true;
    }
    // The tail must end exactly at the end of the text: try each start once.
    for (int start = pos; start < n; start = next(text, start)) {
      if (matchAt(tail, text, start) == n) {
        return true;
      }
    }
    return false;
  }

  /** The end of the leftmost match of {@code atoms} at or after {@code from}, or -1. */
  private static int find(Atom[] atoms, CharSequence text, int from) {
    for (int start = from; start <= text.length(); start = next(text, start)) {
      int end = matchAt(atoms, text, start);
      if (end >= 0) {
        return end;
      }
      if (start == text.length()) {
        break;
      }
    }
    return -1;
  }

  /** The end of the match of {@code atoms} starting exactly at {@code start}, or -1. */
  private static int matchAt(Atom[] atoms, CharSequence text, int start) {
    int i = start;
    int n = text.length();
    for (Atom atom : atoms) {
      if (i >= n) {
        return -1;
      }
      int cp = Character.codePointAt(text, i);
      if (!atom.matches(cp)) {
        return -1;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  private static int next(CharSequence text, int i) {
    return i + Character.charCount(Character.codePointAt(text, i));
  }

  private static boolean hasWildcards(String p) {
    return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0;
  }

  /** Splits the pattern at its stars into {@code segments}; whether it has a star. */
  private static boolean parse(String pattern, List<Atom[]> segments) {
    int[] p = pattern.codePoints().toArray();
    int n = p.length;
    boolean starred = false;
    List<Atom> current = new ArrayList<>();
    int i = 0;
    while (i < n) {
      int c = p[i++];
      if (c == '*') {
        segments.add(current.toArray(Atom[]::new));
        current.clear();
        starred = true;
        while (i < n && p[i] == '*') {
          i++;
        }
      } else if (c == '?') {
        current.add(cp -> true);
      } else if (c == '[') {
        int j = i;
        if (j < n && p[j] == '!') {
          j++;
        }
        if (j < n && p[j] == ']') {
          j++;
        }
        while (j < n && p[j] != ']') {
          j++;
        }
        if (j >= n) {
          current.add(cp -> cp == '[');
        } else {
          current.add(charClass(p, i, j));
          i = j + 1;
        }
      } else {
        int literal = c;
        current.add(cp -> cp == literal);
      }
    }
    segments.add(current.toArray(Atom[]::new));
    return starred;
  }

  /** The class between {@code [} and {@code ]}: {@code p[from..to)}. */
  private static Atom charClass(int[] p, int from, int to) {
    boolean negated = p[from] == '!';
    int k = negated ? from + 1 : from;
    List<int[]> ranges = new ArrayList<>();
    while (k < to) {
      if (k + 2 < to && p[k + 1] == '-') {
        ranges.add(new int[] {p[k], p[k + 2]});
        k += 3;
      } else {
        ranges.add(new int[] {p[k], p[k]});
        k++;
      }
    }
    int[][] set = ranges.toArray(int[][]::new);
    return cp -> {
      boolean in = false;
      for (int[] range : set) {
        if (cp >= range[0] && cp <= range[1]) {
          in = true;
          break;
        }
      }
      return in != negated;
    };
  }

  /** Matches one code point. */
  @FunctionalInterface
  private interface Atom {
    boolean matches(int codePoint);
  }
}

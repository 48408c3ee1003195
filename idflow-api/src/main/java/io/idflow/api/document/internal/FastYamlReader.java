package io.idflow.api.document.internal;

import io.idflow.api.value.internal.Values;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast reader for the subset of YAML that {@link YamlWriter} writes: block mappings and
 * sequences, one scalar per line (plain, single- or double-quoted), empty {@code []} and {@code
 * {}}. It reads a document's frontmatter several times faster than a general YAML parser, which
 * matters when a listing reads every document.
 *
 * <p>It gives up ({@link #read} returns null) on anything outside that subset or whose meaning it
 * is not sure of (comments, anchors, tags, flow collections, block scalars, multi-line plain
 * scalars, words such as {@code yes} or numbers such as {@code 0x1f}), and the caller then parses
 * the text with the general parser. So the result is either exactly what the general parser
 * returns, or null. Thread-safe (stateless).
 */
final class FastYamlReader {

  /** Thrown internally to give up; carries no stack trace. */
  private static final class GiveUp extends RuntimeException {
    private static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }

  private final String[] lines;
  private int pos;

  private FastYamlReader(String[] lines) {
    this.lines = lines;
  }

  /**
   * Reads a YAML mapping written in the supported subset.
   *
   * @param text the YAML text, lines separated by {@code \n}
   * @return the mapping with normalised, immutable values, or null when the text needs the general
   *     parser
   */
  static Map<String, Object> read(String text) {
    if (text.isEmpty()) {
      return Values.frozen(new LinkedHashMap<String, Object>());
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    FastYamlReader r = new FastYamlReader(body.split("\n", -1));
    try {
      Map<String, Object> map = r.map(0);
      return r.pos == r.lines.length ? map : null;
    } catch (GiveUp e) {
      return null;
    }
  }

  private static GiveUp giveUp() {
    return GiveUp.INSTANCE;
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    if (i == line.length() || line.charAt(i) == '\t' || line.charAt(i) == '#') {
      throw giveUp(); // blank, tab-indented or comment line
    }
    return i;
  }

  private Map<String, Object> map(int indent) {
    Map<String, Object> map = new LinkedHashMap<>();
    while (pos < lines.length) {
      String line = lines[pos];
      int ind = indentOf(line);
      if (ind < indent) {
        break;
      }
      if (ind > indent) {
        throw giveUp();
      }
      entry(map, line.substring(ind), indent);
    }
    if (map.isEmpty()) {
      throw giveUp();
    }
    return Values.frozen(map);
  }

  /** Reads one {@code key: value} entry that starts on the current line. */
  private void entry(Map<String, Object> map, String text, int indent) {
    int[] keyEnd = new int[1];
    String key = key(text, keyEnd);
    if (key == null || map.containsKey(key)) {
      throw giveUp();
    }
    String rest = text.substring(keyEnd[0] + 1);
    pos++;
    Object value;
    if (rest.isEmpty()) {
      value = nested(indent);
    } else {
      if (rest.charAt(0) != ' ') {
        throw giveUp();
      }
      value = scalar(rest.substring(1));
    }
    map.put(key, value);
  }

  /** The block under a key with nothing after its colon: a mapping, a sequence or null. */
  private Object nested(int indent) {
    if (pos >= lines.length) {
      throw giveUp();
    }
    String next = lines[pos];
    int ind = indentOf(next);
    boolean dash =
        next.startsWith("- ", ind) || next.length() == ind + 1 && next.charAt(ind) == '-';
    if (dash && ind >= indent) {
      return list(ind);
    }
    if (ind > indent) {
      return map(ind);
    }
    throw giveUp(); // an empty value: parsers differ on null or ""
  }

  private List<Object> list(int indent) {
    List<Object> list = new ArrayList<>();
    while (pos < lines.length) {
      String line = lines[pos];
      int ind = indentOf(line);
      if (ind < indent) {
        break;
      }
      if (ind > indent) {
        throw giveUp();
      }
      if (line.length() == ind + 1 && line.charAt(ind) == '-') {
        // A dash alone: the item is a sequence on the following, deeper lines.
        pos++;
        if (pos >= lines.length) {
          throw giveUp();
        }
        String first = lines[pos];
        int inner = indentOf(first);
        boolean dash = first.startsWith("- ", inner) || first.length() == inner + 1;
        if (inner <= ind || first.charAt(inner) != '-' || !dash) {
          throw giveUp();
        }
        list.add(list(inner));
        continue;
      }
      if (!line.startsWith("- ", ind)) {
        break; // the next key of the enclosing mapping
      }
      String item = line.substring(ind + 2);
      if (item.isEmpty() || item.charAt(0) == ' ' || item.startsWith("- ")) {
        throw giveUp();
      }
      if (key(item, new int[1]) != null) {
        // A mapping whose first entry shares the dash's line: read it as if the dash were spaces.
        lines[pos] = " ".repeat(ind + 2) + item;
        list.add(map(ind + 2));
      } else {
        pos++;
        list.add(scalar(item));
      }
    }
    return Values.frozen(list);
  }

  /**
   * The key at the start of a {@code key: value} or {@code key:} line, or null when the text is not
   * a mapping entry.
   *
   * @param colon receives the index of the colon that ends the key
   */
  private static String key(String text, int[] colon) {
    char c = text.charAt(0);
    if (c == '"' || c == '\'') {
      int[] end = new int[1];
      String k = c == '"' ? doubleQuoted(text, end) : singleQuoted(text, end);
      int after = end[0];
      if (after == text.length()) {
        return null; // a quoted scalar, not a key
      }
      if (text.charAt(after) != ':') {
        throw giveUp();
      }
      if (after + 1 < text.length() && text.charAt(after + 1) != ' ') {
        throw giveUp();
      }
      colon[0] = after;
      return k;
    }
    int i = text.indexOf(": ");
    if (i < 0) {
      if (text.endsWith(":")) {
        i = text.length() - 1;
      } else {
        if (text.indexOf(':') >= 0) {
          throw giveUp();
        }
        return null;
      }
    }
    String k = text.substring(0, i);
    if (k.isEmpty() || k.indexOf(':') >= 0 || k.indexOf('#') >= 0 || !plainStart(k)) {
      throw giveUp();
    }
    if (k.charAt(k.length() - 1) == ' ') {
      throw giveUp();
    }
    Object resolved = resolvePlain(k);
    if (!(resolved instanceof String)) {
      throw giveUp(); // a key such as 1 or true: let the general parser decide
    }
    colon[0] = i;
    return k;
  }

  private static boolean plainStart(String s) {
    char c = s.charAt(0);
    switch (c) {
      case '-',
          '?',
          ':',
          ',',
          '[',
          ']',
          '{',
          '}',
          '#',
          '&',
          '*',
          '!',
          '|',
          '>',
          '\'',
          '"',
          '%',
          '@',
          '`',
          ' ' -> {
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  private static Object scalar(String s) {
    if (s.isEmpty()) {
      throw giveUp();
    }
    char c = s.charAt(0);
    if (c == '"' || c == '\'') {
      int[] end = new int[1];
      String v = c == '"' ? doubleQuoted(s, end) : singleQuoted(s, end);
      if (end[0] != s.length()) {
        throw giveUp();
      }
      return v;
    }
    if (s.equals("[]")) {
      return Values.frozen(new ArrayList<Object>());
    }
    if (s.equals("{}")) {
      return Values.frozen(new LinkedHashMap<String, Object>());
    }
    boolean negative = c == '-' && s.length() > 1 && s.charAt(1) >= '0' && s.charAt(1) <= '9';
    if (!(plainStart(s) || negative)
        || s.contains(" #")
        || s.contains(": ")
        || s.endsWith(":")
        || s.endsWith(" ")
        || s.indexOf('\t') >= 0) {
      throw giveUp();
    }
    return resolvePlain(s);
  }

  /** The value of a plain scalar: string, integer, float, boolean or null; gives up when unsure. */
  private static Object resolvePlain(String s) {
    char c = s.charAt(0);
    if (c == '-' || c == '+' || c == '.' || c == '~' || (c >= '0' && c <= '9')) {
      if (s.equals("~")) {
        return null;
      }
      if (YamlWriter.isUuid(s)) {
        return s;
      }
      if (isInteger(s)) {
        return integer(s);
      }
      if (isFloat(s)) {
        return Double.parseDouble(s);
      }
      throw giveUp();
    }
    switch (s) {
      case "true" -> {
        return Boolean.TRUE;
      }
      case "false" -> {
        return Boolean.FALSE;
      }
      case "null" -> {
        return null;
      }
      default -> {
        // Other spellings of booleans and nulls, which depend on the YAML version.
        switch (s) {
          case "y",
                  "Y",
                  "yes",
                  "Yes",
                  "YES",
                  "n",
                  "N",
                  "no",
                  "No",
                  "NO",
                  "True",
                  "TRUE",
                  "False",
                  "FALSE",
                  "on",
                  "On",
                  "ON",
                  "off",
                  "Off",
                  "OFF",
                  "Null",
                  "NULL" ->
              throw giveUp();
          default -> {}
        }
        return s;
      }
    }
  }

  // -?(0|[1-9][0-9]*)
  private static boolean isInteger(String s) {
    int i = s.charAt(0) == '-' ? 1 : 0;
    int n = s.length();
    if (i == n) {
      return false;
    }
    if (s.charAt(i) == '0') {
      return i + 1 == n;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Object integer(String s) {
    if (s.length() <= 18) {
      long l = Long.parseLong(s);
      return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : l;
    }
    BigInteger b = new BigInteger(s);
    return Values.normalize(b, "");
  }

  // -?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?
  private static boolean isFloat(String s) {
    int i = s.charAt(0) == '-' ? 1 : 0;
    int n = s.length();
    int start = i;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    int digits = i - start;
    if (digits == 0 || (digits > 1 && s.charAt(start) == '0')) {
      return false;
    }
    if (i >= n || s.charAt(i) != '.') {
      return false;
    }
    i++;
    int frac = i;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == frac) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (s.charAt(i) != 'e' && s.charAt(i) != 'E') {
      return false;
    }
    i++;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int exp = i;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i == n && i > exp;
  }

  /**
   * A single-quoted scalar starting at 0 and on this line only; {@code end} gets the index after.
   */
  private static String singleQuoted(String s, int[] end) {
    StringBuilder sb = new StringBuilder();
    int i = 1;
    while (true) {
      int q = s.indexOf('\'', i);
      if (q < 0) {
        throw giveUp(); // continues on the next line
      }
      sb.append(s, i, q);
      if (q + 1 < s.length() && s.charAt(q + 1) == '\'') {
        sb.append('\'');
        i = q + 2;
      } else {
        end[0] = q + 1;
        return sb.toString();
      }
    }
  }

  /**
   * A double-quoted scalar starting at 0 and on this line only; {@code end} gets the index after.
   */
  private static String doubleQuoted(String s, int[] end) {
    StringBuilder sb = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        end[0] = i + 1;
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= n) {
        throw giveUp();
      }
      char e = s.charAt(i);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case '0' -> sb.append('\0');
        case 'u' -> {
          if (i + 4 >= n) {
            throw giveUp();
          }
          try {
            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException ex) {
            throw giveUp();
          }
          i += 4;
        }
        default -> throw giveUp();
      }
    }
    throw giveUp(); // continues on the next line
  }
}

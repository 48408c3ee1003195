package io.idflow.api.text;

/**
 * Makes text safe to echo on a terminal: control characters that would move the cursor, colour the
 * terminal, ring the bell or split a one-line message are shown as escapes instead. Stateless and
 * thread-safe.
 */
public final class Printable {

  private Printable() {}

  /**
   * The text with every control character escaped: {@code \n}, {@code \r}, {@code \t}, {@code \e}
   * (escape), {@code \0}, and {@code \xNN} or {@code \}{@code uNNNN} for the other C0 and C1
   * controls, DEL and the Unicode bidirectional overrides. Text without them is returned as it is.
   *
   * @param text any text; null gives {@code "null"}
   */
  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    int i = 0;
    int n = text.length();
    while (i < n && !needsEscape(text.charAt(i))) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (!needsEscape(c)) {
        sb.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x1b -> sb.append("\\e");
        case 0 -> sb.append("\\0");
        default -> {
          if (c < 0x100) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * The text escaped as {@link #escape(String)} does, but keeping line breaks and tabs: for
   * messages of several lines.
   */
  public static String escapeKeepingLines(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(text.length());
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        String line = text.substring(start, i);
        sb.append(escape(line).replace("\\t", "\t"));
        if (i < text.length()) {
          sb.append('\n');
        }
        start = i + 1;
      }
    }
    return sb.toString();
  }

  /** Whether a character is a control character (C0, DEL, C1) or a bidirectional override. */
  public static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }
}

package io.idflow.api.value.internal;

/**
 * Validation of the names that end up in paths: document ids, stage names, attachment ids, and the
 * keys of references. A valid name is a single path segment that cannot climb out of its folder.
 * Internal: not part of idflow's API; shared by the document model ({@code io.idflow.api.document})
 * and the store ({@code io.idflow.api.document.internal}), and depends on neither. Stateless and
 * thread-safe.
 */
public final class Names {

  private Names() {}

  /** Whether a string is a valid document, stage or attachment id. */
  public static boolean isId(String s) {
    return s != null && !s.isEmpty() && isAlnum(s.charAt(0)) && rest(s);
  }

  /**
   * Returns a valid id unchanged.
   *
   * @param what what the id names, for the message ("document id")
   * @throws IllegalArgumentException when the id is not valid
   */
  public static String requireId(String what, String s) {
    if (!isId(s)) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " '"
              + io.idflow.api.text.Printable.escape(s)
              + "': expected letters, digits, '_', '.' or '-' (at most 128), starting with a letter"
              + " or digit");
    }
    return s;
  }

  /** Whether a string is a valid key (reference key, stage name, result name). */
  public static boolean isKey(String s) {
    return s != null && !s.isEmpty() && (isAlnum(s.charAt(0)) || s.charAt(0) == '_') && rest(s);
  }

  // [A-Za-z0-9_.-]{0,127} after the first character; checked by hand: listings call this per file.
  private static boolean rest(String s) {
    int n = s.length();
    if (n > 128) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (!(isAlnum(c) || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * Returns a valid key unchanged.
   *
   * @param what what the key names, for the message ("reference key")
   * @throws IllegalArgumentException when the key is not valid
   */
  public static String requireKey(String what, String s) {
    if (!isKey(s)) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " '"
              + io.idflow.api.text.Printable.escape(s)
              + "': expected letters, digits, '_', '.' or '-' (at most 128), not starting with '.'"
              + " or '-'");
    }
    return s;
  }
}

package io.idflow.api.definition;

import io.idflow.api.text.Printable;

/**
 * The names of workflows, tasks and event handlers that survive a round trip through Conductor's
 * REST API. Conductor stores any name, but its API addresses a definition by name in the URL path:
 * a name with {@code /} or {@code \} is refused there (HTTP 400 from Tomcat, so it can never be
 * read, updated or deleted again), {@code .} and {@code ..} are resolved away, {@code ;} starts a
 * path parameter, {@code %}, {@code ?} and {@code #} depend on the client's encoding. So a name is
 * 1 to 255 letters, digits, {@code _}, {@code -}, {@code .}, {@code :} and inner spaces, and
 * neither {@code .} nor {@code ..}. Stateless and thread-safe.
 */
public final class DefinitionNames {

  /** The longest name accepted. */
  public static final int MAX_LENGTH = 255;

  private DefinitionNames() {}

  /**
   * What is wrong with a name, or null when it is valid.
   *
   * @param what what the name names ("workflow name"), for the message
   * @param name the name (may be null)
   */
  public static String problem(String what, String name) {
    if (name == null || name.isBlank()) {
      return "missing " + what;
    }
    String shown = "'" + Printable.escape(name) + "'";
    if (name.length() > MAX_LENGTH) {
      return what + " of " + name.length() + " characters (at most " + MAX_LENGTH + ")";
    }
    if (name.equals(".") || name.equals("..")) {
      return "invalid " + what + " " + shown + ": Conductor's URLs cannot address it";
    }
    if (name.charAt(0) == ' ' || name.charAt(name.length() - 1) == ' ') {
      return "invalid " + what + " " + shown + ": it starts or ends with a space";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c)
          || c == '_'
          || c == '-'
          || c == '.'
          || c == ':'
          || c == ' ')) {
        String ch = Printable.needsEscape(c) ? Printable.escape(String.valueOf(c)) : "'" + c + "'";
        return "invalid "
            + what
            + " "
            + shown
            + ": "
            + ch
            + " is not allowed (letters, digits, '_', '-', '.', ':' and inner spaces only; Conductor"
            + " addresses definitions by name in its URLs)";
      }
    }
    return null;
  }

  /** Whether a name is valid (see {@link #problem}). */
  public static boolean isValid(String name) {
    return problem("name", name) == null;
  }
}

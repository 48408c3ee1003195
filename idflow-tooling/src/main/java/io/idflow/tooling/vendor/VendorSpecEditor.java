package io.idflow.tooling.vendor;

import io.idflow.api.IdflowException;
import io.idflow.api.vendor.Vendors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Sets the top-level {@code enabled} key of a vendor spec and leaves every other byte of the file
 * as it was (comments, blank lines, key order, the {@code [source]} table).
 *
 * <p>No Java TOML library writes a document back with its comments and layout intact (night-config
 * keeps comments but reformats; tomlj and Jackson only read), so the file is parsed with tomlj,
 * which reports where each key is; only the value of that one key is replaced, or, when the key is
 * missing, one {@code enabled = ...} line is inserted among the top-level keys (before the first
 * table and the comments just above it). The result is parsed again before it replaces the file
 * (atomically), and it must say the new value.
 */
public final class VendorSpecEditor {

  private static final Pattern VALUE =
      Pattern.compile("\\G(\\s*=\\s*)(true|false)(?=\\s*(#.*)?$)", Pattern.MULTILINE);
  private static final Pattern TABLE_HEADER = Pattern.compile("^\\s*\\[");

  private VendorSpecEditor() {}

  /**
   * Sets {@code enabled} in a spec file.
   *
   * @param file the spec
   * @param enabled the new value
   * @param projectRoot for messages
   * @return whether the file changed (false when it already had this value)
   * @throws io.idflow.api.ConfigurationException when the file is not valid TOML, its {@code
   *     enabled} is not a boolean, or it cannot be written
   */
  public static boolean setEnabled(Path file, boolean enabled, Path projectRoot) {
    String where = Vendors.display(file, projectRoot);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw IdflowException.config(where + ": cannot read: " + e.getMessage());
    }
    String updated = withEnabled(text, enabled, where);
    if (updated.equals(text)) {
      return false;
    }
    try {
      Path temp = Files.createTempFile(file.getParent(), ".vendor-", ".toml.tmp");
      try {
        Files.writeString(temp, updated, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw IdflowException.config(where + ": cannot write: " + e.getMessage());
    }
    return true;
  }

  /**
   * The text with the top-level {@code enabled} set; the same text when it already holds the value.
   *
   * @param where how messages name the file
   */
  static String withEnabled(String text, boolean enabled, String where) {
    TomlParseResult toml = parse(text, where);
    String value = Boolean.toString(enabled);
    String result;
    if (toml.contains("enabled")) {
      if (!toml.isBoolean("enabled")) {
        throw IdflowException.config(where + ": enabled must be true or false");
      }
      if (toml.getBoolean("enabled") == enabled) {
        return text;
      }
      TomlPosition pos = toml.inputPositionOf("enabled");
      int keyStart = offset(text, pos);
      int keyEnd = keyEnd(text, keyStart);
      Matcher m = VALUE.matcher(text);
      if (!m.find(keyEnd)) {
        throw IdflowException.config(
            where + ": cannot rewrite enabled at line " + pos.line() + "; set it by hand");
      }
      result = text.substring(0, m.start(2)) + value + text.substring(m.end(2));
    } else {
      result = insert(text, toml, "enabled = " + value, enabled);
    }
    TomlParseResult check = parse(result, where);
    if (!check.isBoolean("enabled") || check.getBoolean("enabled") != enabled) {
      throw IdflowException.config(where + ": cannot set enabled; set it by hand");
    }
    return result;
  }

  private static TomlParseResult parse(String text, String where) {
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors()) {
      var e = toml.errors().get(0);
      throw IdflowException.config(
          where
              + ": invalid TOML at line "
              + (e.position() == null ? "?" : e.position().line())
              + ": "
              + e.getMessage());
    }
    return toml;
  }

  /**
   * Inserts a top-level line before the first table header (and the comments just above it), or at
   * the end when there is no table. A line that only looks like a header (inside a multi-line array
   * or string) is passed over: the candidate must parse with the line as a top-level key.
   */
  private static String insert(String text, TomlParseResult toml, String line, boolean value) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      if (!TABLE_HEADER.matcher(lines.get(i)).find()) {
        continue;
      }
      int at = i;
      while (at > 0 && lines.get(at - 1).strip().startsWith("#")) {
        at--;
      }
      List<String> candidate = new ArrayList<>(lines);
      candidate.add(at, line);
      String result = String.join("\n", candidate);
      TomlParseResult check = Toml.parse(result);
      if (!check.hasErrors()
          && check.isBoolean("enabled")
          && check.getBoolean("enabled") == value
          && check.dottedKeySet().size() == toml.dottedKeySet().size() + 1) {
        return result;
      }
    }
    boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
    return text + (endsWithNewline ? "" : "\n") + line + "\n";
  }

  private static int offset(String text, TomlPosition pos) {
    int line = 1;
    int i = 0;
    while (line < pos.line()) {
      i = text.indexOf('\n', i) + 1;
      line++;
    }
    return i + pos.column() - 1;
  }

  /** The end of a bare or quoted key starting at {@code start}. */
  private static int keyEnd(String text, int start) {
    char c = text.charAt(start);
    if (c == '"' || c == '\'') {
      return text.indexOf(c, start + 1) + 1;
    }
    int i = start;
    while (i < text.length()
        && (Character.isLetterOrDigit(text.charAt(i))
            || text.charAt(i) == '_'
            || text.charAt(i) == '-')) {
      i++;
    }
    return i;
  }
}

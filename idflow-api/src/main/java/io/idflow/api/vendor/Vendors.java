package io.idflow.api.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.idflow.api.ConfigurationException;
import io.idflow.api.IdflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads vendor specs ({@code config/vendors.d/*.toml}, in file-name order) and locates their
 * materialised copies under {@code .idflow/vendors/<name>}, which only {@code idflow vendor fetch}
 * writes (no other command touches the network).
 *
 * <p>A spec is either flat or has a {@code [source]} table:
 *
 * <pre>
 * name = "shared"        # default: the file stem
 * enabled = true         # default true
 * priority = 50          # default 100; a lower number wins, the project always wins
 * [source]               # or the same keys at the top level
 * type = "git"           # "git" (url, ref, subdir) or "path" (path, subdir)
 * url = "https://example.org/shared.git"
 * ref = "v1.2.3"
 * </pre>
 *
 * <p>Any problem (broken TOML, unknown key or source type, a name that is not a plain folder name,
 * two specs of one name) is a {@link ConfigurationException} (exit 3) whose one-line message starts
 * with the file. Stateless and thread-safe.
 */
public final class Vendors {

  /** The folder of vendor specs below the project root. */
  public static final Path SPEC_DIR = Path.of("config", "vendors.d");

  /** The folder of materialised vendors below the project root. */
  public static final Path WORKSPACE = Path.of(".idflow", "vendors");

  /** The priority of a spec that sets none. */
  public static final int DEFAULT_PRIORITY = 100;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Set<String> TOP_KEYS =
      Set.of("name", "enabled", "priority", "source", "type", "url", "path", "ref", "subdir");
  private static final List<String> SOURCE_KEYS = List.of("type", "url", "path", "ref", "subdir");
  private static final TomlMapper TOML = new TomlMapper();

  private Vendors() {}

  /**
   * Every spec of a project, enabled or not, in file-name order; none when the folder is missing.
   *
   * @throws ConfigurationException for the first bad spec, or two specs with one name
   */
  public static List<VendorSpec> read(Path projectRoot) {
    Path dir = projectRoot.resolve(SPEC_DIR);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(".toml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw IdflowException.config("cannot list " + dir + ": " + e.getMessage());
    }
    List<VendorSpec> out = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path f : files) {
      VendorSpec spec = read(f, projectRoot);
      Path other = seen.putIfAbsent(spec.name(), f);
      if (other != null) {
        throw IdflowException.config(
            display(f, projectRoot)
                + ": vendor name '"
                + spec.name()
                + "' is also declared by "
                + display(other, projectRoot));
      }
      out.add(spec);
    }
    return out;
  }

  /**
   * One spec file.
   *
   * @param file the file
   * @param projectRoot for messages (the file is named relative to it)
   * @throws ConfigurationException when the file is unreadable or invalid
   */
  public static VendorSpec read(Path file, Path projectRoot) {
    String where = display(file, projectRoot);
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw IdflowException.config(where + ": cannot read: " + e.getMessage());
    }
    return parse(text, file, where);
  }

  /**
   * Parses the text of a spec.
   *
   * @param text the TOML text
   * @param file the file it came from (its stem is the default name)
   * @param where how messages name the file
   */
  public static VendorSpec parse(String text, Path file, String where) {
    JsonNode root;
    try {
      root = TOML.readTree(text);
    } catch (JsonProcessingException e) {
      String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw IdflowException.config(
          where + ": invalid TOML" + line + ": " + oneLine(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      root = TOML.createObjectNode();
    }
    unknownKeys(root, TOP_KEYS, where, "");
    String stem = file.getFileName().toString().replaceFirst("\\.toml$", "");
    String name = text(root, "name", where).orElse(stem);
    if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw IdflowException.config(
          where
              + ": vendor name '"
              + name
              + "' must be a plain folder name (letters, digits, '.', '_', '-'; no path"
              + " separators, not starting with '.')");
    }
    boolean enabled = true;
    JsonNode en = root.get("enabled");
    if (en != null) {
      if (!en.isBoolean()) {
        throw IdflowException.config(where + ": enabled must be true or false, not " + en);
      }
      enabled = en.asBoolean();
    }
    int priority = DEFAULT_PRIORITY;
    JsonNode pr = root.get("priority");
    if (pr != null) {
      if (!pr.isIntegralNumber() || !pr.canConvertToInt()) {
        throw IdflowException.config(where + ": priority must be an integer, not " + pr);
      }
      priority = pr.asInt();
    }
    JsonNode source = root.get("source");
    JsonNode src;
    if (source != null) {
      if (!source.isObject()) {
        throw IdflowException.config(where + ": source must be a table ([source])");
      }
      for (String k : SOURCE_KEYS) {
        if (root.has(k)) {
          throw IdflowException.config(
              where + ": '" + k + "' is given both at the top level and in [source]; keep one");
        }
      }
      unknownKeys(source, SOURCE_KEYS, where, "source.");
      src = source;
    } else {
      src = root;
    }
    String typeText =
        text(src, "type", where)
            .orElseThrow(
                () ->
                    IdflowException.config(
                        where + ": source type missing (type = \"git\" or" + " \"path\")"));
    VendorSpec.SourceType type;
    String location;
    switch (typeText) {
      case "git" -> {
        type = VendorSpec.SourceType.GIT;
        location =
            text(src, "url", where)
                .orElseThrow(() -> IdflowException.config(where + ": a git source needs url"));
        if (src.has("path")) {
          throw IdflowException.config(where + ": a git source takes url, not path");
        }
      }
      case "path" -> {
        type = VendorSpec.SourceType.PATH;
        location =
            text(src, "path", where)
                .orElseThrow(() -> IdflowException.config(where + ": a path source needs path"));
        if (src.has("url") || src.has("ref")) {
          throw IdflowException.config(where + ": a path source takes path, not url or ref");
        }
      }
      default ->
          throw IdflowException.config(
              where + ": unknown source type '" + typeText + "' (expected git or path)");
    }
    String ref = text(src, "ref", where).orElse(null);
    String subdir = text(src, "subdir", where).orElse(null);
    if (subdir != null) {
      Path sd = Path.of(subdir).normalize();
      if (sd.isAbsolute() || sd.startsWith("..")) {
        throw IdflowException.config(
            where + ": subdir '" + subdir + "' must be a folder inside the vendor");
      }
    }
    return new VendorSpec(name, enabled, priority, type, location, ref, subdir, file);
  }

  /** The folder holding the materialised vendors: {@code <project>/.idflow/vendors}. */
  public static Path workspace(Path projectRoot) {
    return projectRoot.resolve(WORKSPACE);
  }

  /** Where {@code vendor fetch} puts a vendor: {@code .idflow/vendors/<name>}. */
  public static Path checkout(Path projectRoot, VendorSpec spec) {
    return workspace(projectRoot).resolve(spec.name());
  }

  /**
   * The vendor's root (its checkout, or the {@code subdir} inside it), when it has been fetched.
   */
  public static Optional<Path> root(Path projectRoot, VendorSpec spec) {
    Path checkout = checkout(projectRoot, spec);
    if (!Files.isDirectory(checkout)) {
      return Optional.empty();
    }
    Path root = spec.subdir() == null ? checkout : checkout.resolve(spec.subdir()).normalize();
    return Files.isDirectory(root) ? Optional.of(root) : Optional.empty();
  }

  /**
   * Refuses a vendor that declares vendors of its own: they are not resolved, and ignoring them
   * silently would hide resources the vendor's author expects.
   *
   * @throws ConfigurationException when {@code root} has {@code config/vendors.d/*.toml}
   */
  public static void refuseNested(VendorSpec spec, Path root, Path projectRoot) {
    Path nested = root.resolve(SPEC_DIR);
    if (!Files.isDirectory(nested)) {
      return;
    }
    try (Stream<Path> s = Files.list(nested)) {
      Optional<Path> first =
          s.filter(p -> p.getFileName().toString().endsWith(".toml")).sorted().findFirst();
      if (first.isPresent()) {
        throw IdflowException.config(
            display(spec.file(), projectRoot)
                + ": vendor '"
                + spec.name()
                + "' declares vendors of its own ("
                + SPEC_DIR.resolve(first.get().getFileName())
                + "); nested vendors are not supported: declare them in this project's "
                + SPEC_DIR);
      }
    } catch (IOException e) {
      throw IdflowException.config("cannot list " + nested + ": " + e.getMessage());
    }
  }

  /** A file named relative to the project root when it is inside it. */
  public static String display(Path file, Path projectRoot) {
    Path abs = file.toAbsolutePath().normalize();
    Path root = projectRoot.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }

  private static Optional<String> text(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw IdflowException.config(where + ": " + key + " must be a non-empty string, not " + v);
    }
    return Optional.of(v.asText());
  }

  private static void unknownKeys(
      JsonNode node, java.util.Collection<String> known, String where, String prefix) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        throw IdflowException.config(where + ": unknown key '" + prefix + k + "'");
      }
    }
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}

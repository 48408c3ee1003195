package io.idflow.api.extras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.idflow.api.IdflowException;
import io.idflow.api.resource.BaseType;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceBase;
import io.idflow.api.resource.ResourceResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The extras of a project: named groups of Maven coordinates declared in {@code
 * config/extras.d/*.toml} of the fetched vendors and of the project (later layers replace a name of
 * earlier ones: vendors by priority, then the project). Two forms:
 *
 * <pre>
 * [extras]
 * markdown = ["org.commonmark:commonmark:0.22.0"]
 *
 * [extras.research]
 * artifacts = ["org.jsoup:jsoup:1.18.1"]
 * extends = ["markdown"]
 * </pre>
 *
 * <p>An extra is installed when every artifact of it and of the extras it extends is a file in the
 * local Maven repository; an unknown extra is never installed. Immutable and thread-safe.
 */
public final class ExtrasCatalog {

  /** The folder of extras files below a project or vendor root. */
  public static final Path DIR = Path.of("config", "extras.d");

  private static final TomlMapper TOML = new TomlMapper();
  private static final Pattern COORDINATES =
      Pattern.compile("[^:\\s]+:[^:\\s]+:[^:\\s]+(:[^:\\s]+){0,2}");

  private final Map<String, Extra> extras;

  private ExtrasCatalog(Map<String, Extra> extras) {
    this.extras = extras;
  }

  /**
   * The extras of the resolver's vendor and project bases.
   *
   * @throws io.idflow.api.ConfigurationException naming the file for invalid TOML, an entry that is
   *     not a list of coordinates, or an extra that extends one that no file defines
   */
  public static ExtrasCatalog load(ResourceResolver resolver) {
    Map<String, Extra> byName = new TreeMap<>();
    Map<String, Set<BaseType>> definedIn = new LinkedHashMap<>();
    for (ResourceBase base : resolver.bases()) {
      if (base.type() == BaseType.CORE) {
        continue;
      }
      for (Path root : base.roots()) {
        for (Path file : files(root.resolve(DIR))) {
          String where = base.display(DIR.resolve(file.getFileName()).toString());
          for (Extra e : parse(file, where)) {
            byName.put(e.name(), e);
            definedIn
                .computeIfAbsent(e.name(), k -> EnumSet.noneOf(BaseType.class))
                .add(base.type());
          }
        }
      }
    }
    Map<String, Extra> out = new TreeMap<>();
    byName.forEach(
        (name, e) ->
            out.put(
                name,
                new Extra(
                    name,
                    e.artifacts(),
                    e.extendsNames(),
                    Origin.of(definedIn.get(name)),
                    e.source())));
    // Checked once every layer is in: a project's extra may extend one a vendor defines.
    for (Extra e : out.values()) {
      for (String parent : e.extendsNames()) {
        if (!out.containsKey(parent)) {
          throw IdflowException.config(
              e.source()
                  + ": extras."
                  + e.name()
                  + ".extends: '"
                  + parent
                  + "' is not an extra (none of config/extras.d/*.toml of the project or its"
                  + " vendors defines it)");
        }
      }
    }
    return new ExtrasCatalog(out);
  }

  /** Every extra, sorted by name. */
  public List<Extra> extras() {
    return List.copyOf(extras.values());
  }

  /** The extra of this name. */
  public Optional<Extra> extra(String name) {
    return Optional.ofNullable(extras.get(name));
  }

  /**
   * The artifacts of an extra: those of the extras it extends first (recursively, cycle-safe), then
   * its own, without duplicates; empty for an unknown name.
   */
  public List<String> artifacts(String name) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    collect(name, out, new LinkedHashSet<>());
    return List.copyOf(out);
  }

  /**
   * Whether an extra is installed.
   *
   * @param name the extra
   * @param localPath where an artifact's file is in the local Maven repository
   * @return false for an unknown extra or a missing file
   */
  public boolean installed(String name, Function<String, Path> localPath) {
    if (!extras.containsKey(name)) {
      return false;
    }
    for (String a : artifacts(name)) {
      if (!Files.isRegularFile(localPath.apply(a))) {
        return false;
      }
    }
    return true;
  }

  private void collect(String name, Set<String> out, Set<String> visiting) {
    Extra e = extras.get(name);
    if (e == null || !visiting.add(name)) {
      return;
    }
    for (String parent : e.extendsNames()) {
      collect(parent, out, visiting);
    }
    out.addAll(e.artifacts());
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".toml")).sorted().toList();
    } catch (IOException e) {
      throw IdflowException.config("cannot list " + dir + ": " + e.getMessage());
    }
  }

  static List<Extra> parse(Path file, String where) {
    JsonNode root;
    try {
      root = TOML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw IdflowException.config(
          where
              + ": invalid TOML"
              + line
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw IdflowException.config(where + ": cannot read: " + e.getMessage());
    }
    List<Extra> out = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return out;
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("extras")) {
        throw IdflowException.config(where + ": unknown key '" + k + "' (extras go in [extras])");
      }
    }
    JsonNode extras = root.path("extras");
    for (Iterator<Map.Entry<String, JsonNode>> it = extras.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      List<String> artifacts;
      List<String> parents = List.of();
      if (v.isArray()) {
        artifacts = strings(v, where, "extras." + name, true);
      } else if (v.isObject()) {
        for (Iterator<String> keys = v.fieldNames(); keys.hasNext(); ) {
          String key = keys.next();
          if (!key.equals("artifacts") && !key.equals("extends")) {
            throw IdflowException.config(
                where + ": unknown key 'extras." + name + "." + key + "' (artifacts, extends)");
          }
        }
        artifacts = strings(v.path("artifacts"), where, "extras." + name + ".artifacts", true);
        parents = strings(v.path("extends"), where, "extras." + name + ".extends", false);
      } else {
        throw IdflowException.config(
            where + ": extras." + name + " must be a list of Maven coordinates or a table");
      }
      out.add(new Extra(name, artifacts, parents, Origin.CUSTOM, where));
    }
    return out;
  }

  private static List<String> strings(JsonNode v, String where, String key, boolean coordinates) {
    if (v.isMissingNode()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw IdflowException.config(where + ": " + key + " must be a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || (coordinates && !COORDINATES.matcher(item.asText()).matches())) {
        throw IdflowException.config(
            where
                + ": "
                + key
                + ": "
                + item
                + (coordinates
                    ? " is not group:artifact:version[:type[:classifier]]"
                    : " is not an extra name"));
      }
      out.add(item.asText());
    }
    return out;
  }
}

package io.idflow.cli.doc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.idflow.api.IdflowException;
import io.idflow.api.document.DocRef;
import io.idflow.api.document.Document;
import io.idflow.api.internal.Json;
import io.idflow.api.value.internal.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of {@code doc add} and {@code doc modify} that change a document's properties,
 * references and attachments. They are applied in a fixed order: {@code --set}, {@code --list-add},
 * {@code --json}, {@code --add-doc} (with {@code --doc-data}), {@code --add-file} (with {@code
 * --file-data}). Everything is checked before the document is touched.
 */
public class DocChangeMixin {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Set a property to a string. A dotted KEY creates nested maps (meta.owner=alice)."
              + " Repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--list-add",
      paramLabel = "KEY=VALUE",
      description = "Append a string to the list at KEY (dot path), creating the list. Repeatable.")
  List<String> listAdds = new ArrayList<>();

  @Option(
      names = "--json",
      paramLabel = "KEY=JSON",
      description =
          "Set a property to a typed JSON value (number, boolean, list, object; dot path)."
              + " Repeatable.")
  List<String> jsons = new ArrayList<>();

  @Option(
      names = "--add-doc",
      paramLabel = "KEY=ID",
      description = "Add a reference to another document. Repeatable.")
  List<String> addDocs = new ArrayList<>();

  @Option(
      names = "--doc-data",
      paramLabel = "JSON",
      description = "A JSON object of data for the --add-doc before it.")
  List<String> docData = new ArrayList<>();

  @Option(
      names = "--add-file",
      paramLabel = "KEY=PATH",
      description = "Attach a copy of a file. Repeatable.")
  List<String> addFiles = new ArrayList<>();

  @Option(
      names = "--file-data",
      paramLabel = "JSON",
      description = "A JSON object of data for the --add-file before it.")
  List<String> fileData = new ArrayList<>();

  private record Ref(String key, String target, Map<String, Object> data) {}

  /**
   * Checks every option and returns the change to apply to a document.
   *
   * @param workingDir where relative {@code --add-file} paths start
   * @throws IdflowException ({@link io.idflow.api.ExitCode#USAGE}) for a malformed option, invalid
   *     JSON, a missing file, a reserved key, or {@code --doc-data}/{@code --file-data} without a
   *     reference before it
   */
  public Consumer<Document> prepare(Path workingDir) {
    List<String[]> setPairs = pairs("--set", sets, "KEY=VALUE");
    for (String[] p : setPairs) {
      String first = p[0].split("\\.", 2)[0];
      if (first.equals("status")) {
        throw IdflowException.usage(
            "--set " + p[0] + "=...: the status is not a property; use --status or doc set-status");
      }
      if (first.equals("id")) {
        throw IdflowException.usage("--set " + p[0] + "=...: a document's id cannot be changed");
      }
    }
    List<String[]> listPairs = pairs("--list-add", listAdds, "KEY=VALUE");
    List<Map.Entry<String, Object>> jsonValues = new ArrayList<>();
    for (String[] p : pairs("--json", jsons, "KEY=JSON")) {
      jsonValues.add(Map.entry(p[0], json("--json", p[0], p[1])));
    }
    List<Ref> refs = new ArrayList<>();
    List<Ref> files = new ArrayList<>();
    collectReferences(workingDir, refs, files);
    return doc -> {
      try {
        setPairs.forEach(p -> doc.putPath(p[0], p[1]));
        listPairs.forEach(p -> doc.appendPath(p[0], p[1]));
        jsonValues.forEach(e -> doc.putPath(e.getKey(), e.getValue()));
        refs.forEach(r -> doc.addDocRef(new DocRef(r.key, r.target, r.data)));
        for (Ref f : files) {
          doc.attachFile(f.key, Path.of(f.target), f.data);
        }
      } catch (IllegalArgumentException e) {
        throw IdflowException.usage(e.getMessage());
      }
    };
  }

  /**
   * Pairs {@code --add-doc} with the {@code --doc-data} that follow it, and {@code --add-file} with
   * its {@code --file-data}, in command-line order.
   */
  private void collectReferences(Path workingDir, List<Ref> refs, List<Ref> files) {
    Map<String, Integer> seen = new HashMap<>();
    for (ArgSpec arg : mixee.commandLine().getParseResult().matchedArgs()) {
      if (!(arg instanceof OptionSpec o)) {
        continue;
      }
      String name = o.longestName();
      List<String> values =
          switch (name) {
            case "--add-doc" -> addDocs;
            case "--doc-data" -> docData;
            case "--add-file" -> addFiles;
            case "--file-data" -> fileData;
            default -> null;
          };
      if (values == null) {
        continue;
      }
      int i = seen.merge(name, 1, Integer::sum) - 1;
      String value = values.get(i);
      switch (name) {
        case "--add-doc" -> {
          String[] p = pair(name, value, "KEY=ID");
          String key = p[0].strip();
          String target = p[1].strip();
          if (!Names.isKey(key)) {
            throw IdflowException.usage(
                "--add-doc "
                    + value
                    + ": invalid key (letters, digits, '_', '.', '-'; not starting with '.' or"
                    + " '-')");
          }
          if (!Names.isId(target)) {
            throw IdflowException.usage("--add-doc " + value + ": invalid document id");
          }
          refs.add(new Ref(key, target, Map.of()));
        }
        case "--add-file" -> {
          String[] p = pair(name, value, "KEY=PATH");
          String key = p[0].strip();
          if (!Names.isKey(key)) {
            throw IdflowException.usage("--add-file " + value + ": invalid key");
          }
          Path file = resolve(workingDir, p[1].strip());
          if (!Files.isRegularFile(file)) {
            throw IdflowException.usage("--add-file: file not found: " + p[1].strip());
          }
          files.add(new Ref(key, file.toString(), Map.of()));
        }
        case "--doc-data" -> {
          if (refs.isEmpty()) {
            throw IdflowException.usage("--doc-data without an --add-doc before it");
          }
          Ref last = refs.remove(refs.size() - 1);
          refs.add(new Ref(last.key, last.target, object(name, value)));
        }
        default -> {
          if (files.isEmpty()) {
            throw IdflowException.usage("--file-data without an --add-file before it");
          }
          Ref last = files.remove(files.size() - 1);
          files.add(new Ref(last.key, last.target, object(name, value)));
        }
      }
    }
  }

  private static Path resolve(Path workingDir, String path) {
    String p = path;
    if (p.equals("~") || p.startsWith("~/")) {
      p = System.getProperty("user.home") + p.substring(1);
    }
    return workingDir.resolve(p).normalize();
  }

  private static List<String[]> pairs(String option, List<String> values, String form) {
    List<String[]> pairs = new ArrayList<>();
    for (String v : values) {
      pairs.add(pair(option, v, form));
    }
    return pairs;
  }

  private static String[] pair(String option, String value, String form) {
    int eq = value.indexOf('=');
    if (eq <= 0 || value.substring(0, eq).isBlank()) {
      throw IdflowException.usage(option + " expects " + form + ", not: " + value);
    }
    return new String[] {value.substring(0, eq).strip(), value.substring(eq + 1)};
  }

  private static Object json(String option, String key, String text) {
    try {
      return Json.MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw IdflowException.usage(
          option + ": invalid JSON for " + key + ": " + firstLine(e.getOriginalMessage()));
    }
  }

  private static Map<String, Object> object(String option, String text) {
    if (text.isBlank()) {
      return Map.of();
    }
    Object value;
    try {
      value = Json.MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw IdflowException.usage(option + ": invalid JSON: " + firstLine(e.getOriginalMessage()));
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw IdflowException.usage(option + ": expected a JSON object, not: " + text);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    m.forEach((k, v) -> map.put(String.valueOf(k), v));
    return map;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}

package io.idflow.api.document.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.idflow.api.document.DocRef;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentCorruptException;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.FileRef;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageResult;
import io.idflow.api.document.StageStatus;
import io.idflow.api.internal.StrictYaml;
import io.idflow.api.value.internal.Values;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fs_markdown} file format: a YAML frontmatter between {@code ---} lines, then the
 * Markdown body.
 *
 * <pre>
 * ---
 * status: inbox
 * id: 5d26a3cc-1d04-4ed8-a702-8a658609daa9
 * title: Observability
 * _doc_refs: []
 * _file_refs: []
 * ---
 * body
 * </pre>
 *
 * <p>Key order when writing: {@code status}, {@code id}, the properties in their order, {@code
 * _doc_refs}, {@code _file_refs}. Reading takes the id from the folder name and ignores the {@code
 * _persisted} flag the original idflow leaked into files. Thread-safe (stateless).
 */
public final class MarkdownCodec {

  private MarkdownCodec() {}

  /** A file split into its frontmatter and body. */
  public record Parts(Map<String, Object> frontmatter, String body) {}

  /**
   * Splits a Markdown file's text.
   *
   * @throws DocumentCorruptException when the frontmatter is not closed or not a YAML mapping
   */
  public static Parts split(Path file, String text) {
    String t = text;
    if (!t.isEmpty() && t.charAt(0) == '\uFEFF') {
      t = t.substring(1);
    }
    if (t.indexOf('\r') >= 0) {
      t = t.replace("\r\n", "\n");
    }
    if (!(t.startsWith("---\n") || t.equals("---"))) {
      return new Parts(Map.of(), Values.normalizeBody(t));
    }
    int headStart = 4;
    int close = -1;
    if (t.startsWith("---", headStart) && (t.length() == 7 || t.charAt(7) == '\n')) {
      close = headStart;
    } else {
      int from = headStart - 1;
      while (true) {
        int i = t.indexOf("\n---", from);
        if (i < 0) {
          break;
        }
        int end = i + 4;
        if (end == t.length() || t.charAt(end) == '\n') {
          close = i + 1;
          break;
        }
        from = end;
      }
    }
    if (close < 0 || headStart > t.length()) {
      throw new DocumentCorruptException(file, "the frontmatter has no closing '---' line");
    }
    String head = t.substring(headStart, close);
    int bodyStart = Math.min(t.length(), close + 4);
    return new Parts(readYaml(file, head), Values.normalizeBody(t.substring(bodyStart)));
  }

  /** Parses a frontmatter: the fast reader when it can, the general YAML parser otherwise. */
  static Map<String, Object> readYaml(Path file, String head) {
    Map<String, Object> fast = FastYamlReader.read(head);
    if (fast != null) {
      return fast;
    }
    Object value;
    try {
      value = StrictYaml.read(head);
    } catch (JsonProcessingException e) {
      throw new DocumentCorruptException(
          file, "invalid YAML frontmatter: " + firstLine(e.getOriginalMessage()));
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new DocumentCorruptException(
          file, "invalid YAML frontmatter: " + firstLine(e.getMessage()));
    } catch (IOException e) {
      throw new DocumentCorruptException(file, "invalid YAML frontmatter: " + e.getMessage());
    } catch (StrictYaml.Refused e) {
      throw new DocumentCorruptException(file, e.getMessage());
    }
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new DocumentCorruptException(file, "the frontmatter is not a YAML mapping");
    }
    try {
      return Values.normalizeMap(castMap(value), "frontmatter");
    } catch (IllegalArgumentException e) {
      throw new DocumentCorruptException(file, e.getMessage());
    }
  }

  /** A Markdown file's text: the frontmatter (if any keys) and the body. */
  public static String join(Map<String, Object> frontmatter, String body) {
    StringBuilder sb = new StringBuilder(256 + body.length());
    sb.append("---\n").append(YamlWriter.write(frontmatter)).append("---\n");
    if (!body.isEmpty()) {
      sb.append(body).append('\n');
    }
    return sb.toString();
  }

  /** The text of a document's {@code doc.md}. */
  public static String format(Document doc) {
    Map<String, Object> fm = new LinkedHashMap<>();
    fm.put("status", doc.status().folderName());
    fm.put("id", doc.id());
    fm.putAll(doc.properties());
    fm.put("_doc_refs", docRefs(doc.docRefs()));
    fm.put("_file_refs", fileRefs(doc.fileRefs()));
    return join(fm, doc.body());
  }

  /**
   * Reads a document.
   *
   * @param id the id (the folder's name)
   * @param folderStatus the status folder it lies in, used when the frontmatter has no status
   * @param file the {@code doc.md} file, for messages and {@link Document#path()}
   * @param text the file's text
   * @throws DocumentCorruptException when the file is not a valid document
   */
  public static Document parseDocument(
      String id, DocumentStatus folderStatus, Path file, String text) {
    return parseDocument(id, folderStatus, file, text, null);
  }

  /**
   * Reads a document whose stage instances are read later, on first use.
   *
   * @param stages reads the stage instances; null for none
   * @see #parseDocument(String, DocumentStatus, Path, String)
   */
  public static Document parseDocument(
      String id,
      DocumentStatus folderStatus,
      Path file,
      String text,
      java.util.function.Supplier<List<StageInstance>> stages) {
    if (text.isBlank()) {
      throw new DocumentCorruptException(
          file, "the file is empty (a document has at least a frontmatter or a body)");
    }
    Parts parts = split(file, text);
    Map<String, Object> props = new LinkedHashMap<>(parts.frontmatter());
    try {
      DocumentStatus status = folderStatus;
      Object s = props.remove("status");
      if (s != null) {
        status = DocumentStatus.of(String.valueOf(s));
      }
      props.remove("id");
      props.remove("_persisted");
      List<DocRef> docRefs = parseDocRefs(props.remove("_doc_refs"));
      List<FileRef> fileRefs = parseFileRefs(props.remove("_file_refs"));
      return Document.builder(id)
          .status(status)
          .properties(props)
          .body(parts.body())
          .docRefs(docRefs)
          .fileRefs(fileRefs)
          .path(file)
          .stages(stages)
          .build();
    } catch (IllegalArgumentException e) {
      throw new DocumentCorruptException(file, e.getMessage());
    }
  }

  /** The text of a stage instance's {@code stage.md}. */
  public static String format(StageInstance stage) {
    Map<String, Object> fm = new LinkedHashMap<>();
    fm.put("status", stage.status().fileName());
    fm.put("id", stage.id());
    fm.put("name", stage.name());
    fm.put("counter", stage.counter());
    fm.put("parent_id", stage.parentId());
    fm.putAll(stage.properties());
    fm.put("_doc_refs", docRefs(stage.docRefs()));
    fm.put("_file_refs", fileRefs(stage.fileRefs()));
    return join(fm, stage.body());
  }

  /**
   * Reads a stage instance.
   *
   * @param name the stage's name (its folder's name)
   * @param counter the counter (its folder's name)
   * @param parentId the document's id
   * @param file the {@code stage.md} file
   * @param results the stage's results
   * @throws DocumentCorruptException when the file is not a valid stage instance
   */
  public static StageInstance parseStage(
      String name,
      int counter,
      String parentId,
      Path file,
      String text,
      Map<String, StageResult> results) {
    Parts parts = split(file, text);
    Map<String, Object> props = new LinkedHashMap<>(parts.frontmatter());
    try {
      Object s = props.remove("status");
      StageStatus status = s == null ? StageStatus.SCHEDULED : StageStatus.of(String.valueOf(s));
      Object id = props.remove("id");
      if (!(id instanceof String sid)) {
        throw new IllegalArgumentException("the stage has no id");
      }
      props.remove("name");
      props.remove("counter");
      props.remove("parent_id");
      props.remove("body"); // leaked by the original idflow; the body is below the frontmatter
      props.remove("_persisted");
      List<DocRef> docRefs = parseDocRefs(props.remove("_doc_refs"));
      List<FileRef> fileRefs = parseFileRefs(props.remove("_file_refs"));
      return StageInstance.builder(name, counter)
          .id(sid)
          .parentId(parentId)
          .status(status)
          .properties(props)
          .body(parts.body())
          .docRefs(docRefs)
          .fileRefs(fileRefs)
          .results(results)
          .path(file)
          .build();
    } catch (IllegalArgumentException e) {
      throw new DocumentCorruptException(file, e.getMessage());
    }
  }

  /** The text of a stage result file. */
  public static String format(StageResult result) {
    return join(result.properties(), result.body());
  }

  /** Reads a stage result file. */
  public static StageResult parseResult(Path file, String text) {
    Parts parts = split(file, text);
    try {
      return new StageResult(parts.frontmatter(), parts.body());
    } catch (IllegalArgumentException e) {
      throw new DocumentCorruptException(file, e.getMessage());
    }
  }

  private static List<Object> docRefs(List<DocRef> refs) {
    List<Object> list = new ArrayList<>(refs.size());
    for (DocRef r : refs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", r.key());
      m.put("uuid", r.uuid());
      m.put("data", r.data());
      list.add(m);
    }
    return list;
  }

  private static List<Object> fileRefs(List<FileRef> refs) {
    List<Object> list = new ArrayList<>(refs.size());
    for (FileRef r : refs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", r.key());
      m.put("filename", r.filename());
      m.put("uuid", r.uuid());
      m.put("data", r.data());
      list.add(m);
    }
    return list;
  }

  private static List<DocRef> parseDocRefs(Object value) {
    List<DocRef> refs = new ArrayList<>();
    for (Map<String, Object> m : refMaps("_doc_refs", value)) {
      refs.add(new DocRef(string(m, "key"), string(m, "uuid"), data(m)));
    }
    return refs;
  }

  private static List<FileRef> parseFileRefs(Object value) {
    List<FileRef> refs = new ArrayList<>();
    for (Map<String, Object> m : refMaps("_file_refs", value)) {
      refs.add(new FileRef(string(m, "key"), string(m, "filename"), string(m, "uuid"), data(m)));
    }
    return refs;
  }

  private static List<Map<String, Object>> refMaps(String what, Object value) {
    List<Map<String, Object>> maps = new ArrayList<>();
    if (value == null) {
      return maps;
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(what + " is not a list");
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(what + " holds an entry that is not a mapping: " + o);
      }
      maps.add(castMap(o));
    }
    return maps;
  }

  private static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("a reference has no " + key);
    }
    return String.valueOf(v).strip();
  }

  private static Map<String, Object> data(Map<String, Object> m) {
    Object d = m.get("data");
    if (d == null) {
      return Map.of();
    }
    if (!(d instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("the data of reference " + m.get("key") + " is not a map");
    }
    return castMap(d);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no details)";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}

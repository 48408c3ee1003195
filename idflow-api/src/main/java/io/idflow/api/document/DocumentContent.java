package io.idflow.api.document;

import io.idflow.api.value.internal.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What documents and stage instances have in common: frontmatter properties (any YAML value, in
 * insertion order), a Markdown body, references to other documents and attached files.
 *
 * <p>Property values are stored as immutable, normalised copies (see {@link #put}); to change a
 * nested value, put a new one. Not thread-safe: a document belongs to one thread at a time (use
 * {@link DocumentStore#update} to change a stored document).
 */
public abstract sealed class DocumentContent<T extends DocumentContent<T>>
    permits Document, StageInstance {

  /** A file attached since the document was read; the store copies it when it writes. */
  public record PendingFile(FileRef ref, Path source) {
    /** Checks that neither field is null. */
    public PendingFile {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(source, "source");
    }
  }

  private final LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
  private String body = "";
  private final List<DocRef> docRefs = new ArrayList<>();
  private final List<FileRef> fileRefs = new ArrayList<>();
  private final List<PendingFile> pendingFiles = new ArrayList<>();
  private final Path path;

  DocumentContent(
      Map<String, ?> properties,
      String body,
      List<DocRef> docRefs,
      List<FileRef> fileRefs,
      Path path) {
    if (properties != null) {
      for (Map.Entry<String, ?> e : properties.entrySet()) {
        put(e.getKey(), e.getValue());
      }
    }
    setBody(body);
    if (docRefs != null) {
      docRefs.forEach(r -> this.docRefs.add(Objects.requireNonNull(r, "doc ref")));
    }
    if (fileRefs != null) {
      fileRefs.forEach(r -> this.fileRefs.add(Objects.requireNonNull(r, "file ref")));
    }
    this.path = path;
  }

  /** The keys the file format uses itself, which properties may not take. */
  abstract Set<String> reservedKeys();

  /** This object, typed. */
  abstract T self();

  /** The frontmatter properties in insertion order: a read-only view. */
  public Map<String, Object> properties() {
    return Collections.unmodifiableMap(properties);
  }

  /**
   * A property: the top-level key with exactly this name when there is one, else the dot path into
   * nested maps ({@code meta.owner}).
   *
   * @return the value, or null when missing (or null)
   */
  public Object get(String key) {
    return Values.lookup(properties, key);
  }

  /** Whether the top-level key or the dot path exists (its value may be null). */
  public boolean has(String key) {
    if (properties.containsKey(key)) {
      return true;
    }
    int dot = key.lastIndexOf('.');
    if (dot < 0) {
      return false;
    }
    Object parent = Values.lookup(properties, key.substring(0, dot));
    return parent instanceof Map<?, ?> m && m.containsKey(key.substring(dot + 1));
  }

  /**
   * Sets a top-level property; a dot in the key is part of the key. The value is stored as an
   * immutable copy: integers as {@code Integer}, {@code Long} or {@code BigInteger}, other numbers
   * as {@code Double}, collections as lists, maps as insertion-ordered maps.
   *
   * @return this
   * @throws IllegalArgumentException when the key is empty or reserved ({@code id}, {@code status},
   *     {@code _doc_refs}, ...), or the value has a type that cannot be stored
   */
  public T put(String key, Object value) {
    checkKey(key);
    properties.put(key, Values.normalize(value, key));
    return self();
  }

  /**
   * Sets a property by dot path ({@code meta.owner}), creating the maps on the way.
   *
   * @return this
   * @throws IllegalArgumentException when the path has an empty segment, its first segment is
   *     reserved, a value on the way is not a map, or the value cannot be stored
   */
  public T putPath(String dotPath, Object value) {
    String[] parts = split(dotPath);
    checkKey(parts[0]);
    Object normalized = Values.normalize(value, dotPath);
    properties.put(parts[0], with(properties.get(parts[0]), parts, 1, normalized, dotPath));
    return self();
  }

  /**
   * Appends a value to the list at a dot path; a missing (or null) list is created.
   *
   * @return this
   * @throws IllegalArgumentException when the value at the path is not a list (message: {@code
   *     <path> is not a list.}), or as {@link #putPath}
   */
  public T appendPath(String dotPath, Object value) {
    String[] parts = split(dotPath);
    Object current = properties.get(parts[0]);
    for (int i = 1; i < parts.length && current != null; i++) {
      current = current instanceof Map<?, ?> m ? m.get(parts[i]) : null;
    }
    List<Object> list = new ArrayList<>();
    if (current instanceof List<?> l) {
      list.addAll(l);
    } else if (current != null) {
      throw new IllegalArgumentException(dotPath + " is not a list.");
    }
    list.add(value);
    return putPath(dotPath, list);
  }

  /**
   * Removes a top-level property.
   *
   * @return the removed value, or null
   */
  public Object remove(String key) {
    return properties.remove(key);
  }

  /** The Markdown body, never null; leading blank lines and trailing whitespace are not kept. */
  public String body() {
    return body;
  }

  /**
   * Replaces the body (null means empty). Leading blank lines and trailing whitespace are removed,
   * as the file keeps them not.
   *
   * @return this
   */
  public T setBody(String body) {
    this.body = Values.normalizeBody(body);
    return self();
  }

  /** The references to other documents, in the order they were added: a read-only view. */
  public List<DocRef> docRefs() {
    return Collections.unmodifiableList(docRefs);
  }

  /** The references with this key. */
  public List<DocRef> docRefs(String key) {
    return docRefs.stream().filter(r -> r.key().equals(key)).toList();
  }

  /**
   * Adds a reference to another document (the target is not checked).
   *
   * @return this
   */
  public T addDocRef(DocRef ref) {
    docRefs.add(Objects.requireNonNull(ref, "ref"));
    return self();
  }

  /**
   * Removes every reference with this key.
   *
   * @return how many were removed
   */
  public int removeDocRefs(String key) {
    int before = docRefs.size();
    docRefs.removeIf(r -> r.key().equals(key));
    return before - docRefs.size();
  }

  /** The attached files, in the order they were attached: a read-only view. */
  public List<FileRef> fileRefs() {
    return Collections.unmodifiableList(fileRefs);
  }

  /** The attached files with this key. */
  public List<FileRef> fileRefs(String key) {
    return fileRefs.stream().filter(r -> r.key().equals(key)).toList();
  }

  /**
   * Attaches a copy of a file under a new attachment id. The file is copied when the store writes
   * the document; until then it must stay readable.
   *
   * @param key what the file is for
   * @param source the file to copy, a regular file
   * @param data extra data about the file (may be null)
   * @return the new reference
   * @throws IllegalArgumentException when the source is not a regular file or the key is invalid
   */
  public FileRef attachFile(String key, Path source, Map<String, ?> data) {
    Objects.requireNonNull(source, "source");
    if (!java.nio.file.Files.isRegularFile(source)) {
      throw new IllegalArgumentException("file not found: " + source);
    }
    FileRef ref =
        new FileRef(key, source.getFileName().toString(), UUID.randomUUID().toString(), map(data));
    fileRefs.add(ref);
    pendingFiles.add(new PendingFile(ref, source.toAbsolutePath()));
    return ref;
  }

  /**
   * Replaces an attached file's data.
   *
   * @throws IllegalArgumentException when the reference is not attached here
   */
  public FileRef setFileData(FileRef ref, Map<String, ?> data) {
    int i = fileRefs.indexOf(ref);
    if (i < 0) {
      throw new IllegalArgumentException("file reference " + ref.uuid() + " is not attached here");
    }
    FileRef updated = new FileRef(ref.key(), ref.filename(), ref.uuid(), map(data));
    fileRefs.set(i, updated);
    for (int p = 0; p < pendingFiles.size(); p++) {
      if (pendingFiles.get(p).ref().uuid().equals(ref.uuid())) {
        pendingFiles.set(p, new PendingFile(updated, pendingFiles.get(p).source()));
      }
    }
    return updated;
  }

  /** Files attached since this object was read, which the store copies when it writes. */
  public List<PendingFile> pendingFiles() {
    return Collections.unmodifiableList(pendingFiles);
  }

  /** The Markdown file this was read from, if it is stored in files. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /** The folder holding the Markdown file and the attachments, if stored in files. */
  public Optional<Path> folder() {
    return path().map(Path::getParent);
  }

  /** Where an attached file is stored, if stored in files. */
  public Optional<Path> file(FileRef ref) {
    return folder().map(f -> f.resolve(ref.uuid()));
  }

  void copyContentFrom(DocumentContent<?> other) {
    properties.putAll(other.properties);
    body = other.body;
    docRefs.addAll(other.docRefs);
    fileRefs.addAll(other.fileRefs);
    pendingFiles.addAll(other.pendingFiles);
  }

  private void checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("property names must not be empty");
    }
    if (reservedKeys().contains(key)) {
      throw new IllegalArgumentException(
          "'"
              + io.idflow.api.text.Printable.escape(key)
              + "' is reserved and cannot be set as a property (reserved: "
              + String.join(", ", new java.util.TreeSet<>(reservedKeys()))
              + ")");
    }
  }

  private static String[] split(String dotPath) {
    if (dotPath == null || dotPath.isEmpty()) {
      throw new IllegalArgumentException("property names must not be empty");
    }
    String[] parts = dotPath.split("\\.", -1);
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid property path '" + io.idflow.api.text.Printable.escape(dotPath) + "'");
      }
      for (int i = 0; i < p.length(); i++) {
        if (io.idflow.api.text.Printable.needsEscape(p.charAt(i))) {
          throw new IllegalArgumentException(
              "invalid property path '"
                  + io.idflow.api.text.Printable.escape(dotPath)
                  + "': a property name cannot hold control characters");
        }
      }
    }
    return parts;
  }

  private static Object with(Object current, String[] parts, int i, Object value, String path) {
    if (i == parts.length) {
      return value;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    if (current instanceof Map<?, ?> m) {
      m.forEach((k, v) -> map.put((String) k, v));
    } else if (current != null) {
      throw new IllegalArgumentException(
          String.join(".", java.util.Arrays.copyOf(parts, i)) + " is not a map (in " + path + ")");
    }
    map.put(parts[i], with(map.get(parts[i]), parts, i + 1, value, path));
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, Object> map(Map<String, ?> data) {
    return data == null ? Map.of() : new LinkedHashMap<String, Object>(data);
  }
}

package io.idflow.api.document;

import io.idflow.api.value.internal.Names;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One run of a stage on a document: its own id, name, counter (1 for the first run of that stage on
 * the document, then 2, ...), {@link StageStatus}, properties, body, references and named results.
 * Stored in {@code stages/<name>/<counter>/stage.md} in the document's folder; results in {@code
 * <result-name>.md} next to it.
 *
 * <p>Obtain one from {@link Document#addStage} or {@link Document#stages()}; the store writes it
 * with its document. Not thread-safe.
 */
public final class StageInstance extends DocumentContent<StageInstance> {

  /** The frontmatter keys {@code stage.md} uses itself; properties may not take them. */
  public static final Set<String> RESERVED_KEYS =
      Set.of(
          "id",
          "status",
          "name",
          "counter",
          "parent_id",
          "body",
          "_doc_refs",
          "_file_refs",
          "_persisted");

  private final String id;
  private final String name;
  private final int counter;
  private final String parentId;
  private StageStatus status;
  private final Map<String, StageResult> results = new LinkedHashMap<>();

  private StageInstance(Builder b) {
    super(b.properties, b.body, b.docRefs, b.fileRefs, b.path);
    this.id = Names.requireId("stage id", b.id);
    this.name = Names.requireKey("stage name", b.name);
    if (b.counter < 1) {
      throw new IllegalArgumentException("stage counter must be 1 or more, not " + b.counter);
    }
    this.counter = b.counter;
    this.parentId = Names.requireId("document id", b.parentId);
    this.status = Objects.requireNonNull(b.status, "status");
    b.results.forEach(this::putResult);
  }

  /**
   * A builder for an instance of a stage.
   *
   * @param name the stage's name
   * @param counter 1 or more
   */
  public static Builder builder(String name, int counter) {
    return new Builder(name, counter);
  }

  @Override
  Set<String> reservedKeys() {
    return RESERVED_KEYS;
  }

  @Override
  StageInstance self() {
    return this;
  }

  /** The instance's id (a UUID); it never changes. */
  public String id() {
    return id;
  }

  /** The stage's name. */
  public String name() {
    return name;
  }

  /** Which run of the stage on its document this is: 1, 2, ... */
  public int counter() {
    return counter;
  }

  /** The id of the document this instance belongs to. */
  public String parentId() {
    return parentId;
  }

  /** The status. */
  public StageStatus status() {
    return status;
  }

  /**
   * Changes the status; written with the document.
   *
   * @return this
   */
  public StageInstance setStatus(StageStatus status) {
    this.status = Objects.requireNonNull(status, "status");
    return this;
  }

  /** The named results, in the order they were added: a read-only view. */
  public Map<String, StageResult> results() {
    return Collections.unmodifiableMap(results);
  }

  /** The result with this name. */
  public Optional<StageResult> result(String resultName) {
    return Optional.ofNullable(results.get(resultName));
  }

  /**
   * Stores a result under a name (replacing one of the same name); written with the document as
   * {@code <name>.md} in the stage's folder.
   *
   * @param resultName letters, digits, {@code _ . -}; not {@code stage}
   * @return this
   * @throws IllegalArgumentException when the name is invalid
   */
  public StageInstance putResult(String resultName, StageResult result) {
    Names.requireKey("stage result name", resultName);
    if (resultName.equals("stage")) {
      throw new IllegalArgumentException("'stage' cannot name a stage result (stage.md is taken)");
    }
    results.put(resultName, Objects.requireNonNull(result, "result"));
    return this;
  }

  StageInstance copy() {
    StageInstance copy =
        builder(name, counter)
            .id(id)
            .parentId(parentId)
            .status(status)
            .results(results)
            .path(path().orElse(null))
            .build();
    copy.copyContentFrom(this);
    return copy;
  }

  @Override
  public String toString() {
    return "StageInstance[" + name + "/" + counter + ", " + status + ", " + id + "]";
  }

  /** Builds a stage instance, for example from what a store read. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final int counter;
    private String id = UUID.randomUUID().toString();
    private String parentId;
    private StageStatus status = StageStatus.SCHEDULED;
    private Map<String, ?> properties = Map.of();
    private String body = "";
    private List<DocRef> docRefs = List.of();
    private List<FileRef> fileRefs = List.of();
    private Map<String, StageResult> results = Map.of();
    private Path path;

    private Builder(String name, int counter) {
      this.name = name;
      this.counter = counter;
    }

    /** The instance's id; default a random UUID. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The document's id; required. */
    public Builder parentId(String parentId) {
      this.parentId = parentId;
      return this;
    }

    /** The status; default {@code scheduled}. */
    public Builder status(StageStatus status) {
      this.status = status;
      return this;
    }

    /** The frontmatter properties; default none. Reserved keys are rejected. */
    public Builder properties(Map<String, ?> properties) {
      this.properties = properties;
      return this;
    }

    /** The body; default empty. */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** The references to documents; default none. */
    public Builder docRefs(List<DocRef> docRefs) {
      this.docRefs = docRefs;
      return this;
    }

    /** The attached files (already stored); default none. */
    public Builder fileRefs(List<FileRef> fileRefs) {
      this.fileRefs = fileRefs;
      return this;
    }

    /** The named results; default none. */
    public Builder results(Map<String, StageResult> results) {
      this.results = results;
      return this;
    }

    /** Where {@code stage.md} is stored (set by file-based stores); default none. */
    public Builder path(Path path) {
      this.path = path;
      return this;
    }

    /**
     * Builds the instance.
     *
     * @throws IllegalArgumentException when a field is invalid
     */
    public StageInstance build() {
      return new StageInstance(this);
    }
  }
}

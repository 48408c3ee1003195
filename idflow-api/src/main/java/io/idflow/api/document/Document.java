package io.idflow.api.document;

import io.idflow.api.value.internal.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A document: an id, a {@link DocumentStatus}, frontmatter properties of any YAML type, a Markdown
 * body, references to other documents, attached files and stage instances.
 *
 * <p>Create one with {@link #create()} (or {@link #builder(String)}), fill it and hand it to {@link
 * DocumentStore#create}; change a stored one with {@link DocumentStore#update}, which gives you the
 * current version under a lock. A {@code Document} is a detached copy of what is stored: changing
 * it changes nothing on disk until the store writes it. Not thread-safe. Independent of Conductor.
 */
public final class Document extends DocumentContent<Document> {

  /** The frontmatter keys the file format uses itself; properties may not take them. */
  public static final Set<String> RESERVED_KEYS =
      Set.of("id", "status", "_doc_refs", "_file_refs", "_persisted");

  private final String id;
  private DocumentStatus status;
  private final List<StageInstance> stages = new ArrayList<>();
  private Supplier<? extends List<StageInstance>> stageLoader;

  private Document(Builder b) {
    super(b.properties, b.body, b.docRefs, b.fileRefs, b.path);
    this.id = Names.requireId("document id", b.id);
    this.status = Objects.requireNonNull(b.status, "status");
    for (StageInstance s : b.stages) {
      addExisting(s);
    }
    this.stageLoader = b.stageLoader;
  }

  /** The stage instances, read now if they were left for later. */
  private List<StageInstance> loadedStages() {
    if (stageLoader != null) {
      Supplier<? extends List<StageInstance>> loader = stageLoader;
      stageLoader = null;
      for (StageInstance s : loader.get()) {
        addExisting(s);
      }
    }
    return stages;
  }

  /** A new document with a random UUID as its id, status {@code inbox}, nothing else. */
  public static Document create() {
    return builder(UUID.randomUUID().toString()).build();
  }

  /**
   * A builder for a document with this id.
   *
   * @param id letters, digits, {@code _ . -}, at most 128 characters; normally a UUID
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  @Override
  Set<String> reservedKeys() {
    return RESERVED_KEYS;
  }

  @Override
  Document self() {
    return this;
  }

  /** The document's id; it never changes. */
  public String id() {
    return id;
  }

  /** The status. */
  public DocumentStatus status() {
    return status;
  }

  /**
   * Changes the status; the store moves the document when it writes it. Any status may follow any
   * other.
   *
   * @return this
   */
  public Document setStatus(DocumentStatus status) {
    this.status = Objects.requireNonNull(status, "status");
    return this;
  }

  /** The stage instances, ordered by name and counter: a read-only view. */
  public List<StageInstance> stages() {
    return Collections.unmodifiableList(loadedStages());
  }

  /** The instances of one stage, by counter. */
  public List<StageInstance> stages(String name) {
    return loadedStages().stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The instance of a stage with this counter. */
  public Optional<StageInstance> stage(String name, int counter) {
    return loadedStages().stream()
        .filter(s -> s.name().equals(name) && s.counter() == counter)
        .findFirst();
  }

  /** The stage instance with this id. */
  public Optional<StageInstance> stageById(String stageId) {
    return loadedStages().stream().filter(s -> s.id().equals(stageId)).findFirst();
  }

  /**
   * Adds a new instance of a stage: a random id, status {@code scheduled}, and the counter one more
   * than the highest existing counter of that stage (1 for the first). The store writes it with the
   * document.
   *
   * @param name the stage's name: letters, digits, {@code _ . -}
   * @return the new instance, to fill in
   * @throws IllegalArgumentException when the name is invalid
   */
  public StageInstance addStage(String name) {
    Names.requireKey("stage name", name);
    int counter = stages(name).stream().mapToInt(StageInstance::counter).max().orElse(0) + 1;
    StageInstance stage = StageInstance.builder(name, counter).parentId(id).build();
    addExisting(stage);
    return stage;
  }

  private void addExisting(StageInstance stage) {
    Objects.requireNonNull(stage, "stage");
    if (!stage.parentId().equals(id)) {
      throw new IllegalArgumentException(
          "stage "
              + stage.name()
              + "/"
              + stage.counter()
              + " belongs to document "
              + stage.parentId());
    }
    if (stages.stream()
        .anyMatch(s -> s.name().equals(stage.name()) && s.counter() == stage.counter())) {
      throw new IllegalArgumentException(
          "document " + id + " already has stage " + stage.name() + "/" + stage.counter());
    }
    stages.add(stage);
    stages.sort(Comparator.comparing(StageInstance::name).thenComparing(StageInstance::counter));
  }

  /** A deep copy (stage instances included) that shares nothing mutable with this one. */
  public Document copy() {
    Builder b = builder(id).status(status).path(path().orElse(null));
    Document copy = b.build();
    copy.copyContentFrom(this);
    for (StageInstance s : loadedStages()) {
      copy.stages.add(s.copy());
    }
    return copy;
  }

  @Override
  public String toString() {
    return "Document[" + id + ", " + status + "]";
  }

  /** Builds a document, for example from what a store read. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private DocumentStatus status = DocumentStatus.INBOX;
    private Map<String, ?> properties = Map.of();
    private String body = "";
    private List<DocRef> docRefs = List.of();
    private List<FileRef> fileRefs = List.of();
    private List<StageInstance> stages = List.of();
    private Supplier<? extends List<StageInstance>> stageLoader;
    private Path path;

    private Builder(String id) {
      this.id = id;
    }

    /** The status; default {@code inbox}. */
    public Builder status(DocumentStatus status) {
      this.status = status;
      return this;
    }

    /** The frontmatter properties, in order; default none. Reserved keys are rejected. */
    public Builder properties(Map<String, ?> properties) {
      this.properties = properties;
      return this;
    }

    /** The body; default empty. */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** The references to other documents; default none. */
    public Builder docRefs(List<DocRef> docRefs) {
      this.docRefs = docRefs;
      return this;
    }

    /** The attached files (already stored); default none. */
    public Builder fileRefs(List<FileRef> fileRefs) {
      this.fileRefs = fileRefs;
      return this;
    }

    /** The stage instances; their parent id must be this document's id. Default none. */
    public Builder stages(List<StageInstance> stages) {
      this.stages = stages;
      return this;
    }

    /**
     * Stage instances to read only when first asked for (a listing reads many documents whose
     * stages nobody looks at). The loader runs at most once, on the thread that asks; what it
     * throws reaches that caller. Default none.
     */
    public Builder stages(Supplier<? extends List<StageInstance>> loader) {
      this.stageLoader = loader;
      return this;
    }

    /** Where the document's Markdown file is stored (set by file-based stores); default none. */
    public Builder path(Path path) {
      this.path = path;
      return this;
    }

    /**
     * Builds the document.
     *
     * @throws IllegalArgumentException when the id, a property key or value, or a stage is invalid
     */
    public Document build() {
      return new Document(this);
    }
  }
}

package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.executor.task.NonRetryableException;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageResult;
import io.idflow.api.document.StageStatus;
import io.idflow.content.Corpus;
import io.idflow.content.MarkdownText;
import io.idflow.content.Templates;
import io.idflow.content.http.EndpointException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the content tasks share: the project's configuration, its document store (opened on first
 * use, shared by the runner's threads, closed with the JVM), and the ways a task finds its text: an
 * input {@code text}, else the body of the document {@code docId}, else with {@code from} the
 * result of an earlier stage of that document ({@code <stage>} or {@code <stage>/<result>}; the
 * result is named after its workflow, which by convention is named after the stage).
 *
 * <p>A task fails for good ({@link NonRetryableException}) where trying again cannot help: a
 * missing document, a missing configuration, an endpoint that refuses the key.
 */
public abstract class ContentTask {

  /** The configuration key of the project's template folder (default {@code templates}). */
  public static final String TEMPLATES_DIR = "content.templates_dir";

  protected final IdflowConfig config;
  private final Object lock = new Object();
  private DocumentStore store;

  /** A task for this configuration. */
  protected ContentTask(IdflowConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The project's document store. */
  protected DocumentStore store() {
    synchronized (lock) {
      if (store == null) {
        store = DocumentStores.open(config);
      }
      return store;
    }
  }

  /** The document, or a terminal failure naming it. */
  protected Document document(String docId) {
    if (docId == null || docId.isBlank()) {
      throw new NonRetryableException("the input docId is missing");
    }
    return store()
        .find(docId)
        .orElseThrow(() -> new NonRetryableException("document " + docId + " not found"));
  }

  /**
   * The Markdown a task works on: {@code text} when given, else the document's body, or with {@code
   * from} the body of an earlier stage's result.
   */
  protected String text(String docId, String text, String from) {
    if (text != null) {
      return text;
    }
    Document d = document(docId);
    if (from == null || from.isBlank() || from.equals("body")) {
      return d.body();
    }
    return stageResult(d, from)
        .map(StageResult::body)
        .orElseThrow(
            () ->
                new NonRetryableException(
                    "document " + docId + " has no result " + from + " of a finished stage"));
  }

  /**
   * The result of the latest finished instance of a stage that has it.
   *
   * @param from {@code <stage>} (the result of the workflow named like the stage) or {@code
   *     <stage>/<result>}
   */
  protected static Optional<StageResult> stageResult(Document d, String from) {
    int slash = from.indexOf('/');
    String stage = slash < 0 ? from : from.substring(0, slash);
    String result = slash < 0 ? from : from.substring(slash + 1);
    return d.stages(stage).stream()
        .filter(s -> s.status() == StageStatus.DONE && s.result(result).isPresent())
        .max(Comparator.comparingInt(StageInstance::counter))
        .flatMap(s -> s.result(result));
  }

  /** A document's title: its {@code title}, else its first heading, else its first sentence. */
  protected static String title(Document d) {
    Object t = d.get("title");
    if (t != null && !String.valueOf(t).isBlank()) {
      return String.valueOf(t).strip();
    }
    MarkdownText md = MarkdownText.parse(d.body());
    Optional<String> heading = md.firstHeading();
    if (heading.isPresent()) {
      return heading.get();
    }
    if (!md.sentences().isEmpty()) {
      String s = md.sentences().get(0).text();
      return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
    return d.id();
  }

  /** The project's documents (all but archived ones) as a corpus, read now. */
  protected Corpus corpus() {
    List<Corpus.Entry> entries = new ArrayList<>();
    try (Stream<Document> docs = store().stream()) {
      docs.filter(d -> d.status() != DocumentStatus.ARCHIVED)
          .forEach(
              d ->
                  entries.add(
                      new Corpus.Entry(d.id(), title(d), MarkdownText.parse(d.body()).text())));
    }
    return Corpus.of(entries);
  }

  /** The templates: the project's folder first, then idflow's. */
  protected Templates templates() {
    return new Templates(config.projectPath(config.string(TEMPLATES_DIR, "templates")));
  }

  /** An integer input with a default, checked to be at least {@code min}. */
  protected static int positive(Integer value, int fallback, String name, int min) {
    int v = value == null ? fallback : value;
    if (v < min) {
      throw new NonRetryableException("input " + name + " must be " + min + " or more, not " + v);
    }
    return v;
  }

  /**
   * The exception a task throws for a failure of the library: terminal when retrying cannot help
   * (configuration, refused key, unreadable answer), else retryable.
   */
  protected static RuntimeException failure(IdflowException e) {
    if (e instanceof EndpointException ee && ee.retryable()) {
      return new IllegalStateException(e.getMessage(), e);
    }
    return new NonRetryableException(e.getMessage(), e);
  }
}

package io.idflow.api.document;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link DocumentListener} is told.
 *
 * @param kind what is happening
 * @param document the document: in {@code before} calls the version about to be written (may be
 *     changed), in {@code after} calls the version written (or deleted)
 * @param previous the stored version before this write, for an update; empty for create and
 *     destroy. Do not change it.
 * @param store the store that writes
 * @param warnings where to report problems that do not stop the write (the command line prints them
 *     on stderr)
 */
public record DocumentEvent(
    Kind kind,
    Document document,
    Optional<Document> previous,
    DocumentStore store,
    Consumer<String> warnings) {

  /** What is happening to the document. */
  public enum Kind {
    /** A new document is written. */
    CREATE,
    /** A stored document is changed. */
    UPDATE,
    /** A document is deleted. */
    DESTROY
  }

  /** Checks that no field is null. */
  public DocumentEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(warnings, "warnings");
  }

  /** Reports a problem that does not stop the write. */
  public void warn(String message) {
    warnings.accept(message);
  }

  /** Whether the status changes with this write (always false for create and destroy). */
  public boolean statusChanged() {
    return previous.map(p -> p.status() != document.status()).orElse(false);
  }
}

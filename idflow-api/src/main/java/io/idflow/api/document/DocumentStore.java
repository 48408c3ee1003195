package io.idflow.api.document;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where documents live. Obtain the configured one with {@link DocumentStores#open}; the default
 * implementation ({@code fs_markdown}) keeps every document as Markdown with YAML frontmatter in
 * {@code <base>/<status>/<id>/doc.md}.
 *
 * <p>Implementations are thread-safe, and safe to use from several processes at once: every write
 * is atomic (a reader sees the old or the new document, never a mix, even if the writer is killed
 * midway), and {@link #update} locks the document, so concurrent writers lose nothing.
 *
 * <p>Methods that take an id throw {@link IllegalArgumentException} when it is not a valid id
 * (letters, digits, {@code _ . -}; this keeps every path inside the base directory). Documents that
 * cannot be read raise {@link DocumentCorruptException} (exit code 5) where one document is asked
 * for, and are skipped and reported by listings; a store never overwrites such a file. I/O errors
 * are {@link java.io.UncheckedIOException}s.
 *
 * <p>A store holds resources through its listeners (a stage engine's Conductor client) and, for
 * some implementations, itself (a database connection pool): close it when done, with
 * try-with-resources. An implementation calls its listeners through {@link DocumentListeners},
 * which keeps the {@link DocumentListener} contract.
 */
public interface DocumentStore extends AutoCloseable {

  /** The implementation's name, as {@code document_implementation} selects it. */
  String implementation();

  /**
   * Stores a new document: calls the listeners' {@code beforeCreate} and {@code beforeSave}, writes
   * the document with its stage instances, copies its {@linkplain DocumentContent#pendingFiles()
   * pending attachments}, then calls {@code afterSave} and {@code afterCreate}.
   *
   * @param document the document to store (not changed by the store, except by listeners)
   * @return the document as stored
   * @throws io.idflow.api.IdflowException (exit 6) when a document with that id exists
   */
  Document create(Document document);

  /**
   * The document with this id, read now.
   *
   * @return the document, or empty when there is none
   * @throws DocumentCorruptException when it exists but cannot be read
   */
  Optional<Document> find(String id);

  /**
   * The document with this id.
   *
   * @throws DocumentNotFoundException when there is none
   * @throws DocumentCorruptException when it cannot be read
   */
  default Document get(String id) {
    return find(id).orElseThrow(() -> new DocumentNotFoundException(id));
  }

  /**
   * Changes a document safely: locks it (against other threads and other processes), reads the
   * current version, passes it to {@code change}, calls the listeners' {@code beforeSave}, writes
   * what changed (moving the document when its status changed), unlocks, and calls {@code
   * afterSave}. When {@code change} or a listener throws, nothing is written.
   *
   * <p>Do not call {@code update} or {@link #destroy} for the same document from inside {@code
   * change} or a {@code before} listener: the store throws {@link IllegalStateException} instead of
   * deadlocking or losing the inner change.
   *
   * @param id the document's id
   * @param change what to do to the document; runs under the lock, so keep it short
   * @return the document as stored
   * @throws DocumentNotFoundException when there is no such document
   * @throws DocumentCorruptException when it cannot be read (it is left as it is)
   */
  Document update(String id, Consumer<? super Document> change);

  /**
   * Deletes a document with everything in its folder (attachments, stage instances): calls {@code
   * beforeDestroy}, deletes atomically (the document is gone at once, never half deleted), calls
   * {@code afterDestroy}.
   *
   * @return the document as it was
   * @throws DocumentNotFoundException when there is no such document
   * @throws DocumentCorruptException when it cannot be read (it is left as it is)
   */
  Document destroy(String id);

  /**
   * The documents that match a query, read lazily: the store holds only a small window of documents
   * in memory at a time, whatever the number stored. Sorted by status ({@code inbox, active, done,
   * blocked, archived}), then by id. Close the stream (try-with-resources) when you stop before its
   * end.
   */
  Stream<Document> where(DocumentQuery query);

  /** The documents that match all these filters; unreadable documents are skipped silently. */
  default Stream<Document> where(List<DocumentFilter> filters) {
    return where(DocumentQuery.all().withFilters(filters));
  }

  /** Every document, as {@link #where(DocumentQuery)} streams them. */
  default Stream<Document> stream() {
    return where(DocumentQuery.all());
  }

  /**
   * Where a document's Markdown file is, without reading it (also for a document that cannot be
   * read). Empty when there is no such document, or when the store does not keep files.
   */
  Optional<Path> locate(String id);

  /**
   * Registers a listener for this store's writes; see {@link DocumentListener}. Writes that start
   * from now on call it, and {@link #close} closes it.
   *
   * @throws NullPointerException when the listener is null
   * @throws IllegalStateException when the store is closed
   */
  void addListener(DocumentListener listener);

  /**
   * Removes a listener (one registration of it); the store no longer calls it, nor closes it. Does
   * nothing when it is not registered.
   */
  void removeListener(DocumentListener listener);

  /**
   * Closes the listeners ({@link DocumentListener#close}), each once, in reverse order of
   * registration, and releases what the store holds. A listener whose {@code close} throws does not
   * stop the others: once all were closed, the first exception is thrown with the others
   * {@linkplain Throwable#addSuppressed suppressed}. Afterwards {@link #create}, {@link #update},
   * {@link #destroy} and {@link #addListener} throw {@link IllegalStateException}; streams opened
   * before stay usable. Idempotent: a second call does nothing. Close a store once no write is
   * running.
   *
   * @throws RuntimeException the first exception a listener's {@code close} threw
   */
  @Override
  void close();
}

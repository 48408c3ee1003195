package io.idflow.api.document;

/**
 * Hooks into a store's writes. Register one with {@link DocumentStore#addListener}, or for every
 * store the command line and workers open, through a {@link DocumentListenerProvider}.
 *
 * <p>Order of calls:
 *
 * <ul>
 *   <li>{@link DocumentStore#create}: {@code beforeCreate}, {@code beforeSave}, write, {@code
 *       afterSave}, {@code afterCreate};
 *   <li>{@link DocumentStore#update}: {@code beforeSave}, write, {@code afterSave};
 *   <li>{@link DocumentStore#destroy}: {@code beforeDestroy}, delete, {@code afterDestroy}.
 * </ul>
 *
 * <p>The {@code before} methods run while the store holds the document's lock, on the writing
 * thread; they may change {@link DocumentEvent#document()} (add stage instances, change the status)
 * and the change is written in the same atomic write. Throwing from one aborts the operation:
 * nothing is written and the exception reaches the caller. They must not call {@code update} or
 * {@code destroy} for the same document (the store refuses that); writing another document from a
 * {@code before} method can deadlock with a thread that does the reverse, so do that in an {@code
 * after} method.
 *
 * <p>Each of these steps calls every listener, in the order they were registered, before the next
 * step. A write calls the listeners that were registered when it started.
 *
 * <p>The {@code after} methods run once the write is done and the lock is released, so they may do
 * slow work (start workflows) and may call {@link DocumentStore#update} again. An exception from
 * one does not undo the write, nor stop the other {@code after} methods; it reaches the caller
 * after they all ran (the first one thrown, with the others {@linkplain Throwable#addSuppressed
 * suppressed}). Listeners are called from whichever thread writes, so they must be thread-safe.
 *
 * <p>A listener that holds resources (an HTTP client, a connection pool) releases them in {@link
 * #close}, which the store it is registered with calls once when that store is closed.
 *
 * <p>Stores call their listeners through {@link DocumentListeners}, which keeps this contract. All
 * methods do nothing by default.
 */
public interface DocumentListener {

  /** Before a new document is written. */
  default void beforeCreate(DocumentEvent event) {}

  /** After a new document was written. */
  default void afterCreate(DocumentEvent event) {}

  /** Before a document is written, new or changed. */
  default void beforeSave(DocumentEvent event) {}

  /** After a document was written, new or changed. */
  default void afterSave(DocumentEvent event) {}

  /** Before a document is deleted. */
  default void beforeDestroy(DocumentEvent event) {}

  /** After a document was deleted. */
  default void afterDestroy(DocumentEvent event) {}

  /**
   * Releases what this listener holds (an HTTP client, a connection pool). The store this listener
   * is registered with calls it once, when the store is {@linkplain DocumentStore#close closed},
   * after the listeners registered later were closed; a listener removed before is not closed by
   * the store. A listener registered with several stores is closed by each, so make it idempotent
   * then. An exception thrown here reaches the caller of {@link DocumentStore#close} once the other
   * listeners were closed. Does nothing by default.
   */
  default void close() {}
}

package io.idflow.api.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The listeners of one {@link DocumentStore}, and the one place that calls them, so that every
 * store implementation keeps the {@link DocumentListener} contract the same way. A store creates
 * one, delegates {@link DocumentStore#addListener addListener}, {@link DocumentStore#removeListener
 * removeListener} and {@link DocumentStore#close close} to it, and runs each write through {@link
 * #create}, {@link #update} or {@link #destroy}:
 *
 * <pre>{@code
 * public Document update(String id, Consumer<? super Document> change) {
 *   return listeners.update(before -> {
 *     try (Lock lock = lockDocument(id)) {
 *       Document doc = read(id);
 *       Document previous = doc.copy();
 *       change.accept(doc);
 *       before.run(doc, previous); // the listeners may change doc; an exception aborts
 *       write(doc);
 *       return read(id);
 *     } // the lock is released before the after methods run
 *   });
 * }
 * }</pre>
 *
 * <p>What this class does: it calls the {@code before} methods when the store calls {@link
 * Before#run}, the {@code after} methods once the store's {@link Write} returned, each method on
 * every listener in registration order before the next method (create: {@code beforeCreate}, {@code
 * beforeSave}, write, {@code afterSave}, {@code afterCreate}; update: {@code beforeSave}, write,
 * {@code afterSave}; destroy: {@code beforeDestroy}, delete, {@code afterDestroy}). An exception
 * from a {@code before} method propagates at once: the listeners after it are not called, nor any
 * {@code after} method. An exception from an {@code after} method does not stop the others; once
 * all ran, the first one thrown reaches the caller with the others {@linkplain
 * Throwable#addSuppressed suppressed}. A write is seen by the listeners registered when it started,
 * before and after alike. The events carry the store and the warnings consumer given here, so a
 * listener's {@link DocumentEvent#warn} goes where the store reports its own warnings.
 *
 * <p>What the store's {@link Write} must do: hold the document's lock from before calling {@link
 * Before#run} until the write is done, and release it before returning; call {@link Before#run}
 * exactly once, on the calling thread; write the document as the listeners left it, in the same
 * atomic write; write nothing when {@link Before#run} throws (let the exception through); and
 * refuse, with {@link IllegalStateException}, an {@code update} or {@code destroy} of the same
 * document from the thread that holds its lock (from {@code change} or a {@code before} method).
 *
 * <p>Thread-safe: writes may run on several threads at once, and listeners may be added and removed
 * meanwhile.
 */
public final class DocumentListeners implements AutoCloseable {

  /**
   * The store's part of one write, run by {@link #create}, {@link #update} or {@link #destroy} on
   * the calling thread.
   */
  @FunctionalInterface
  public interface Write {

    /**
     * Locks the document, reads what the write needs, calls {@code before.run} once, writes (or
     * deletes), and releases the lock.
     *
     * @param before the handle that calls the listeners' {@code before} methods
     * @return the document as stored (create, update) or as it was before it was deleted (destroy);
     *     the {@code after} methods are told this one. Not null.
     */
    Document write(Before before);
  }

  /**
   * Calls the listeners' {@code before} methods of one write. Handed to a {@link Write}; use it
   * once, on the thread it was handed to, while holding the document's lock. Not thread-safe.
   */
  public static final class Before {

    private final DocumentEvent.Kind kind;
    private final List<DocumentListener> listeners;
    private final Thread thread = Thread.currentThread();
    private final DocumentListeners owner;
    private boolean called;
    private Document previous;

    private Before(DocumentListeners owner, DocumentEvent.Kind kind, List<DocumentListener> ls) {
      this.owner = owner;
      this.kind = kind;
      this.listeners = ls;
    }

    /**
     * For a create or a destroy: calls {@code beforeCreate} then {@code beforeSave} (create), or
     * {@code beforeDestroy} (destroy), on every listener. They may change {@code document}; write
     * it as they leave it.
     *
     * @param document the document about to be written or deleted
     * @throws RuntimeException what a listener throws: abort the write
     * @throws IllegalStateException for an update (use {@link #run(Document, Document)}), when
     *     called a second time, or from another thread
     */
    public void run(Document document) {
      if (kind == DocumentEvent.Kind.UPDATE) {
        throw new IllegalStateException(
            "the before listeners of an update need the previous version: run(document, previous)");
      }
      call(document, null);
    }

    /**
     * For an update: calls {@code beforeSave} on every listener. They may change {@code document};
     * write it as they leave it.
     *
     * @param document the changed document, about to be written
     * @param previous the stored version before this update; the listeners must not change it
     * @throws RuntimeException what a listener throws: abort the write
     * @throws IllegalStateException for a create or a destroy (use {@link #run(Document)}), when
     *     called a second time, or from another thread
     */
    public void run(Document document, Document previous) {
      if (kind != DocumentEvent.Kind.UPDATE) {
        throw new IllegalStateException(
            "only an update has a previous version; use run(document) for a "
                + kind.name().toLowerCase(Locale.ROOT));
      }
      call(document, Objects.requireNonNull(previous, "previous"));
    }

    private void call(Document document, Document previous) {
      Objects.requireNonNull(document, "document");
      if (Thread.currentThread() != thread) {
        throw new IllegalStateException(
            "the before listeners must run on the writing thread, under the document's lock");
      }
      if (called) {
        throw new IllegalStateException("the before listeners of this write ran already");
      }
      called = true;
      this.previous = previous;
      DocumentEvent event = owner.event(kind, document, previous);
      switch (kind) {
        case CREATE -> {
          listeners.forEach(l -> l.beforeCreate(event));
          listeners.forEach(l -> l.beforeSave(event));
        }
        case UPDATE -> listeners.forEach(l -> l.beforeSave(event));
        case DESTROY -> listeners.forEach(l -> l.beforeDestroy(event));
      }
    }
  }

  private static final List<BiConsumer<DocumentListener, DocumentEvent>> AFTER_CREATE =
      List.of(DocumentListener::afterSave, DocumentListener::afterCreate);
  private static final List<BiConsumer<DocumentListener, DocumentEvent>> AFTER_UPDATE =
      List.of(DocumentListener::afterSave);
  private static final List<BiConsumer<DocumentListener, DocumentEvent>> AFTER_DESTROY =
      List.of(DocumentListener::afterDestroy);

  private final DocumentStore store;
  private final Consumer<String> warnings;
  private final List<DocumentListener> listeners = new CopyOnWriteArrayList<>();
  private final Object registration = new Object();
  private volatile boolean closed;

  /**
   * The (empty) listener chain of a store.
   *
   * @param store the store, as the events name it; only kept, never called, so a store may pass
   *     {@code this} from its constructor
   * @param warnings where listeners report problems that do not stop a write ({@link
   *     DocumentEvent#warn}); the store's own warnings consumer
   * @throws NullPointerException when an argument is null
   */
  public DocumentListeners(DocumentStore store, Consumer<String> warnings) {
    this.store = Objects.requireNonNull(store, "store");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /**
   * Registers a listener; writes that start from now on call it. A listener may be registered more
   * than once, and is then called once per registration.
   *
   * @throws NullPointerException when the listener is null
   * @throws IllegalStateException when the chain is closed
   */
  public void add(DocumentListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (registration) {
      if (closed) {
        throw new IllegalStateException("the document store is closed");
      }
      listeners.add(listener);
    }
  }

  /**
   * Removes one registration of a listener (the earliest); writes that start from now on do not
   * call it, and {@link #close} does not close it. Does nothing when it is not registered.
   */
  public void remove(DocumentListener listener) {
    synchronized (registration) {
      listeners.remove(listener);
    }
  }

  /**
   * Runs a create: the store's {@code write}, in which {@link Before#run(Document)} calls {@code
   * beforeCreate} and {@code beforeSave}; then {@code afterSave} and {@code afterCreate} with the
   * document {@code write} returned.
   *
   * @return what {@code write} returned
   * @throws IllegalStateException when the chain is closed, or {@code write} returned without
   *     calling {@link Before#run} (a defect of the store)
   * @throws RuntimeException what {@code write} or a {@code before} method threw (nothing was
   *     written), or the first exception of the {@code after} methods (the document was written)
   */
  public Document create(Write write) {
    return run(DocumentEvent.Kind.CREATE, write, AFTER_CREATE);
  }

  /**
   * Runs an update: the store's {@code write}, in which {@link Before#run(Document, Document)}
   * calls {@code beforeSave}; then {@code afterSave} with the document {@code write} returned and
   * the previous version given to {@link Before#run(Document, Document)}.
   *
   * @return what {@code write} returned
   * @throws IllegalStateException when the chain is closed, or {@code write} returned without
   *     calling {@link Before#run} (a defect of the store)
   * @throws RuntimeException what {@code write} or a {@code before} method threw (nothing was
   *     written), or the first exception of the {@code after} methods (the document was written)
   */
  public Document update(Write write) {
    return run(DocumentEvent.Kind.UPDATE, write, AFTER_UPDATE);
  }

  /**
   * Runs a destroy: the store's {@code write}, in which {@link Before#run(Document)} calls {@code
   * beforeDestroy}; then {@code afterDestroy} with the document {@code write} returned.
   *
   * @return what {@code write} returned
   * @throws IllegalStateException when the chain is closed, or {@code write} returned without
   *     calling {@link Before#run} (a defect of the store)
   * @throws RuntimeException what {@code write} or a {@code before} method threw (nothing was
   *     deleted), or the first exception of the {@code after} methods (the document was deleted)
   */
  public Document destroy(Write write) {
    return run(DocumentEvent.Kind.DESTROY, write, AFTER_DESTROY);
  }

  private Document run(
      DocumentEvent.Kind kind,
      Write write,
      List<BiConsumer<DocumentListener, DocumentEvent>> afterCalls) {
    Objects.requireNonNull(write, "write");
    if (closed) {
      throw new IllegalStateException("the document store is closed");
    }
    // One snapshot for the whole write: a listener added meanwhile sees no lone after call.
    List<DocumentListener> snapshot = List.copyOf(listeners);
    Before before = new Before(this, kind, snapshot);
    Document result = write.write(before);
    if (!before.called) {
      throw new IllegalStateException(
          "document store "
              + store.implementation()
              + " wrote without calling the before listeners");
    }
    Objects.requireNonNull(result, "the store's write returned no document");
    DocumentEvent event = event(kind, result, before.previous);
    RuntimeException failure = null;
    for (BiConsumer<DocumentListener, DocumentEvent> call : afterCalls) {
      for (DocumentListener l : snapshot) {
        try {
          call.accept(l, event);
        } catch (RuntimeException e) {
          failure = collect(failure, e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  private DocumentEvent event(DocumentEvent.Kind kind, Document document, Document previous) {
    return new DocumentEvent(kind, document, Optional.ofNullable(previous), store, warnings);
  }

  /**
   * Closes every registered listener ({@link DocumentListener#close}) once, in reverse order of
   * registration (a listener registered twice is closed once), and refuses further registrations
   * and writes. A listener whose {@code close} throws does not stop the others; once all were
   * closed, the first exception thrown is rethrown with the others {@linkplain
   * Throwable#addSuppressed suppressed}. Idempotent: a second call does nothing. Writes still
   * running call their listeners to the end, so close once they are done.
   *
   * @throws RuntimeException the first exception a listener's {@code close} threw
   */
  @Override
  public void close() {
    List<DocumentListener> toClose;
    synchronized (registration) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(listeners);
      listeners.clear();
    }
    Set<DocumentListener> done = Collections.newSetFromMap(new IdentityHashMap<>());
    RuntimeException failure = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      DocumentListener l = toClose.get(i);
      if (!done.add(l)) {
        continue;
      }
      try {
        l.close();
      } catch (RuntimeException e) {
        failure = collect(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException collect(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    if (next != first) {
      first.addSuppressed(next);
    }
    return first;
  }
}

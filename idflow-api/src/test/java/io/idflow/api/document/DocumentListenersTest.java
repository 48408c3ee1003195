package io.idflow.api.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The listener chain on its own, driven by a small in-memory store such as a second one would be.
 */
class DocumentListenersTest {

  /** Calls in order, from every listener and the store ("write", "delete"). */
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  final List<String> warnings = new ArrayList<>();
  final MemoryStore store = new MemoryStore();

  /** A store that keeps documents in a map and writes under one lock; uses the chain as meant. */
  final class MemoryStore implements DocumentStore {
    final Map<String, Document> docs = new ConcurrentHashMap<>();
    final ReentrantLock lock = new ReentrantLock();
    final DocumentListeners listeners = new DocumentListeners(this, warnings::add);

    @Override
    public String implementation() {
      return "memory";
    }

    @Override
    public Document create(Document document) {
      return listeners.create(
          before -> {
            lock.lock();
            try {
              before.run(document);
              calls.add("write " + document.status());
              docs.put(document.id(), document.copy());
              return document.copy();
            } finally {
              lock.unlock();
            }
          });
    }

    @Override
    public Optional<Document> find(String id) {
      return Optional.ofNullable(docs.get(id)).map(Document::copy);
    }

    @Override
    public Document update(String id, Consumer<? super Document> change) {
      return listeners.update(
          before -> {
            lock.lock();
            try {
              Document doc = get(id);
              Document previous = doc.copy();
              change.accept(doc);
              before.run(doc, previous);
              calls.add("write " + doc.status());
              docs.put(id, doc.copy());
              return doc;
            } finally {
              lock.unlock();
            }
          });
    }

    @Override
    public Document destroy(String id) {
      return listeners.destroy(
          before -> {
            lock.lock();
            try {
              Document doc = get(id);
              before.run(doc);
              calls.add("delete");
              docs.remove(id);
              return doc;
            } finally {
              lock.unlock();
            }
          });
    }

    @Override
    public Stream<Document> where(DocumentQuery query) {
      return docs.values().stream().filter(query::matches).map(Document::copy);
    }

    @Override
    public Optional<Path> locate(String id) {
      return Optional.empty();
    }

    @Override
    public void addListener(DocumentListener listener) {
      listeners.add(listener);
    }

    @Override
    public void removeListener(DocumentListener listener) {
      listeners.remove(listener);
    }

    @Override
    public void close() {
      listeners.close();
    }
  }

  /** Records every call as "name method", and whether the store's lock was held. */
  class Recorder implements DocumentListener {
    final String name;

    Recorder(String name) {
      this.name = name;
    }

    void record(String method, DocumentEvent e) {
      calls.add(name + " " + method + (store.lock.isHeldByCurrentThread() ? " locked" : ""));
    }

    @Override
    public void beforeCreate(DocumentEvent e) {
      record("beforeCreate", e);
    }

    @Override
    public void afterCreate(DocumentEvent e) {
      record("afterCreate", e);
    }

    @Override
    public void beforeSave(DocumentEvent e) {
      record("beforeSave", e);
    }

    @Override
    public void afterSave(DocumentEvent e) {
      record("afterSave", e);
    }

    @Override
    public void beforeDestroy(DocumentEvent e) {
      record("beforeDestroy", e);
    }

    @Override
    public void afterDestroy(DocumentEvent e) {
      record("afterDestroy", e);
    }

    @Override
    public void close() {
      calls.add(name + " close");
    }
  }

  @Test
  void eachStepCallsEveryListenerInOrderBeforeUnderTheLockAfterOnceItIsReleased() {
    store.addListener(new Recorder("a"));
    store.addListener(new Recorder("b"));
    Document doc = store.create(Document.create());
    assertThat(calls)
        .containsExactly(
            "a beforeCreate locked",
            "b beforeCreate locked",
            "a beforeSave locked",
            "b beforeSave locked",
            "write inbox",
            "a afterSave",
            "b afterSave",
            "a afterCreate",
            "b afterCreate");

    calls.clear();
    store.update(doc.id(), d -> d.setStatus(DocumentStatus.DONE));
    store.destroy(doc.id());
    assertThat(calls)
        .containsExactly(
            "a beforeSave locked",
            "b beforeSave locked",
            "write done",
            "a afterSave",
            "b afterSave",
            "a beforeDestroy locked",
            "b beforeDestroy locked",
            "delete",
            "a afterDestroy",
            "b afterDestroy");
  }

  @Test
  void eventsCarryTheDocumentThePreviousVersionTheStoreAndItsWarnings() {
    List<DocumentEvent> events = new ArrayList<>();
    store.addListener(
        new DocumentListener() {
          @Override
          public void beforeSave(DocumentEvent e) {
            events.add(e);
            e.warn("saving " + e.kind());
          }

          @Override
          public void afterSave(DocumentEvent e) {
            events.add(e);
          }
        });
    Document doc = store.create(Document.create().put("v", 1));
    store.update(doc.id(), d -> d.put("v", 2).setStatus(DocumentStatus.ACTIVE));

    assertThat(events).allSatisfy(e -> assertThat(e.store()).isSameAs(store));
    assertThat(events.get(0).previous()).isEmpty();
    DocumentEvent beforeUpdate = events.get(2);
    DocumentEvent afterUpdate = events.get(3);
    assertThat(beforeUpdate.kind()).isEqualTo(DocumentEvent.Kind.UPDATE);
    assertThat(beforeUpdate.previous().orElseThrow().get("v")).isEqualTo(1);
    assertThat(beforeUpdate.statusChanged()).isTrue();
    assertThat(afterUpdate.document().get("v")).isEqualTo(2);
    assertThat(afterUpdate.previous().orElseThrow().get("v")).isEqualTo(1);
    assertThat(warnings).containsExactly("saving CREATE", "saving UPDATE");
  }

  @Test
  void whatBeforeMethodsChangeIsWritten() {
    store.addListener(
        new DocumentListener() {
          @Override
          public void beforeSave(DocumentEvent e) {
            e.document().put("seen", true).setStatus(DocumentStatus.ACTIVE);
          }
        });
    Document doc = store.create(Document.create());
    assertThat(store.get(doc.id()).get("seen")).isEqualTo(true);
    assertThat(store.get(doc.id()).status()).isEqualTo(DocumentStatus.ACTIVE);
  }

  @Test
  void aThrowingBeforeMethodAbortsTheWriteAndStopsTheRest() {
    store.addListener(new Recorder("a"));
    store.addListener(
        new DocumentListener() {
          @Override
          public void beforeCreate(DocumentEvent e) {
            throw new IllegalStateException("vetoed");
          }

          @Override
          public void beforeDestroy(DocumentEvent e) {
            throw new IllegalStateException("vetoed");
          }
        });
    store.addListener(new Recorder("c"));
    assertThatThrownBy(() -> store.create(Document.create())).hasMessage("vetoed");
    assertThat(calls).containsExactly("a beforeCreate locked");
    assertThat(store.docs).isEmpty();
    assertThat(store.lock.isLocked()).isFalse();

    Document doc = Document.create();
    store.docs.put(doc.id(), doc);
    calls.clear();
    assertThatThrownBy(() -> store.destroy(doc.id())).hasMessage("vetoed");
    assertThat(calls).containsExactly("a beforeDestroy locked");
    assertThat(store.docs).containsKey(doc.id());
  }

  @Test
  void afterMethodsAllRunAndTheFirstExceptionReachesTheCallerWithTheOthersSuppressed() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalArgumentException second = new IllegalArgumentException("second");
    store.addListener(
        new DocumentListener() {
          @Override
          public void afterSave(DocumentEvent e) {
            throw first;
          }
        });
    store.addListener(new Recorder("b"));
    store.addListener(
        new DocumentListener() {
          @Override
          public void afterSave(DocumentEvent e) {
            throw second;
          }

          @Override
          public void afterCreate(DocumentEvent e) {
            throw first; // the same exception again is not suppressed into itself
          }
        });
    Document doc = Document.create();
    assertThatThrownBy(() -> store.create(doc)).isSameAs(first);
    assertThat(first.getSuppressed()).containsExactly(second);
    assertThat(calls)
        .containsExactly(
            "b beforeCreate locked",
            "b beforeSave locked",
            "write inbox",
            "b afterSave",
            "b afterCreate");
    assertThat(store.docs).containsKey(doc.id());
  }

  @Test
  void afterMethodsAfterAFailureStillRun() {
    store.addListener(
        new DocumentListener() {
          @Override
          public void afterSave(DocumentEvent e) {
            throw new IllegalStateException("after failed");
          }
        });
    store.addListener(new Recorder("b"));
    Document doc = store.docs.computeIfAbsent("d1", id -> Document.builder(id).build());
    assertThatThrownBy(() -> store.update(doc.id(), d -> d.put("x", 1))).hasMessage("after failed");
    assertThat(calls).containsExactly("b beforeSave locked", "write inbox", "b afterSave");
    assertThat(store.get("d1").get("x")).isEqualTo(1);
  }

  @Test
  void aWriteCallsTheListenersRegisteredWhenItStarted() {
    Recorder late = new Recorder("late");
    store.addListener(
        new DocumentListener() {
          @Override
          public void beforeSave(DocumentEvent e) {
            store.addListener(late);
          }
        });
    store.create(Document.create());
    assertThat(calls).containsExactly("write inbox");
    store.create(Document.create());
    assertThat(calls).contains("late afterSave");
  }

  @Test
  void closeClosesEachListenerOnceInReverseOrderOfRegistration() {
    Recorder a = new Recorder("a");
    Recorder removed = new Recorder("removed");
    store.addListener(a);
    store.addListener(new Recorder("b"));
    store.addListener(removed);
    store.addListener(a);
    store.addListener(new Recorder("c"));
    store.removeListener(removed);

    store.close();
    store.close();
    assertThat(calls).containsExactly("c close", "a close", "b close");
  }

  @Test
  void aThrowingCloseDoesNotStopTheOthers() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    store.addListener(new Recorder("a"));
    store.addListener(
        new DocumentListener() {
          @Override
          public void close() {
            throw second;
          }
        });
    store.addListener(new Recorder("b"));
    store.addListener(
        new DocumentListener() {
          @Override
          public void close() {
            throw first;
          }
        });
    assertThatThrownBy(store::close).isSameAs(first);
    assertThat(first.getSuppressed()).containsExactly(second);
    assertThat(calls).containsExactly("b close", "a close");
    store.close();
    assertThat(calls).hasSize(2);
  }

  @Test
  void aClosedStoreRefusesListenersAndWrites() {
    Document doc = store.create(Document.create());
    store.close();
    assertThatThrownBy(() -> store.addListener(new Recorder("a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.create(Document.create()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.update(doc.id(), d -> d.put("x", 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.destroy(doc.id())).isInstanceOf(IllegalStateException.class);
    assertThat(store.get(doc.id()).has("x")).isFalse();
  }

  @Test
  void aStoreThatMisusesTheBeforeHandleIsTold() {
    DocumentListeners chain = new DocumentListeners(store, warnings::add);
    Document doc = Document.create();

    assertThatThrownBy(() -> chain.create(before -> doc))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without calling the before listeners");
    assertThatThrownBy(
            () ->
                chain.update(
                    before -> {
                      before.run(doc);
                      return doc;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("previous version");
    assertThatThrownBy(
            () ->
                chain.destroy(
                    before -> {
                      before.run(doc, doc.copy());
                      return doc;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only an update");
    assertThatThrownBy(
            () ->
                chain.create(
                    before -> {
                      before.run(doc);
                      before.run(doc);
                      return doc;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ran already");
    assertThatThrownBy(
            () ->
                chain.create(
                    before -> {
                      Thread other = new Thread(() -> before.run(doc));
                      List<Throwable> thrown = new ArrayList<>();
                      other.setUncaughtExceptionHandler((t, e) -> thrown.add(e));
                      other.start();
                      join(other);
                      throw (RuntimeException) thrown.get(0);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("writing thread");
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

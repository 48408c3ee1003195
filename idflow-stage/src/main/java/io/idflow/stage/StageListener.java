package io.idflow.stage;

import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentEvent;
import io.idflow.api.document.DocumentListener;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the stage engine on every write of a store: before the write (under the document's lock) it
 * evaluates the document's stages and applies its status to its open instances; after the write it
 * starts the scheduled instances whose requirements hold and terminates the runs of instances the
 * write stopped. So saving a document (create, update, set-status, a task's write) starts follow-up
 * stages in whichever process saved.
 *
 * <p>It never stops a save: a broken stage definition is skipped and named once on the store's
 * warnings; an error of the engine is reported as a warning and the document is written as changed
 * so far. Thread-safe.
 */
public final class StageListener implements DocumentListener {

  private final StageEngine engine;
  private final AtomicBoolean problemsReported = new AtomicBoolean();

  /** A listener that runs this engine (closed with the listener). */
  public StageListener(StageEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The engine. */
  public StageEngine engine() {
    return engine;
  }

  @Override
  public void beforeSave(DocumentEvent event) {
    Document doc = event.document();
    try {
      reportProblems(event);
      engine.lifecycle(doc);
      engine.evaluate(doc, null, false);
    } catch (RuntimeException e) {
      event.warn("stages of document " + doc.id() + " were not evaluated: " + e.getMessage());
    }
  }

  @Override
  public void afterSave(DocumentEvent event) {
    Document doc = event.document();
    try {
      event.previous().ifPresent(p -> engine.terminateStopped(p, doc, event::warn));
      if (!engine.startable(doc).isEmpty()) {
        engine.startScheduled(event.store(), doc.id(), event::warn);
      }
    } catch (RuntimeException e) {
      event.warn("stages of document " + doc.id() + " were not started: " + e.getMessage());
    }
  }

  @Override
  public void afterDestroy(DocumentEvent event) {
    Document doc = event.document();
    try {
      Document none = Document.builder(doc.id()).build();
      engine.terminateStopped(doc, none, event::warn);
    } catch (RuntimeException e) {
      event.warn("runs of deleted document " + doc.id() + " were not stopped: " + e.getMessage());
    }
  }

  private void reportProblems(DocumentEvent event) {
    if (!engine.problems().isEmpty() && problemsReported.compareAndSet(false, true)) {
      for (DefinitionProblem p : engine.problems()) {
        event.warn("stage definition skipped: " + p);
      }
    }
  }

  /** Closes the engine (its Conductor connection). */
  @Override
  public void close() {
    engine.close();
  }
}

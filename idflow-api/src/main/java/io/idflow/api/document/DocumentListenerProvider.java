package io.idflow.api.document;

import io.idflow.api.config.IdflowConfig;

/**
 * Supplies a {@link DocumentListener} for every store that {@link DocumentStores#open} opens, so
 * that a module (the stage engine) hooks into every write without the code that writes knowing it.
 * Register an implementation in {@code
 * META-INF/services/io.idflow.api.document.DocumentListenerProvider}; it needs a public no-argument
 * constructor.
 */
public interface DocumentListenerProvider {

  /**
   * The listener for a store.
   *
   * @param config the configuration the store was opened with
   * @param store the store the listener will be registered with
   * @return the listener, or null to register none for this configuration; the store owns it and
   *     {@linkplain DocumentListener#close closes} it when the store is closed
   */
  DocumentListener listener(IdflowConfig config, DocumentStore store);
}

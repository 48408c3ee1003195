package io.idflow.api.document;

import io.idflow.api.config.IdflowConfig;

/**
 * A document store implementation that {@code document_implementation} can select. idflow-api
 * provides {@code fs_markdown}; another module may add one by registering an implementation in
 * {@code META-INF/services/io.idflow.api.document.DocumentStoreProvider}.
 */
public interface DocumentStoreProvider {

  /**
   * The value of {@code document_implementation} that selects this store, e.g. {@code fs_markdown}.
   */
  String name();

  /**
   * Opens the store.
   *
   * @param config the configuration (base directory and the store's own settings)
   * @param options how the store reports warnings
   * @throws io.idflow.api.IdflowException (exit 3) when the store's settings are invalid
   */
  DocumentStore open(IdflowConfig config, DocumentStores.Options options);
}

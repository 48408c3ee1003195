package io.idflow.stage;

import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocumentListener;
import io.idflow.api.document.DocumentListenerProvider;
import io.idflow.api.document.DocumentStore;

/**
 * Registers a {@link StageListener} with every store that {@code DocumentStores.open} opens, so
 * that any program with idflow-stage on its class path runs stages. The engine loads the project's
 * stage definitions on the first write and connects to Conductor on the first start, so a listing
 * opens no connection.
 */
public final class StageListenerProvider implements DocumentListenerProvider {

  /** Needed by {@link java.util.ServiceLoader}. */
  public StageListenerProvider() {}

  @Override
  public DocumentListener listener(IdflowConfig config, DocumentStore store) {
    return new StageListener(StageEngine.forConfig(config));
  }
}

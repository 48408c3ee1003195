package io.idflow.api.document.internal;

import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStoreProvider;
import io.idflow.api.document.DocumentStores;

/**
 * Opens {@link FsMarkdownStore} for {@code document_implementation: fs_markdown}, with {@code
 * base_dir} as its base directory and {@code fs_markdown.fsync} (default true) deciding whether
 * written files are forced to disk.
 */
public final class FsMarkdownStoreProvider implements DocumentStoreProvider {

  @Override
  public String name() {
    return FsMarkdownStore.NAME;
  }

  @Override
  public DocumentStore open(IdflowConfig config, DocumentStores.Options options) {
    return new FsMarkdownStore(
        config.baseDir(), config.bool("fs_markdown.fsync", true), options.warnings());
  }
}

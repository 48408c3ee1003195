package io.idflow.api.document;

import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Opens the configured {@link DocumentStore}: {@code document_implementation} names the
 * implementation ({@code fs_markdown} by default; others come from {@link DocumentStoreProvider}s
 * on the class path), and every {@link DocumentListenerProvider} on the class path adds its
 * listener. The caller owns the store and closes it, which closes those listeners. Thread-safe.
 */
public final class DocumentStores {

  private static final System.Logger LOG = System.getLogger(DocumentStores.class.getName());

  /**
   * How a store is opened.
   *
   * @param warnings where the store and its listeners report problems that do not stop a write;
   *     default: the {@code io.idflow.api.document} system logger at WARNING
   * @param listeners whether to register the listeners of the {@link DocumentListenerProvider}s on
   *     the class path; default true
   */
  public record Options(Consumer<String> warnings, boolean listeners) {

    /** Checks that warnings is not null. */
    public Options {
      Objects.requireNonNull(warnings, "warnings");
    }

    /** The defaults. */
    public static Options defaults() {
      return new Options(m -> LOG.log(System.Logger.Level.WARNING, m), true);
    }

    /** These options reporting warnings to a consumer. */
    public Options withWarnings(Consumer<String> warnings) {
      return new Options(warnings, listeners);
    }

    /** These options with or without the listeners of the providers. */
    public Options withListeners(boolean listeners) {
      return new Options(warnings, listeners);
    }
  }

  private DocumentStores() {}

  /**
   * Opens the configured store with the default {@link Options}; close it when done.
   *
   * @throws IdflowException (exit 3) when {@code document_implementation} names no known
   *     implementation, or the implementation's settings are invalid
   */
  public static DocumentStore open(IdflowConfig config) {
    return open(config, Options.defaults());
  }

  /**
   * Opens the configured store; close it when done. When a listener provider throws, the store is
   * closed (closing the listeners registered so far) and the exception is thrown.
   *
   * @throws IdflowException (exit 3) when {@code document_implementation} names no known
   *     implementation, or the implementation's settings are invalid
   * @throws RuntimeException what a {@link DocumentListenerProvider} threw
   */
  public static DocumentStore open(IdflowConfig config, Options options) {
    String name = config.documentImplementation().strip();
    DocumentStoreProvider provider = null;
    List<String> names = new ArrayList<>();
    for (DocumentStoreProvider p : providers()) {
      names.add(p.name());
      if (p.name().equals(name)) {
        provider = p;
      }
    }
    if (provider == null) {
      throw IdflowException.config(
          "unknown document_implementation '"
              + name
              + "' ("
              + config.source("document_implementation")
              + "); supported: "
              + String.join(", ", new TreeSet<>(names)));
    }
    DocumentStore store = provider.open(config, options);
    if (options.listeners()) {
      try {
        for (DocumentListenerProvider lp :
            ServiceLoader.load(DocumentListenerProvider.class, classLoader())) {
          DocumentListener listener = lp.listener(config, store);
          if (listener != null) {
            store.addListener(listener);
          }
        }
      } catch (RuntimeException | Error e) {
        // The caller never sees the store, so release the listeners registered so far here.
        try {
          store.close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
    }
    return store;
  }

  /** The names of the implementations on the class path, sorted. */
  public static List<String> implementations() {
    TreeSet<String> names = new TreeSet<>();
    providers().forEach(p -> names.add(p.name()));
    return List.copyOf(names);
  }

  private static Iterable<DocumentStoreProvider> providers() {
    return ServiceLoader.load(DocumentStoreProvider.class, classLoader());
  }

  /** The thread's context class loader (as ServiceLoader's default), else idflow's own. */
  private static ClassLoader classLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : DocumentStores.class.getClassLoader();
  }
}

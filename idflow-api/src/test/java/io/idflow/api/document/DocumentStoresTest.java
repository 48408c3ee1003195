package io.idflow.api.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.IdflowException;
import io.idflow.api.TestProject;
import io.idflow.api.config.IdflowConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentStoresTest {

  @TempDir Path dir;

  /** Registered through a services file that only the test's class loader sees. */
  public static final class RecordingProvider implements DocumentListenerProvider {
    static final List<String> EVENTS = new ArrayList<>();

    @Override
    public DocumentListener listener(IdflowConfig config, DocumentStore store) {
      return new DocumentListener() {
        @Override
        public void beforeSave(DocumentEvent event) {
          EVENTS.add(event.kind() + " " + event.document().id());
          event.document().put("seen_by", "provider");
        }
      };
    }
  }

  /** A provider whose listeners record that they were closed. */
  public static final class ClosingProvider implements DocumentListenerProvider {
    static final List<String> CLOSED = new ArrayList<>();

    @Override
    public DocumentListener listener(IdflowConfig config, DocumentStore store) {
      return new DocumentListener() {
        @Override
        public void close() {
          CLOSED.add("closed");
        }
      };
    }
  }

  /** A provider that cannot create its listener. */
  public static final class FailingProvider implements DocumentListenerProvider {
    @Override
    public DocumentListener listener(IdflowConfig config, DocumentStore store) {
      throw new IllegalStateException("no Conductor client");
    }
  }

  private IdflowConfig config(Map<String, String> env) {
    TestProject.copy("docs", dir);
    return IdflowConfig.load(env, dir);
  }

  @Test
  void opensTheConfiguredStoreOnTheConfiguredBaseDirectory() {
    try (DocumentStore store =
        DocumentStores.open(config(Map.of("IDFLOW_BASE_DIR", "elsewhere")))) {
      assertThat(store.implementation()).isEqualTo("fs_markdown");
      Document doc = store.create(Document.create());
      assertThat(doc.path())
          .contains(dir.resolve("elsewhere/inbox").resolve(doc.id()).resolve("doc.md"));
    }
    assertThat(DocumentStores.implementations()).containsExactly("fs_markdown");
  }

  @Test
  void anUnknownImplementationIsAConfigurationErrorNamingTheSupportedOnes() {
    IdflowConfig config = config(Map.of("IDFLOW_DOCUMENT_IMPL", "database"));
    assertThatThrownBy(() -> DocumentStores.open(config))
        .hasMessage(
            "unknown document_implementation 'database' (env:IDFLOW_DOCUMENT_IMPL); supported:"
                + " fs_markdown")
        .isInstanceOf(io.idflow.api.ConfigurationException.class);
  }

  @Test
  void anInvalidFsyncSettingIsAConfigurationError() throws Exception {
    IdflowConfig config = config(Map.of());
    Files.writeString(dir.resolve("config/idflow.yml"), "fs_markdown:\n  fsync: sometimes\n");
    assertThatThrownBy(() -> DocumentStores.open(IdflowConfig.load(Map.of(), dir)))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("fs_markdown.fsync");
    assertThat(config.bool("fs_markdown.fsync", true)).isFalse();
  }

  @Test
  void listenerProvidersOnTheClassPathHookIntoEveryStore() throws Exception {
    IdflowConfig config = config(Map.of());
    Path services = dir.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(DocumentListenerProvider.class.getName()),
        RecordingProvider.class.getName() + "\n");
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, original)) {
      thread.setContextClassLoader(loader);
      RecordingProvider.EVENTS.clear();
      Document doc;
      try (DocumentStore store = DocumentStores.open(config)) {
        doc = store.create(Document.create());
      }
      assertThat(RecordingProvider.EVENTS).containsExactly("CREATE " + doc.id());
      assertThat(doc.get("seen_by")).isEqualTo("provider");

      try (DocumentStore plain =
          DocumentStores.open(config, DocumentStores.Options.defaults().withListeners(false))) {
        plain.create(Document.create());
      }
      assertThat(RecordingProvider.EVENTS).hasSize(1);
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  @Test
  void closingTheStoreClosesTheListenersOfTheProviders() throws Exception {
    IdflowConfig config = config(Map.of());
    withProviders(
        List.of(ClosingProvider.class),
        () -> {
          ClosingProvider.CLOSED.clear();
          DocumentStore store = DocumentStores.open(config);
          store.create(Document.create());
          assertThat(ClosingProvider.CLOSED).isEmpty();
          store.close();
          store.close();
          assertThat(ClosingProvider.CLOSED).containsExactly("closed");
        });
  }

  @Test
  void aFailingProviderClosesTheListenersRegisteredBeforeIt() throws Exception {
    IdflowConfig config = config(Map.of());
    withProviders(
        List.of(ClosingProvider.class, FailingProvider.class),
        () -> {
          ClosingProvider.CLOSED.clear();
          assertThatThrownBy(() -> DocumentStores.open(config)).hasMessage("no Conductor client");
          assertThat(ClosingProvider.CLOSED).containsExactly("closed");
        });
  }

  /** Runs code with listener providers on the context class path, in this order. */
  private void withProviders(List<Class<?>> providers, Runnable code) throws Exception {
    Path services = dir.resolve("cp-" + providers.size() + "/META-INF/services");
    Files.createDirectories(services);
    StringBuilder lines = new StringBuilder();
    providers.forEach(p -> lines.append(p.getName()).append('\n'));
    Files.writeString(services.resolve(DocumentListenerProvider.class.getName()), lines);
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {services.getParent().getParent().toUri().toURL()}, original)) {
      thread.setContextClassLoader(loader);
      code.run();
    } finally {
      thread.setContextClassLoader(original);
    }
  }
}

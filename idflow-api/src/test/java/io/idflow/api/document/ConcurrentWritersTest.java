package io.idflow.api.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.document.internal.FsMarkdownStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel writers of one document, in this JVM and in others, lose nothing. */
class ConcurrentWritersTest {

  @TempDir Path dir;

  @Test
  void threadsThatUpdateAndMoveOneDocumentLoseNothing() throws Exception {
    FsMarkdownStore store = new FsMarkdownStore(dir, false, w -> {});
    String id = store.create(Document.create().put("n", 0)).id();
    int threads = 8;
    int times = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < times; i++) {
                  String entry = thread + "-" + i;
                  DocumentStatus status = DocumentStatus.values()[(thread + i) % 5];
                  store.update(
                      id,
                      d -> {
                        d.put("n", (Integer) d.get("n") + 1);
                        d.appendPath("log", entry);
                        d.setStatus(status);
                      });
                  // Readers never see a broken or missing document meanwhile.
                  assertThat(store.find(id)).isPresent();
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    Document doc = store.get(id);
    assertThat(doc.get("n")).isEqualTo(threads * times);
    assertThat(new HashSet<>((List<?>) doc.get("log"))).hasSize(threads * times);
    assertThat(copies(id)).isEqualTo(1);
  }

  @Test
  void processesThatUpdateOneDocumentLoseNothing() throws Exception {
    FsMarkdownStore store = new FsMarkdownStore(dir, false, w -> {});
    String id = store.create(Document.create()).id();
    int times = 30;
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      children.add(
          new ProcessBuilder(
                  StoreWriterProcess.command(
                      "increment", dir.toString(), id, String.valueOf(times), "2"))
              .redirectError(dir.resolve("child-" + p + ".log").toFile())
              .start());
    }
    try {
      startTogetherAndWait(store, id, times, children);
    } finally {
      children.forEach(Process::destroyForcibly);
    }

    Document doc = store.get(id);
    int total = 3 * 2 * times;
    assertThat(doc.get("n")).isEqualTo(total);
    assertThat(new HashSet<>((List<?>) doc.get("log"))).hasSize(total);
  }

  private void startTogetherAndWait(
      DocumentStore store, String id, int times, List<Process> children) throws Exception {
    for (Process child : children) {
      assertThat(child.inputReader().readLine()).isEqualTo("ready");
    }
    for (Process child : children) {
      child.getOutputStream().write("go\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      child.getOutputStream().flush();
    }
    StoreWriterProcess.increment(store, id, times, 2);
    for (Process child : children) {
      assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
      assertThat(child.exitValue())
          .as(Files.readString(dir.resolve("child-" + children.indexOf(child) + ".log")))
          .isZero();
    }
  }

  private long copies(String id) throws Exception {
    long n = 0;
    for (DocumentStatus s : DocumentStatus.values()) {
      if (Files.exists(dir.resolve(s.folderName()).resolve(id).resolve("doc.md"))) {
        n++;
      }
    }
    return n;
  }
}

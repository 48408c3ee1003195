package io.idflow.api.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.document.internal.FsMarkdownStore;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed midway leaves the old or the new document, never a broken one, never two copies
 * or none; and the store carries on from whatever such a writer left.
 */
class CrashSafetyTest {

  @TempDir Path dir;

  @Test
  void aWriterKilledAtRandomMomentsLeavesTheOldOrTheNewDocument() throws Exception {
    FsMarkdownStore store = new FsMarkdownStore(dir, false, w -> {});
    String id = store.create(Document.create().put("n", 0)).id();
    Random random = new Random(7);
    int lastAcknowledged = 0;
    for (int round = 0; round < 6; round++) {
      Process writer =
          new ProcessBuilder(StoreWriterProcess.command("churn", dir.toString(), id))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        BufferedReader out = writer.inputReader();
        int writes = 1 + random.nextInt(40);
        for (int i = 0; i < writes; i++) {
          String line = out.readLine();
          assertThat(line).as("the writer died on its own").isNotNull();
          lastAcknowledged = Integer.parseInt(line);
        }
        Thread.sleep(random.nextInt(3));
      } finally {
        writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        assertThat(writer.waitFor(1, TimeUnit.MINUTES)).isTrue();
      }
      assertConsistent(store, id, lastAcknowledged);
    }

    Document healed = store.update(id, d -> d.put("healed", true));
    int n = (Integer) healed.get("n");
    Path folder = dir.resolve(StoreWriterProcess.status(n).folderName()).resolve(id);
    assertThat(healed.folder()).contains(folder);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("temporary files of killed writers are cleaned up")
          .containsExactlyInAnyOrder("doc.md", ".lock");
    }
  }

  private void assertConsistent(DocumentStore store, String id, int lastAcknowledged)
      throws Exception {
    Document doc = store.get(id);
    int n = (Integer) doc.get("n");
    assertThat(n).isGreaterThanOrEqualTo(lastAcknowledged);
    assertThat(doc.body()).isEqualTo(StoreWriterProcess.body(n).strip());
    assertThat(doc.status()).isEqualTo(StoreWriterProcess.status(n));
    assertThat(copies(id)).isEqualTo(1);
    try (Stream<Document> docs = store.stream()) {
      assertThat(docs.toList()).singleElement().satisfies(d -> assertThat(d.get("n")).isEqualTo(n));
    }
  }

  @Test
  void aHalfWrittenTemporaryFileIsIgnoredAndCleanedUp() throws Exception {
    FsMarkdownStore store = new FsMarkdownStore(dir, true, w -> {});
    Document doc = store.create(Document.create().put("title", "old"));
    Path folder = doc.folder().orElseThrow();
    Path partial = folder.resolve(".doc.md.tmp-1234");
    Files.writeString(partial, "---\nstatus: inbox\ntitle: ne");

    assertThat(store.get(doc.id()).get("title")).isEqualTo("old");
    store.update(doc.id(), d -> d.put("title", "new"));
    assertThat(partial).doesNotExist();
    assertThat(store.get(doc.id()).get("title")).isEqualTo("new");
  }

  @Test
  void aHalfAssembledNewDocumentIsInvisible() throws Exception {
    FsMarkdownStore store = new FsMarkdownStore(dir, true, w -> {});
    String id = "5d26a3cc-1d04-4ed8-a702-8a658609daa9";
    Path tmp = dir.resolve("inbox").resolve(".new-" + id + "-99");
    Files.createDirectories(tmp);
    Files.writeString(tmp.resolve("doc.md"), "---\nstatus: inbox\n---\n");

    assertThat(store.find(id)).isEmpty();
    try (Stream<Document> docs = store.stream()) {
      assertThat(docs.count()).isZero();
    }
    assertThat(store.create(Document.builder(id).build()).id()).isEqualTo(id);
  }

  @Test
  void aDocumentKilledBetweenRewriteAndMoveHasItsNewStatusAndMovesOnTheNextWrite()
      throws Exception {
    FsMarkdownStore store = new FsMarkdownStore(dir, true, w -> {});
    Document doc = store.create(Document.create().put("title", "t"));
    Path file = doc.path().orElseThrow();
    // What a writer killed after rewriting doc.md and before renaming the folder leaves.
    Files.writeString(file, Files.readString(file).replace("status: inbox", "status: done"));

    Document found = store.get(doc.id());
    assertThat(found.status()).isEqualTo(DocumentStatus.DONE);
    try (Stream<Document> docs = store.where(List.of(DocumentFilter.parse("status=done")))) {
      assertThat(docs.map(Document::id).toList()).containsExactly(doc.id());
    }

    Document moved = store.update(doc.id(), d -> d.put("title", "t2"));
    assertThat(moved.folder()).contains(dir.resolve("done").resolve(doc.id()));
    assertThat(dir.resolve("inbox").resolve(doc.id())).doesNotExist();
  }

  @Test
  void aDocumentKilledWhileBeingDeletedIsGone() throws Exception {
    FsMarkdownStore store = new FsMarkdownStore(dir, true, w -> {});
    Document doc = store.create(Document.create());
    // What a writer killed after moving the folder out of the way and before deleting it leaves.
    Files.move(doc.folder().orElseThrow(), dir.resolve(".trash-" + doc.id() + "-1"));

    assertThat(store.find(doc.id())).isEmpty();
    try (Stream<Document> docs = store.stream()) {
      assertThat(docs.count()).isZero();
    }
  }

  private long copies(String id) {
    long n = 0;
    for (DocumentStatus s : DocumentStatus.values()) {
      if (Files.exists(dir.resolve(s.folderName()).resolve(id))) {
        n++;
      }
    }
    return n;
  }
}

package io.idflow.api.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.IdflowException;
import io.idflow.api.document.internal.FsMarkdownStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsMarkdownStoreTest {

  @TempDir Path dir;
  Path base;
  FsMarkdownStore store;
  List<String> warnings = new ArrayList<>();

  @BeforeEach
  void open() {
    base = dir.resolve("data");
    store = new FsMarkdownStore(base, true, warnings::add);
  }

  private Document stored(String title) {
    return store.create(Document.create().put("title", title));
  }

  @Test
  void createWritesTheDocumentFolderAndFindReadsItBack() throws Exception {
    Document doc = Document.create().put("title", "Observability").putPath("meta.owner", "alice");
    doc.put("score", 7).put("tags", List.of("llm", "ai")).setBody("\n\nHello\n  world  \n\n");
    doc.addDocRef(new DocRef("src", "b989ba2d-0e21-4309-8776-9a74b3bbc6ee", Map.of("role", "x")));
    Document created = store.create(doc);

    Path file = base.resolve("inbox").resolve(doc.id()).resolve("doc.md");
    assertThat(created.path()).contains(file);
    Document found = store.get(doc.id());
    assertThat(found.status()).isEqualTo(DocumentStatus.INBOX);
    assertThat(found.properties())
        .containsExactly(
            Map.entry("title", "Observability"),
            Map.entry("meta", Map.of("owner", "alice")),
            Map.entry("score", 7),
            Map.entry("tags", List.of("llm", "ai")));
    assertThat(found.get("meta.owner")).isEqualTo("alice");
    assertThat(found.body()).isEqualTo("Hello\n  world");
    assertThat(found.docRefs())
        .containsExactly(
            new DocRef("src", "b989ba2d-0e21-4309-8776-9a74b3bbc6ee", Map.of("role", "x")));
    assertThat(Files.readString(file)).endsWith("---\nHello\n  world\n");
  }

  @Test
  void aNumberLikeStringStaysAString() {
    Document doc = stored("x");
    store.update(doc.id(), d -> d.put("priority", "0.8").put("flag", "true").put("n", "null"));
    Document found = store.get(doc.id());
    assertThat(found.get("priority")).isEqualTo("0.8");
    assertThat(found.get("flag")).isEqualTo("true");
    assertThat(found.get("n")).isEqualTo("null");
  }

  @Test
  void reservedKeysAreRejected() {
    Document doc = Document.create();
    for (String key : List.of("id", "status", "_doc_refs", "_file_refs", "_persisted")) {
      assertThatThrownBy(() -> doc.put(key, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reserved");
    }
    assertThatThrownBy(() -> doc.putPath("status.x", "y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unsupportedValuesAreRejected() {
    Document doc = Document.create();
    assertThatThrownBy(() -> doc.put("when", new java.util.Date()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("when");
    assertThatThrownBy(() -> doc.put("x", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void putPathAndAppendPathBuildNestedValues() {
    Document doc = Document.create();
    doc.putPath("a.b.c", "1").appendPath("a.list", "x").appendPath("a.list", "y");
    assertThat(doc.get("a")).isEqualTo(Map.of("b", Map.of("c", "1"), "list", List.of("x", "y")));
    doc.put("title", "t");
    assertThatThrownBy(() -> doc.appendPath("title", "x")).hasMessage("title is not a list.");
    assertThatThrownBy(() -> doc.putPath("title.sub", "x")).hasMessageContaining("not a map");
  }

  @Test
  void storedValuesCannotBeChangedBehindTheDocumentsBack() {
    List<String> tags = new ArrayList<>(List.of("a"));
    Document doc = Document.create().put("tags", tags);
    tags.add("b");
    assertThat(doc.get("tags")).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> ((List<Object>) doc.get("tags")).add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void updateMovesTheFolderWithAttachmentsAndStages() throws Exception {
    Path source = dir.resolve("report.pdf");
    Files.writeString(source, "pdf bytes");
    Document doc = Document.create();
    FileRef ref = doc.attachFile("upload_file", source, Map.of("note", "n"));
    doc.addStage("research").setStatus(StageStatus.ACTIVE);
    store.create(doc);

    Document moved = store.update(doc.id(), d -> d.setStatus(DocumentStatus.DONE));

    Path folder = base.resolve("done").resolve(doc.id());
    assertThat(moved.folder()).contains(folder);
    assertThat(base.resolve("inbox").resolve(doc.id())).doesNotExist();
    assertThat(folder.resolve(ref.uuid())).hasContent("pdf bytes");
    assertThat(folder.resolve("stages/research/1/stage.md")).exists();
    assertThat(moved.fileRefs()).containsExactly(ref);
    assertThat(moved.file(ref)).contains(folder.resolve(ref.uuid()));
    assertThat(moved.stages())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo(StageStatus.ACTIVE);
              assertThat(s.parentId()).isEqualTo(doc.id());
            });
  }

  @Test
  void stageInstancesKeepTheirOwnStatusPropertiesBodyRefsAndResults() throws Exception {
    Document doc = stored("with stages");
    store.update(
        doc.id(),
        d -> {
          StageInstance s = d.addStage("research");
          s.put("query", "observability").setBody("notes");
          s.addDocRef(new DocRef("seen", "other-doc"));
          s.putResult("sub_workflow_1", new StageResult(Map.of("title", "T"), "result body"));
        });
    Document second = store.update(doc.id(), d -> d.addStage("research"));
    assertThat(second.stages("research")).extracting(StageInstance::counter).containsExactly(1, 2);

    StageInstance first = second.stage("research", 1).orElseThrow();
    assertThat(first.get("query")).isEqualTo("observability");
    assertThat(first.body()).isEqualTo("notes");
    assertThat(first.docRefs()).extracting(DocRef::uuid).containsExactly("other-doc");
    assertThat(first.result("sub_workflow_1"))
        .contains(new StageResult(Map.of("title", "T"), "result body"));
    assertThat(second.stageById(first.id())).isPresent();

    Path stageFile = second.folder().orElseThrow().resolve("stages/research/1/stage.md");
    assertThat(Files.readString(stageFile))
        .startsWith("---\nstatus: scheduled\nid: " + first.id() + "\nname: research\ncounter: 1\n")
        .contains("parent_id: " + doc.id() + "\nquery: observability\n")
        .doesNotContain("_persisted")
        .doesNotContain("body:")
        .endsWith("---\nnotes\n");
    assertThat(stageFile.resolveSibling("sub_workflow_1.md")).exists();
  }

  @Test
  void theCounterOfANewStageIsOneMoreThanTheHighestEvenWithGaps() {
    StageInstance three = StageInstance.builder("s", 3).parentId("doc-1").build();
    Document doc = Document.builder("doc-1").stages(List.of(three)).build();
    assertThat(doc.addStage("s").counter()).isEqualTo(4);
    assertThat(doc.addStage("other").counter()).isEqualTo(1);
  }

  @Test
  void anUnchangedUpdateRewritesNothing() throws Exception {
    Document doc = stored("same");
    Path file = doc.path().orElseThrow();
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1000));
    store.update(doc.id(), d -> {});
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1000);
  }

  @Test
  void findOfAMissingDocumentIsEmptyAndGetThrowsNotFound() {
    assertThat(store.find("no-such-doc")).isEmpty();
    assertThatThrownBy(() -> store.get("no-such-doc"))
        .isInstanceOf(DocumentNotFoundException.class)
        .hasMessage("document not found: no-such-doc");
    assertThatThrownBy(() -> store.update("no-such-doc", d -> {}))
        .isInstanceOf(DocumentNotFoundException.class);
    assertThatThrownBy(() -> store.destroy("no-such-doc"))
        .isInstanceOf(DocumentNotFoundException.class);
  }

  @Test
  void idsThatCouldEscapeTheBaseDirectoryAreRejected() {
    for (String id : List.of("../inbox", "..", ".", "a/b", "a\\b", "/etc", "", ".hidden")) {
      assertThatThrownBy(() -> store.find(id)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.locate(id)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Document.builder("../x").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DocRef("../k", "id")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Document.create().addStage("../../x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileRef("k", "../f", "u", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFileReferencePointingOutsideTheFolderMakesTheDocumentCorrupt() throws Exception {
    Document doc = stored("x");
    Path file = doc.path().orElseThrow();
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "_file_refs: []",
                "_file_refs:\n- key: k\n  filename: f\n  uuid: ../../../etc/passwd\n  data: {}"));
    assertThatThrownBy(() -> store.get(doc.id()))
        .isInstanceOf(DocumentCorruptException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("attachment id");
  }

  @Test
  void aCorruptDocumentIsReportedWithItsPathAndNeverOverwritten() throws Exception {
    Document good = stored("good");
    Document bad = stored("bad");
    Path file = bad.path().orElseThrow();
    String broken = "---\ntitle: [unclosed\n---\nbody\n";
    Files.writeString(file, broken);

    assertThatThrownBy(() -> store.find(bad.id()))
        .isInstanceOf(DocumentCorruptException.class)
        .isInstanceOf(io.idflow.api.InvalidContentException.class)
        .hasMessageContaining(file.toString());
    assertThatThrownBy(() -> store.update(bad.id(), d -> d.put("x", "y")))
        .isInstanceOf(DocumentCorruptException.class);
    assertThatThrownBy(() -> store.destroy(bad.id())).isInstanceOf(DocumentCorruptException.class);

    List<DocumentCorruptException> reported = new ArrayList<>();
    List<String> listed;
    try (Stream<Document> docs = store.where(DocumentQuery.all().onCorrupt(reported::add))) {
      listed = docs.map(Document::id).toList();
    }
    assertThat(listed).containsExactly(good.id());
    assertThat(reported).singleElement().satisfies(e -> assertThat(e.file()).isEqualTo(file));
    assertThat(store.locate(bad.id())).contains(file);
    assertThat(Files.readString(file)).isEqualTo(broken);
  }

  @Test
  void aFileWithoutFrontmatterIsAllBodyAndAnUnclosedOneIsCorrupt() throws Exception {
    Document doc = stored("x");
    Path file = doc.path().orElseThrow();
    Files.writeString(file, "just text\n");
    Document plain = store.get(doc.id());
    assertThat(plain.body()).isEqualTo("just text");
    assertThat(plain.properties()).isEmpty();
    assertThat(plain.status()).isEqualTo(DocumentStatus.INBOX);

    Files.writeString(file, "---\ntitle: x\nbody without end\n");
    assertThatThrownBy(() -> store.get(doc.id()))
        .isInstanceOf(DocumentCorruptException.class)
        .hasMessageContaining("no closing '---'");

    Files.writeString(file, "---\nstatus: sleeping\n---\n");
    assertThatThrownBy(() -> store.get(doc.id()))
        .isInstanceOf(DocumentCorruptException.class)
        .hasMessageContaining("sleeping");
  }

  @Test
  void theLeakedPersistedFlagOfTheOriginalIsIgnoredAndNotWrittenBack() throws Exception {
    Document doc = stored("x");
    Path file = doc.path().orElseThrow();
    Files.writeString(
        file,
        "---\nstatus: inbox\nid: "
            + doc.id()
            + "\ntitle: old\n_persisted: true\n_doc_refs: []\n_file_refs: []\n---\nbody\n");
    Document read = store.get(doc.id());
    assertThat(read.properties()).containsOnlyKeys("title");
    store.update(doc.id(), d -> d.put("title", "new"));
    assertThat(Files.readString(file)).doesNotContain("_persisted").contains("title: new");
  }

  @Test
  void handWrittenYamlIsReadWithTheGeneralParser() throws Exception {
    Document doc = stored("x");
    Files.writeString(
        doc.path().orElseThrow(),
        "---\n# a comment\ntitle: 'Hand written' # trailing\ntags: [a, b]\nwhen: yes\n---\n");
    Document read = store.get(doc.id());
    assertThat(read.get("title")).isEqualTo("Hand written");
    assertThat(read.get("tags")).isEqualTo(List.of("a", "b"));
  }

  @Test
  void streamIsSortedByStatusThenIdAndFiltersAreAndCombined() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      DocumentStatus s = DocumentStatus.values()[i % 5];
      Document d =
          Document.create().setStatus(s).put("n", i).put("kind", i % 2 == 0 ? "even" : "odd");
      ids.add(store.create(d).id());
    }
    List<Document> all;
    try (Stream<Document> docs = store.stream()) {
      all = docs.toList();
    }
    assertThat(all).hasSize(150);
    for (int i = 1; i < all.size(); i++) {
      Document a = all.get(i - 1);
      Document b = all.get(i);
      assertThat(
              a.status().compareTo(b.status()) < 0
                  || (a.status() == b.status() && a.id().compareTo(b.id()) < 0))
          .as("%s before %s", a, b)
          .isTrue();
    }
    try (Stream<Document> docs =
        store.where(List.of(DocumentFilter.parse("kind=even"), DocumentFilter.parse("n=>=100")))) {
      assertThat(docs.map(d -> (Integer) d.get("n")).toList())
          .hasSize(25)
          .allMatch(n -> n >= 100 && n % 2 == 0);
    }
    try (Stream<Document> docs =
        store.where(DocumentQuery.all().withStatuses(java.util.Set.of(DocumentStatus.DONE)))) {
      assertThat(docs.map(Document::status).distinct().toList())
          .containsExactly(DocumentStatus.DONE);
    }
  }

  @Test
  void aStreamReadsStagesOnlyWhenAskedAndTheyMatchFind() {
    Document doc = Document.create();
    doc.addStage("a");
    store.create(doc);
    try (Stream<Document> docs = store.stream()) {
      Document listed = docs.findFirst().orElseThrow();
      assertThat(listed.stages()).extracting(StageInstance::name).containsExactly("a");
    }
  }

  @Test
  void listenersRunInOrderAndBeforeSaveChangesAreWritten() {
    List<String> calls = new ArrayList<>();
    store.addListener(
        new DocumentListener() {
          @Override
          public void beforeCreate(DocumentEvent e) {
            calls.add("beforeCreate");
          }

          @Override
          public void afterCreate(DocumentEvent e) {
            calls.add("afterCreate");
          }

          @Override
          public void beforeSave(DocumentEvent e) {
            calls.add("beforeSave " + e.kind() + " changed=" + e.statusChanged());
            if (e.document().status() == DocumentStatus.INBOX
                && e.kind() == DocumentEvent.Kind.CREATE) {
              e.document().addStage("evaluated");
              e.document().setStatus(DocumentStatus.ACTIVE);
              e.warn("stage evaluated");
            }
          }

          @Override
          public void afterSave(DocumentEvent e) {
            calls.add("afterSave " + e.document().status());
          }

          @Override
          public void beforeDestroy(DocumentEvent e) {
            calls.add("beforeDestroy");
          }

          @Override
          public void afterDestroy(DocumentEvent e) {
            calls.add("afterDestroy");
          }
        });
    Document doc = store.create(Document.create());
    assertThat(doc.status()).isEqualTo(DocumentStatus.ACTIVE);
    assertThat(doc.stages()).extracting(StageInstance::name).containsExactly("evaluated");
    assertThat(base.resolve("active").resolve(doc.id())).isDirectory();
    store.update(doc.id(), d -> d.setStatus(DocumentStatus.DONE));
    store.destroy(doc.id());
    assertThat(calls)
        .containsExactly(
            "beforeCreate",
            "beforeSave CREATE changed=false",
            "afterSave active",
            "afterCreate",
            "beforeSave UPDATE changed=true",
            "afterSave done",
            "beforeDestroy",
            "afterDestroy");
    assertThat(warnings).containsExactly("stage evaluated");
  }

  @Test
  void aFailingBeforeListenerOrChangeWritesNothing() throws Exception {
    Document doc = stored("original");
    String before = Files.readString(doc.path().orElseThrow());
    assertThatThrownBy(
            () ->
                store.update(
                    doc.id(),
                    d -> {
                      d.put("title", "changed");
                      throw new IllegalStateException("no");
                    }))
        .hasMessage("no");
    DocumentListener veto =
        new DocumentListener() {
          @Override
          public void beforeSave(DocumentEvent e) {
            throw new IllegalStateException("vetoed");
          }
        };
    store.addListener(veto);
    assertThatThrownBy(() -> store.update(doc.id(), d -> d.put("title", "changed")))
        .hasMessage("vetoed");
    assertThatThrownBy(() -> store.create(Document.create())).hasMessage("vetoed");
    store.removeListener(veto);
    assertThat(Files.readString(doc.path().orElseThrow())).isEqualTo(before);
    try (Stream<Document> docs = store.stream()) {
      assertThat(docs.count()).isEqualTo(1);
    }
  }

  @Test
  void aNestedUpdateOfTheSameDocumentIsRefusedButAfterSaveMayUpdate() {
    Document doc = stored("x");
    assertThatThrownBy(() -> store.update(doc.id(), d -> store.update(doc.id(), e -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("being written by this thread");

    store.addListener(
        new DocumentListener() {
          @Override
          public void afterSave(DocumentEvent e) {
            if (!e.document().has("followed_up")) {
              e.store().update(e.document().id(), d -> d.put("followed_up", true));
            }
          }
        });
    store.update(doc.id(), d -> d.put("x", 1));
    assertThat(store.get(doc.id()).get("followed_up")).isEqualTo(true);
  }

  @Test
  void anAfterListenerFailureStillLeavesTheWriteDone() {
    Document doc = stored("x");
    store.addListener(
        new DocumentListener() {
          @Override
          public void afterSave(DocumentEvent e) {
            throw new IllegalStateException("after failed");
          }
        });
    assertThatThrownBy(() -> store.update(doc.id(), d -> d.put("x", 1))).hasMessage("after failed");
    assertThat(store.get(doc.id()).get("x")).isEqualTo(1);
  }

  @Test
  void closeClosesTheListenersAndLaterWritesAreRefused() {
    Document doc = stored("x");
    List<String> closed = new ArrayList<>();
    store.addListener(
        new DocumentListener() {
          @Override
          public void close() {
            closed.add("first");
          }
        });
    store.addListener(
        new DocumentListener() {
          @Override
          public void close() {
            closed.add("second");
          }
        });
    store.close();
    store.close();
    assertThat(closed).containsExactly("second", "first");
    assertThatThrownBy(() -> store.update(doc.id(), d -> d.put("x", 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.get(doc.id()).has("x")).isFalse();
  }

  @Test
  void createRefusesAnExistingId() {
    Document doc = stored("x");
    Document again = Document.builder(doc.id()).build();
    assertThatThrownBy(() -> store.create(again))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("exists already");
  }

  @Test
  void destroyRemovesTheWholeFolder() throws Exception {
    Path source = dir.resolve("f.txt");
    Files.writeString(source, "x");
    Document doc = Document.create();
    doc.attachFile("k", source, null);
    doc.addStage("s");
    store.create(doc);
    Document gone = store.destroy(doc.id());
    assertThat(gone.id()).isEqualTo(doc.id());
    assertThat(base.resolve("inbox").resolve(doc.id())).doesNotExist();
    try (Stream<Path> left = Files.list(base)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("inbox");
    }
  }

  @Test
  void aMovingConflictIsReportedBeforeAnythingIsWritten() throws Exception {
    Document doc = stored("x");
    Path copy = base.resolve("done").resolve(doc.id());
    Files.createDirectories(copy);
    String before = Files.readString(doc.path().orElseThrow());
    assertThatThrownBy(() -> store.update(doc.id(), d -> d.setStatus(DocumentStatus.DONE)))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("exists already");
    assertThat(Files.readString(doc.path().orElseThrow())).isEqualTo(before);
  }

  @Test
  void strayFilesInStatusFoldersAreNotDocumentsAndAFolderWithoutDocFileIsReported()
      throws Exception {
    Document good = stored("good");
    Files.writeString(base.resolve("inbox").resolve("5d26a3cc-1d04-4ed8-a702-8a658609daa9"), "x");
    Files.createDirectories(base.resolve("inbox").resolve("empty-folder"));
    List<DocumentCorruptException> reported = new ArrayList<>();
    try (Stream<Document> docs = store.where(DocumentQuery.all().onCorrupt(reported::add))) {
      assertThat(docs.map(Document::id).toList()).containsExactly(good.id());
    }
    assertThat(reported)
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("empty-folder", "no doc.md"));
  }

  @Test
  void aDocumentThatCannotBeReadIsReportedAndTheListingGoesOn() throws Exception {
    Document good = stored("good");
    Document bad = stored("bad");
    Path file = bad.path().orElseThrow();
    // A doc.md that cannot be read: a folder in its place (permissions do not stop root).
    Files.delete(file);
    Files.createDirectory(file);
    List<DocumentCorruptException> reported = new ArrayList<>();
    try (Stream<Document> docs = store.where(DocumentQuery.all().onCorrupt(reported::add))) {
      assertThat(docs.map(Document::id).toList()).containsExactly(good.id());
    }
    assertThat(reported)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.reason()).startsWith("cannot be read");
            });
  }
}

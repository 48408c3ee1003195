package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.document.Document;
import io.idflow.api.document.internal.FsMarkdownStore;
import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocModifyTest {

  @TempDir Path dir;
  CliHarness cli;
  FsMarkdownStore store;
  String id;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class);
    store = new FsMarkdownStore(dir.resolve("data"), false, w -> {});
    id =
        store
            .create(Document.create().put("title", "Old").put("tags", List.of("a")).setBody("old"))
            .id();
  }

  private CliHarness.Result modify(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "doc";
    all[1] = "modify";
    all[2] = id;
    System.arraycopy(args, 0, all, 3, args.length);
    return cli.run(all);
  }

  @Test
  void changesPropertiesAndReferencesAndKeepsTheRest() {
    CliHarness.Result r =
        modify(
            "--set",
            "title=New",
            "--set",
            "meta.owner=alice",
            "--list-add",
            "tags=b",
            "--json",
            "score=5",
            "--add-doc",
            "src=other-doc",
            "--doc-data",
            "{\"role\":\"source\"}",
            "--add-file",
            "att=sub/up.pdf");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("Document " + id + " modified successfully.\n");
    Document doc = store.get(id);
    assertThat(doc.properties())
        .containsExactly(
            Map.entry("title", "New"),
            Map.entry("tags", List.of("a", "b")),
            Map.entry("meta", Map.of("owner", "alice")),
            Map.entry("score", 5));
    assertThat(doc.docRefs().get(0).data()).isEqualTo(Map.of("role", "source"));
    assertThat(doc.fileRefs()).singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("att"));
    assertThat(doc.body()).isEqualTo("old");
  }

  @Test
  void theBodyArgumentReplacesTheBody() {
    assertThat(modify("new body").exitCode()).isZero();
    assertThat(store.get(id).body()).isEqualTo("new body");
  }

  @Test
  void aDashReadsTheBodyFromStdin() {
    assertThat(cli.stdin("from stdin\n").run("doc", "modify", id, "-").exitCode()).isZero();
    assertThat(store.get(id).body()).isEqualTo("from stdin");
  }

  @Test
  void withoutBodyPipedTextReplacesTheBody() {
    assertThat(cli.stdin("piped").run("doc", "modify", id).exitCode()).isZero();
    assertThat(store.get(id).body()).isEqualTo("piped");
  }

  @Test
  void emptyStdinNeverClearsTheBody() {
    assertThat(cli.stdin("").run("doc", "modify", id, "--set", "x=y").exitCode()).isZero();
    assertThat(store.get(id).body()).isEqualTo("old");
    assertThat(cli.stdin("  \n\n").run("doc", "modify", id).exitCode()).isZero();
    assertThat(store.get(id).body()).isEqualTo("old");
  }

  @Test
  void aTerminalIsNotRead() {
    assertThat(cli.stdin("typed").interactive(true).run("doc", "modify", id).exitCode()).isZero();
    assertThat(store.get(id).body()).isEqualTo("old");
  }

  @Test
  void anExplicitEmptyBodyClearsIt() {
    assertThat(modify("").exitCode()).isZero();
    assertThat(store.get(id).body()).isEmpty();
  }

  @Test
  void errorsLeaveTheDocumentAsItWas() throws Exception {
    Path file = store.get(id).path().orElseThrow();
    String before = Files.readString(file);
    CliHarness.Result notList = modify("--list-add", "title=x");
    assertThat(notList.exitCode()).isEqualTo(2);
    assertThat(notList.err()).isEqualTo("error: title is not a list.\n");
    assertThat(modify("--set", "status=done").exitCode()).isEqualTo(2);
    assertThat(modify("--json", "x=nope").exitCode()).isEqualTo(2);
    assertThat(modify("--add-file", "f=missing.txt").exitCode()).isEqualTo(2);
    assertThat(modify("--set", "title.sub=x").exitCode()).isEqualTo(2);
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void anUnknownDocumentIsAUsageErrorAndACorruptOneIsFive() throws Exception {
    CliHarness.Result unknown = cli.run("doc", "modify", "no-such-doc", "--set", "a=b");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("error: document not found: no-such-doc\n");

    Path file = store.get(id).path().orElseThrow();
    Files.writeString(file, "---\n: : :\n---\n");
    CliHarness.Result corrupt = modify("--set", "a=b");
    assertThat(corrupt.exitCode()).isEqualTo(5);
    assertThat(corrupt.err()).startsWith("error: corrupt document " + file);
    assertThat(Files.readString(file)).isEqualTo("---\n: : :\n---\n");
  }
}

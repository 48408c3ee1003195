package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.internal.FsMarkdownStore;
import io.idflow.api.internal.Json;
import io.idflow.cli.CliContext;
import io.idflow.cli.CliHarness;
import io.idflow.cli.IdflowRoot;
import io.idflow.testing.TestProjects;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocListTest {

  private static final List<String> ORDER =
      List.of("inbox", "active", "done", "blocked", "archived");

  @TempDir Path dir;
  CliHarness cli;
  String a;
  String b;
  String c;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class);
  }

  private String add(String... args) {
    List<String> all = new ArrayList<>(List.of("doc", "add"));
    all.addAll(List.of(args));
    CliHarness.Result r = cli.run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    return lines.get(lines.size() - 1);
  }

  private void threeDocuments() {
    a =
        add(
            "--set",
            "title=Observability",
            "--set",
            "priority=0.8",
            "--json",
            "score=7",
            "--set",
            "meta.owner=alice",
            "--list-add",
            "tags=llm",
            "--list-add",
            "tags=ai",
            "--add-doc",
            "src=b989ba2d-0e21-4309-8776-9a74b3bbc6ee",
            "--add-file",
            "att=sub/up.pdf",
            "a body");
    b =
        add(
            "-s",
            "done",
            "--set",
            "title=Other",
            "--set",
            "priority=0.3",
            "--json",
            "score=3",
            "--set",
            "meta.owner=bob",
            "--list-add",
            "tags=web",
            "x");
    c = add("searchable body");
  }

  private List<String> list(String... args) {
    List<String> all = new ArrayList<>(List.of("doc", "list"));
    all.addAll(List.of(args));
    CliHarness.Result r = cli.run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().lines().toList();
  }

  /** The ids in listing order: inbox before done, then by id. */
  private List<String> sorted(String... ids) {
    List<String> list = new ArrayList<>(List.of(ids));
    list.sort(
        Comparator.comparing((String id) -> ORDER.indexOf(statusOf(id))).thenComparing(id -> id));
    return list;
  }

  private String statusOf(String id) {
    for (String s : ORDER) {
      if (Files.exists(dir.resolve("data").resolve(s).resolve(id))) {
        return s;
      }
    }
    throw new AssertionError("no document " + id);
  }

  @Test
  void idsAreSortedByStatusThenId() {
    List<String> ids = new ArrayList<>();
    for (String s : List.of("archived", "blocked", "done", "active", "inbox", "inbox", "done")) {
      ids.add(add("-s", s));
    }
    List<String> listed = list();
    assertThat(listed).isEqualTo(sorted(ids.toArray(String[]::new)));
    assertThat(statusOf(listed.get(0))).isEqualTo("inbox");
    assertThat(statusOf(listed.get(listed.size() - 1))).isEqualTo("archived");
    assertThat(cli.run("doc", "ls").out().lines().toList()).isEqualTo(listed);
  }

  @Test
  void nothingFoundPrintsNothingOnStdoutAndSaysSoOnStderr() {
    CliHarness.Result r = cli.run("doc", "list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("No documents found.\n");
    assertThat(cli.run("doc", "list", "-q").err()).isEmpty();
  }

  @Test
  void globFiltersMatchTheWholeValue() {
    threeDocuments();
    assertThat(list("--filter", "title=Obs*")).containsExactly(a);
    assertThat(list("--filter", "title='Obs*'")).containsExactly(a);
    assertThat(list("--filter", "title=\"Observability\"")).containsExactly(a);
    assertThat(list("--filter", "title=Obs")).isEmpty();
    assertThat(list("--filter", "title=*er")).containsExactly(b);
    assertThat(list("--filter", "title=[OX]th?r")).containsExactly(b);
    assertThat(list("--filter", "title=[!O]*")).isEmpty();
    assertThat(list("--filter", "title=obs*")).as("case-sensitive").isEmpty();
  }

  @Test
  void numericFiltersCompareNumbersAndNumbersStoredAsStrings() {
    threeDocuments();
    assertThat(list("--filter", "priority=>0.5")).containsExactly(a);
    assertThat(list("--filter", "priority=<0.5")).containsExactly(b);
    assertThat(list("--filter", "priority=>=0.3")).isEqualTo(sorted(a, b));
    assertThat(list("--filter", "priority=<=0.3")).containsExactly(b);
    assertThat(list("--filter", "priority===0.8")).containsExactly(a);
    assertThat(list("--filter", "priority=!=0.8")).as("missing never matches").containsExactly(b);
    assertThat(list("--filter", "score=>5")).containsExactly(a);
    assertThat(list("--filter", "title=>1")).as("not a number").isEmpty();
  }

  @Test
  void dotPathsListsExistsReferencesAndSpecialProperties() {
    threeDocuments();
    assertThat(list("--filter", "meta.owner=alice")).containsExactly(a);
    assertThat(list("--filter", "tags=llm")).containsExactly(a);
    assertThat(list("--filter", "tags=a?")).containsExactly(a);
    assertThat(list("--filter", "title=exists")).isEqualTo(sorted(a, b));
    assertThat(list("--filter", "doc-ref=src")).containsExactly(a);
    assertThat(list("--filter", "doc_ref=s*")).containsExactly(a);
    assertThat(list("--filter", "file-ref=att")).containsExactly(a);
    assertThat(list("--filter", "file-ref=other")).isEmpty();
    assertThat(list("--filter", "status=done")).containsExactly(b);
    assertThat(list("--filter", "body=*searchable*")).containsExactly(c);
    assertThat(list("--filter", "id=" + c.substring(0, 8) + "*")).containsExactly(c);
  }

  @Test
  void filtersAreAndCombined() {
    threeDocuments();
    assertThat(list("--filter", "title=O*", "--filter", "priority=>0.5")).containsExactly(a);
    assertThat(list("--filter", "title=O*", "--filter", "status=inbox")).containsExactly(a);
    assertThat(list("--filter", "title=Other", "--filter", "meta.owner=alice")).isEmpty();
  }

  @Test
  void malformedFiltersAreUsageErrors() {
    CliHarness.Result noEquals = cli.run("doc", "list", "--filter", "nonsense");
    assertThat(noEquals.exitCode()).isEqualTo(2);
    assertThat(noEquals.err())
        .isEqualTo("error: --filter nonsense: a filter is PROPERTY=EXPR, not: nonsense\n");
    CliHarness.Result notNumber = cli.run("doc", "list", "--filter", "priority=>high");
    assertThat(notNumber.exitCode()).isEqualTo(2);
    assertThat(notNumber.err()).contains("'high' is not a number");
  }

  @Test
  void statusOptionTakesSeveralStatuses() {
    threeDocuments();
    assertThat(list("--status", "done")).containsExactly(b);
    assertThat(list("--status", "inbox,done")).isEqualTo(sorted(a, b, c));
    assertThat(list("--status", "inbox", "--status", "done")).isEqualTo(sorted(a, b, c));
    CliHarness.Result bad = cli.run("doc", "list", "--status", "later");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("must be one of inbox, active, done, blocked, archived");
  }

  @Test
  void oneColumnPrintsItsValuePerLine() {
    threeDocuments();
    List<String> ids = sorted(a, b, c);
    List<String> titles = list("--col", "title");
    List<String> expected = new ArrayList<>();
    for (String id : ids) {
      expected.add(id.equals(a) ? "Observability" : id.equals(b) ? "Other" : "");
    }
    assertThat(titles).isEqualTo(expected);
    assertThat(list("--col", "tags", "--filter", "title=Obs*")).containsExactly("[\"llm\",\"ai\"]");
    assertThat(list("--col", "meta.owner", "--filter", "title=Obs*")).containsExactly("alice");
    assertThat(list("--col", "status", "--filter", "title=Other")).containsExactly("done");
    assertThat(list("--col", "_doc_path", "--filter", "title=Other"))
        .containsExactly(Path.of("data", "done", b, "doc.md").toString());
  }

  @Test
  void severalColumnsPrintOneJsonObjectPerLine() throws Exception {
    threeDocuments();
    List<String> lines = list("--col", "id", "--col", "title", "--col", "status");
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      JsonNode row = Json.MAPPER.readTree(line);
      assertThat(row.fieldNames()).toIterable().containsExactly("id", "title", "status");
      if (row.get("id").asText().equals(c)) {
        assertThat(row.get("title").asText()).isEmpty();
      }
    }
    assertThat(list("--col", "id", "--col", "_doc_refs", "--filter", "title=Obs*"))
        .containsExactly(
            "{\"id\":\""
                + a
                + "\",\"_doc_refs\":[{\"key\":\"src\",\"uuid\":\"b989ba2d-0e21-4309-8776-9a74b3bbc6ee\",\"data\":{}}]}");
  }

  @Test
  void theBodyColumnIsShortened() {
    add("x".repeat(150));
    assertThat(list("--col", "body")).containsExactly("x".repeat(100) + "...");
  }

  @Test
  void jsonOutputIsOneArray() throws Exception {
    threeDocuments();
    CliHarness.Result r = cli.run("doc", "list", "--filter", "title=O*", "-o", "json");
    assertThat(r.exitCode()).isZero();
    JsonNode json = Json.MAPPER.readTree(r.out());
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(2);
    JsonNode first = json.get(0);
    assertThat(first.get("id").asText()).isEqualTo(a);
    assertThat(first.get("status").asText()).isEqualTo("inbox");
    assertThat(first.get("path").asText())
        .isEqualTo(dir.resolve("data/inbox").resolve(a).resolve("doc.md").toString());
    assertThat(first.get("properties").get("score").asInt()).isEqualTo(7);
    assertThat(first.get("properties").get("priority").asText()).isEqualTo("0.8");
    assertThat(first.get("doc_refs").get(0).get("key").asText()).isEqualTo("src");
    assertThat(first.get("file_refs").get(0).get("filename").asText()).isEqualTo("up.pdf");

    JsonNode cols =
        Json.MAPPER.readTree(
            cli.run("doc", "list", "-o", "json", "--col", "title", "--col", "nothing").out());
    assertThat(cols).hasSize(3);
    assertThat(cols.get(0).has("nothing")).isTrue();
    assertThat(cols.get(0).get("nothing").isNull()).isTrue();

    CliHarness.Result none = cli.run("doc", "list", "--filter", "title=zzz", "-o", "json");
    assertThat(Json.MAPPER.readTree(none.out())).isEmpty();
    assertThat(none.err()).isEmpty();
  }

  @Test
  void aCorruptDocumentIsSkippedWithAWarningAndLeftAsItIs() throws Exception {
    threeDocuments();
    Path file = dir.resolve("data/done").resolve(b).resolve("doc.md");
    String broken = "---\nstatus: done\ntitle: [broken\n---\n";
    Files.writeString(file, broken);
    CliHarness.Result r = cli.run("doc", "list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().toList()).isEqualTo(sorted(a, c));
    assertThat(r.err())
        .startsWith("warning: skipped corrupt document " + file + ": invalid YAML frontmatter")
        .hasLineCount(1);
    assertThat(Files.readString(file)).isEqualTo(broken);
  }

  @Test
  void aLongListingIsWrittenInBlocksNotOneWritePerLine() {
    FsMarkdownStore store = new FsMarkdownStore(dir.resolve("data"), false, w -> {});
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Document d =
          Document.create().setStatus(i % 3 == 0 ? DocumentStatus.DONE : DocumentStatus.INBOX);
      d.put("title", "Report " + i);
      ids.add(store.create(d).id());
    }
    // The process's stdout: a writer that flushes at every println, over a stream that counts
    // the write calls that would reach the file descriptor.
    int[] writes = {0};
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.OutputStream fd =
        new java.io.OutputStream() {
          @Override
          public void write(int b) {
            writes[0]++;
            bytes.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes[0]++;
            bytes.write(b, off, len);
          }
        };
    PrintWriter out = new PrintWriter(fd, true);
    CliContext ctx =
        new CliContext(
            out,
            new PrintWriter(new java.io.StringWriter()),
            java.io.InputStream.nullInputStream(),
            false,
            Map.of(),
            dir);
    int code =
        IdflowRoot.execute(
            IdflowRoot.withSubcommands(DocCommand.class),
            ctx,
            "doc",
            "list",
            "--filter",
            "title=Report*");

    assertThat(code).isZero();
    List<String> listed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    assertThat(listed).hasSize(500).isEqualTo(sorted(ids.toArray(String[]::new)));
    // 500 lines of 37 bytes: a few blocks of 8 KB, not 500 writes.
    assertThat(writes[0]).isLessThan(10);
  }
}

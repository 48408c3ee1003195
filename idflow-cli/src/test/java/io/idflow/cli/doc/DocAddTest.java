package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocAddTest {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class);
  }

  private static String lastLine(String out) {
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }

  private Path docFile(String status, String id) {
    return dir.resolve("data").resolve(status).resolve(id).resolve("doc.md");
  }

  private long documents() throws Exception {
    Path data = dir.resolve("data");
    if (!Files.exists(data)) {
      return 0;
    }
    try (var s = Files.walk(data)) {
      return s.filter(p -> p.getFileName().toString().equals("doc.md")).count();
    }
  }

  @Test
  void printsTheNewIdLastAndWritesAStableFile() throws Exception {
    CliHarness.Result r =
        cli.run(
            "doc",
            "add",
            "gamma",
            "--set",
            "title=Observability",
            "--set",
            "priority=0.8",
            "--set",
            "meta.owner=alice",
            "--set",
            "flag=true",
            "--list-add",
            "tags=llm",
            "--json",
            "cfg={\"a\":1}");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String id = lastLine(r.out());
    assertThat(id).matches(UUID);
    assertThat(Files.readString(docFile("inbox", id)))
        .isEqualTo(
            "---\n"
                + "status: inbox\n"
                + "id: "
                + id
                + "\n"
                + "title: Observability\n"
                + "priority: \"0.8\"\n"
                + "meta:\n"
                + "  owner: alice\n"
                + "flag: \"true\"\n"
                + "tags:\n"
                + "- llm\n"
                + "cfg:\n"
                + "  a: 1\n"
                + "_doc_refs: []\n"
                + "_file_refs: []\n"
                + "---\n"
                + "gamma\n");
  }

  @Test
  void statusOptionPutsTheDocumentInThatFolder() {
    CliHarness.Result r = cli.run("doc", "add", "-s", "done", "x");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(docFile("done", lastLine(r.out()))).exists();
    assertThat(docFile("done", lastLine(cli.run("doc", "add", "--status", "DONE").out()))).exists();
  }

  @Test
  void anInvalidStatusIsAUsageErrorAndWritesNothing() throws Exception {
    CliHarness.Result r = cli.run("doc", "add", "--status", "sleeping");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: invalid document status 'sleeping': must be one of inbox, active, done,"
                + " blocked, archived\n");
    assertThat(documents()).isZero();
  }

  @Test
  void settingStatusOrIdIsAUsageError() throws Exception {
    CliHarness.Result status = cli.run("doc", "add", "--set", "status=done");
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err()).contains("the status is not a property; use --status");
    CliHarness.Result id = cli.run("doc", "add", "--set", "id=abc");
    assertThat(id.exitCode()).isEqualTo(2);
    assertThat(id.err()).contains("a document's id cannot be changed");
    CliHarness.Result refs = cli.run("doc", "add", "--set", "_doc_refs=x");
    assertThat(refs.exitCode()).isEqualTo(2);
    assertThat(refs.err()).contains("'_doc_refs' is reserved");
    assertThat(documents()).isZero();
  }

  @Test
  void setValuesStayStringsAndDotPathsNest() throws Exception {
    String id =
        lastLine(
            cli.run("doc", "add", "--set", "a.b.c=1", "--set", "a.b.d=x", "--set", "num=2").out());
    assertThat(Files.readString(docFile("inbox", id)))
        .contains("a:\n  b:\n    c: \"1\"\n    d: x\nnum: \"2\"\n");
  }

  @Test
  void aMalformedSetIsAUsageError() {
    CliHarness.Result r = cli.run("doc", "add", "--set", "novalue");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --set expects KEY=VALUE, not: novalue\n");
    assertThat(cli.run("doc", "add", "--set", "=x").exitCode()).isEqualTo(2);
    assertThat(cli.run("doc", "add", "--set", "a..b=x").exitCode()).isEqualTo(2);
  }

  @Test
  void listAddAppendsAndRefusesANonList() throws Exception {
    String id =
        lastLine(
            cli.run(
                    "doc",
                    "add",
                    "--list-add",
                    "tags=a",
                    "--list-add",
                    "tags=b",
                    "--list-add",
                    "meta.kw=x")
                .out());
    assertThat(Files.readString(docFile("inbox", id)))
        .contains("tags:\n- a\n- b\nmeta:\n  kw:\n  - x\n");

    CliHarness.Result r = cli.run("doc", "add", "--list-add", "title=x", "--set", "title=y");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: title is not a list.\n");
    assertThat(documents()).isEqualTo(1);
  }

  @Test
  void jsonStoresTypedValues() throws Exception {
    String id =
        lastLine(
            cli.run(
                    "doc",
                    "add",
                    "--json",
                    "score=0.9",
                    "--json",
                    "count=3",
                    "--json",
                    "ok=true",
                    "--json",
                    "cfg.list=[1,\"a\",null]")
                .out());
    assertThat(Files.readString(docFile("inbox", id)))
        .contains("score: 0.9\ncount: 3\nok: true\ncfg:\n  list:\n  - 1\n  - a\n  - null\n");
  }

  @Test
  void invalidJsonIsAUsageError() throws Exception {
    CliHarness.Result r = cli.run("doc", "add", "--json", "cfg={oops");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: --json: invalid JSON for cfg: ").hasLineCount(1);
    assertThat(documents()).isZero();
  }

  @Test
  void docReferencesTakeTheDataThatFollowsThem() throws Exception {
    String a = "b989ba2d-0e21-4309-8776-9a74b3bbc6ee";
    String b = "4a5b0879-fc50-42d5-ba76-49a8970e9b66";
    String id =
        lastLine(
            cli.run(
                    "doc",
                    "add",
                    "--add-doc",
                    "src=" + a,
                    "--doc-data",
                    "{\"role\":\"source\"}",
                    "--add-doc",
                    " other = " + b,
                    "--doc-data",
                    "")
                .out());
    assertThat(Files.readString(docFile("inbox", id)))
        .contains(
            "_doc_refs:\n- key: src\n  uuid: "
                + a
                + "\n  data:\n    role: source\n- key: other\n  uuid: "
                + b
                + "\n  data: {}\n");
  }

  @Test
  void docDataErrorsAreUsageErrors() throws Exception {
    CliHarness.Result alone = cli.run("doc", "add", "--doc-data", "{}");
    assertThat(alone.exitCode()).isEqualTo(2);
    assertThat(alone.err()).contains("--doc-data without an --add-doc before it");
    CliHarness.Result before = cli.run("doc", "add", "--doc-data", "{}", "--add-doc", "k=x");
    assertThat(before.exitCode()).isEqualTo(2);
    CliHarness.Result notObject = cli.run("doc", "add", "--add-doc", "k=x", "--doc-data", "[1]");
    assertThat(notObject.exitCode()).isEqualTo(2);
    assertThat(notObject.err()).contains("expected a JSON object");
    CliHarness.Result bad = cli.run("doc", "add", "--add-doc", "k=x", "--doc-data", "{");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--doc-data: invalid JSON");
    assertThat(documents()).isZero();
  }

  @Test
  void referenceKeysAndIdsThatCouldEscapeAreRejected() throws Exception {
    assertThat(cli.run("doc", "add", "--add-doc", "../k=x").exitCode()).isEqualTo(2);
    CliHarness.Result r = cli.run("doc", "add", "--add-doc", "k=../../etc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid document id");
    assertThat(cli.run("doc", "add", "--add-file", "../k=sub/up.pdf").exitCode()).isEqualTo(2);
    assertThat(documents()).isZero();
  }

  @Test
  void addFileCopiesTheFileWithItsData() throws Exception {
    CliHarness.Result r =
        cli.run("doc", "add", "--add-file", "att=sub/up.pdf", "--file-data", "{\"note\":\"nice\"}");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String id = lastLine(r.out());
    String text = Files.readString(docFile("inbox", id));
    java.util.regex.Matcher m =
        Pattern.compile(
                "- key: att\n  filename: up.pdf\n  uuid: (" + UUID + ")\n  data:\n    note: nice\n")
            .matcher(text);
    assertThat(m.find()).as(text).isTrue();
    Path copy = docFile("inbox", id).resolveSibling(m.group(1));
    assertThat(copy).hasSameBinaryContentAs(dir.resolve("sub/up.pdf"));
  }

  @Test
  void addFileOfAMissingFileIsAUsageError() throws Exception {
    CliHarness.Result r = cli.run("doc", "add", "--add-file", "att=nope.pdf");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --add-file: file not found: nope.pdf\n");
    CliHarness.Result dirAsFile = cli.run("doc", "add", "--add-file", "att=sub");
    assertThat(dirAsFile.exitCode()).isEqualTo(2);
    CliHarness.Result data = cli.run("doc", "add", "--file-data", "{}");
    assertThat(data.exitCode()).isEqualTo(2);
    assertThat(data.err()).contains("--file-data without an --add-file before it");
    assertThat(documents()).isZero();
  }

  @Test
  void theBodyComesFromStdinWhenOmittedAndStdinIsNotATerminal() throws Exception {
    String piped = lastLine(cli.stdin("\n\nfrom stdin\n\n").run("doc", "add").out());
    assertThat(Files.readString(docFile("inbox", piped))).endsWith("---\nfrom stdin\n");
    String dash = lastLine(cli.stdin("dash body").run("doc", "add", "-").out());
    assertThat(Files.readString(docFile("inbox", dash))).endsWith("---\ndash body\n");
    String terminal =
        lastLine(cli.stdin("not read").interactive(true).run("doc", "add", "--set", "a=b").out());
    assertThat(Files.readString(docFile("inbox", terminal))).endsWith("---\n");
  }

  @Test
  void anUnknownDocumentImplementationIsAConfigurationError() {
    CliHarness.Result r = cli.env("IDFLOW_DOCUMENT_IMPL", "database").run("doc", "add", "x");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "error: unknown document_implementation 'database' (env:IDFLOW_DOCUMENT_IMPL);"
                + " supported: fs_markdown\n");
  }

  @Test
  void itWorksFromASubFolderOfTheProject() throws Exception {
    CliHarness.Result r = cli.workingDir(dir.resolve("sub")).run("doc", "add", "x");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(docFile("inbox", lastLine(r.out()))).exists();
  }
}

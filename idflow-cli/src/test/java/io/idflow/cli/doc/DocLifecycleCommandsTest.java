package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.internal.FsMarkdownStore;
import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doc set-status}, {@code doc drop}, {@code doc drop-all} and {@code doc locate}. */
class DocLifecycleCommandsTest {

  @TempDir Path dir;
  CliHarness cli;
  FsMarkdownStore store;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class);
    store = new FsMarkdownStore(dir.resolve("data"), false, w -> {});
  }

  private String doc(DocumentStatus status) {
    return store.create(Document.create().setStatus(status)).id();
  }

  private long count() {
    try (Stream<Document> docs = store.stream()) {
      return docs.count();
    }
  }

  @Test
  void setStatusMovesTheFolderAndSaysWhat() throws Exception {
    Document doc = Document.create();
    doc.attachFile("att", dir.resolve("sub/up.pdf"), null);
    doc.addStage("s");
    String id = store.create(doc).id();
    CliHarness.Result r = cli.run("doc", "set-status", id, "archived");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("switched state of " + id + " from inbox to archived\n");
    Path folder = dir.resolve("data/archived").resolve(id);
    assertThat(folder.resolve("doc.md")).exists();
    assertThat(folder.resolve("stages/s/1/stage.md")).exists();
    assertThat(folder.resolve(store.get(id).fileRefs().get(0).uuid())).exists();
    assertThat(dir.resolve("data/inbox").resolve(id)).doesNotExist();
    assertThat(Files.readString(folder.resolve("doc.md"))).startsWith("---\nstatus: archived\n");

    assertThat(cli.run("doc", "set-status", id, "archived").err())
        .isEqualTo("switched state of " + id + " from archived to archived\n");
  }

  @Test
  void setStatusChecksTheStatusBeforeTheDocument() {
    CliHarness.Result r = cli.run("doc", "set-status", "no-such-doc", "later");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: invalid document status 'later': must be one of inbox, active, done, blocked,"
                + " archived\n");
    CliHarness.Result unknown = cli.run("doc", "set-status", "no-such-doc", "done");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("error: document not found: no-such-doc\n");
  }

  @Test
  void dropDeletesTheFolders() {
    String a = doc(DocumentStatus.INBOX);
    String b = doc(DocumentStatus.DONE);
    String keep = doc(DocumentStatus.DONE);
    CliHarness.Result r = cli.run("doc", "drop", a, b);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("deleted " + a + "\ndeleted " + b + "\n");
    assertThat(dir.resolve("data/inbox").resolve(a)).doesNotExist();
    assertThat(store.find(b)).isEmpty();
    assertThat(store.find(keep)).isPresent();
  }

  @Test
  void dropDeletesNothingWhenOneIdIsUnknown() {
    String a = doc(DocumentStatus.INBOX);
    CliHarness.Result r = cli.run("doc", "drop", a, "no-such-doc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: document not found: no-such-doc\n");
    assertThat(store.find(a)).isPresent();
  }

  @Test
  void dropAllAsksAndARefusalIsExitCodeSix() {
    doc(DocumentStatus.INBOX);
    doc(DocumentStatus.DONE);
    CliHarness.Result no = cli.stdin("n\n").run("doc", "drop-all");
    assertThat(no.exitCode()).isEqualTo(6);
    assertThat(no.err())
        .startsWith("Really delete ALL (2) documents with status 'all'? [y/N]: ")
        .contains("error: Aborted: not confirmed");
    assertThat(count()).isEqualTo(2);

    CliHarness.Result noInput = cli.stdin("").run("doc", "drop-all");
    assertThat(noInput.exitCode()).isEqualTo(6);
    assertThat(count()).isEqualTo(2);

    CliHarness.Result yes = cli.stdin("y\n").run("doc", "drop-all");
    assertThat(yes.exitCode()).as(yes.toString()).isZero();
    assertThat(yes.out()).isEmpty();
    assertThat(yes.err()).endsWith("deleted 2 docs\n");
    assertThat(count()).isZero();
  }

  @Test
  void dropAllOfOneStatusWithYesOrForceDoesNotAsk() {
    String inbox = doc(DocumentStatus.INBOX);
    doc(DocumentStatus.BLOCKED);
    doc(DocumentStatus.BLOCKED);
    CliHarness.Result r = cli.run("doc", "drop-all", "blocked", "--force");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).doesNotContain("[y/N]").isEqualTo("deleted 2 docs\n");
    assertThat(store.find(inbox)).isPresent();

    doc(DocumentStatus.DONE);
    CliHarness.Result y = cli.run("doc", "drop-all", "all", "-y");
    assertThat(y.exitCode()).isZero();
    assertThat(y.err()).isEqualTo("deleted 2 docs\n");
    assertThat(count()).isZero();
  }

  @Test
  void dropAllWithNothingToDeleteSaysSo() {
    doc(DocumentStatus.INBOX);
    CliHarness.Result r = cli.run("doc", "drop-all", "done");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("nothing to delete\n");
  }

  @Test
  void dropAllDryRunListsAndDeletesNothing() {
    String a = doc(DocumentStatus.INBOX);
    CliHarness.Result r = cli.run("doc", "drop-all", "--dry-run");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(a + "\n");
    assertThat(r.err()).contains("dry run: would delete 1 documents with status 'all'");
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void quietKeepsTheDataAndDropsTheTalk() {
    String a = doc(DocumentStatus.INBOX);
    CliHarness.Result plan = cli.run("doc", "drop-all", "--dry-run", "-q");
    assertThat(plan.out()).isEqualTo(a + "\n");
    assertThat(plan.err()).isEmpty();

    CliHarness.Result status = cli.run("doc", "set-status", a, "done", "-q");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).isEmpty();
    assertThat(status.err()).isEmpty();

    CliHarness.Result drop = cli.run("doc", "drop", a, "-q");
    assertThat(drop.exitCode()).isZero();
    assertThat(drop.out() + drop.err()).isEmpty();
    assertThat(count()).isZero();
  }

  @Test
  void dropAllRejectsAnUnknownStatus() {
    CliHarness.Result r = cli.run("doc", "drop-all", "later", "-y");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: invalid status 'later': must be one of inbox, active, done, blocked,"
                + " archived, all\n");
  }

  @Test
  void dropAllLeavesCorruptDocumentsAlone() throws Exception {
    String good = doc(DocumentStatus.INBOX);
    String bad = doc(DocumentStatus.INBOX);
    Path file = store.get(bad).path().orElseThrow();
    Files.writeString(file, "---\nstatus: [\n---\n");
    CliHarness.Result r = cli.run("doc", "drop-all", "-y");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("deleted 1 docs\n");
    assertThat(r.err()).contains("warning: left alone: corrupt document " + file);
    assertThat(file).exists();
    assertThat(store.locate(good)).isEmpty();
  }

  @Test
  void locatePrintsThePathAlsoOfACorruptDocument() throws Exception {
    String id = doc(DocumentStatus.DONE);
    CliHarness.Result r = cli.run("doc", "locate", id);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(Path.of("data", "done", id, "doc.md") + "\n");

    Files.writeString(dir.resolve("data/done").resolve(id).resolve("doc.md"), "---\n[\n");
    assertThat(cli.run("doc", "locate", id).exitCode()).isZero();

    CliHarness.Result fromOutside = cli.workingDir(dir.resolve("sub")).run("doc", "locate", id);
    assertThat(fromOutside.out())
        .isEqualTo(dir.resolve("data/done").resolve(id).resolve("doc.md") + "\n");
  }

  @Test
  void locateOfAnUnknownIdIsAUsageError() {
    CliHarness.Result r = cli.run("doc", "locate", "no-such-doc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: document not found: no-such-doc\n");
    assertThat(cli.run("doc", "locate", "a/b").exitCode()).isEqualTo(2);
  }

  @Test
  void helpListsEverySubcommand() {
    CliHarness.Result r = cli.run("doc", "--help");
    assertThat(r.exitCode()).isZero();
    for (String sub :
        List.of("add", "list, ls", "show", "modify", "set-status", "drop", "drop-all", "locate")) {
      assertThat(r.out()).contains(sub);
    }
  }
}

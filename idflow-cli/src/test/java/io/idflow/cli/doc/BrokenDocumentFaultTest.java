package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.internal.FsMarkdownStore;
import io.idflow.cli.CliHarness;
import io.idflow.cli.doctor.Doctor;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, hardening items 8 and 12: a document folder that is broken (an empty {@code doc.md},
 * no {@code doc.md}, the same id in two status folders) is reported as broken: exit 5 for a command
 * on it, which changes nothing; a warning in listings; a line of {@code doctor}. A base or status
 * folder that is a file is a configuration error (exit 3).
 */
@Tag("fault")
class BrokenDocumentFaultTest {

  @TempDir Path dir;
  CliHarness cli;
  FsMarkdownStore store;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class, Doctor.class);
    store = new FsMarkdownStore(dir.resolve("data"), false, w -> {});
  }

  private String doc(DocumentStatus status) {
    return store.create(Document.create().setStatus(status).put("title", "t")).id();
  }

  private void assertBroken(String id, String expected, String... command) {
    CliHarness.Result r = cli.run(command);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err()).as(r.toString()).startsWith("error: ").contains(id, expected);
  }

  private void assertEveryCommandRefuses(String id, String expected) {
    assertBroken(id, expected, "doc", "show", id);
    assertBroken(id, expected, "doc", "modify", id, "--set", "a=b");
    assertBroken(id, expected, "doc", "set-status", id, "done");
    assertBroken(id, expected, "doc", "drop", id);
  }

  private void assertListingWarns(String id, String expected) {
    CliHarness.Result list = cli.run("doc", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).as("a broken document is not listed as one").doesNotContain(id);
    assertThat(list.err()).as(list.toString()).contains("warning", id, expected);
    CliHarness.Result doctor = cli.run("doctor");
    assertThat(doctor.out() + doctor.err())
        .as(doctor.toString())
        .contains("broken document", id, expected);
    assertThat(doctor.exitCode()).as(doctor.toString()).isNotZero();
  }

  @Test
  void anEmptyDocFileIsBroken() throws IOException {
    String id = doc(DocumentStatus.INBOX);
    Path file = dir.resolve("data/inbox").resolve(id).resolve("doc.md");
    Files.writeString(file, "");
    assertEveryCommandRefuses(id, "empty");
    assertThat(file).exists().isEmptyFile();
    assertListingWarns(id, "empty");
  }

  @Test
  void aFolderWithoutDocFileIsBroken() throws IOException {
    String id = doc(DocumentStatus.ACTIVE);
    Path folder = dir.resolve("data/active").resolve(id);
    Files.delete(folder.resolve("doc.md"));
    Files.writeString(folder.resolve("notes.txt"), "kept");
    assertEveryCommandRefuses(id, "no doc.md");
    assertThat(folder.resolve("notes.txt")).hasContent("kept");
    assertListingWarns(id, "no doc.md");
  }

  @Test
  void anIdInTwoStatusFoldersIsBroken() throws IOException {
    String id = doc(DocumentStatus.INBOX);
    Path inbox = dir.resolve("data/inbox").resolve(id);
    Path done = dir.resolve("data/done").resolve(id);
    Files.createDirectories(done);
    Files.copy(inbox.resolve("doc.md"), done.resolve("doc.md"));
    assertEveryCommandRefuses(id, "two status folders");
    assertThat(inbox.resolve("doc.md")).exists();
    assertThat(done.resolve("doc.md")).exists();
    CliHarness.Result list = cli.run("doc", "list");
    assertThat(list.out().lines().filter(l -> l.contains(id)).count())
        .as(list.toString())
        .isLessThanOrEqualTo(1);
    assertThat(list.err()).as(list.toString()).contains("warning", id, "two status folders");
    CliHarness.Result doctor = cli.run("doctor");
    assertThat(doctor.out() + doctor.err())
        .as(doctor.toString())
        .contains(id, "two status folders");
  }

  @Test
  void aBaseDirThatIsAFileIsAConfigurationError() throws IOException {
    Files.writeString(dir.resolve("data"), "not a folder");
    for (String[] command :
        new String[][] {
          {"doc", "list"},
          {"doc", "add", "x"},
          {"doc", "show", "some-id"},
          {"doc", "drop-all", "-y"}
        }) {
      CliHarness.Result r = cli.run(command);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
      assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
      assertThat(r.err()).as(r.toString()).contains("base_dir", "is a file");
    }
    assertThat(dir.resolve("data")).hasContent("not a folder");
  }

  @Test
  void aStatusFolderThatIsAFileIsAConfigurationError() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/inbox"), "not a folder");
    for (String[] command :
        new String[][] {{"doc", "list"}, {"doc", "add", "x"}, {"doc", "show", "some-id"}}) {
      CliHarness.Result r = cli.run(command);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
      assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
      assertThat(r.err()).as(r.toString()).contains("inbox", "is a file");
    }
    assertThat(dir.resolve("data/inbox")).hasContent("not a folder");
  }
}

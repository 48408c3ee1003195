package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageResult;
import io.idflow.cli.CliHarness;
import io.idflow.testing.Mounts;
import io.idflow.testing.TestProjects;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite: a full disk. The project's data folder is a 1 MiB {@code tmpfs} holding two
 * documents and filled up by a filler file (skipped, with the reason, where mounting is not
 * allowed). Every command that must write is one {@code error:} line naming the path and "No space
 * left on device", exit 3, and leaves the data folder as it was: the documents byte-identical, no
 * temporary file, no half-made folder; so is a stage result written through the store (as {@code
 * update_stage_status} writes it). Deleting a document still works (it frees space).
 */
@Tag("fault")
class FullDiskFaultTest {

  @TempDir Path dir;
  CliHarness cli;
  Mounts mount;
  Path data;
  String first;
  String second;

  @BeforeEach
  void fullDataFolder() throws Exception {
    TestProjects.copy(getClass(), "docs", dir);
    data = dir.resolve("data");
    mount = Mounts.tmpfs(data, "1m");
    cli = CliHarness.of(dir, DocCommand.class);
    first = add("first");
    second = add("second");
    // a write takes the document's lock file first: have it there before the disk is full
    assertThat(cli.run("doc", "modify", first, "--set", "n=1").exitCode()).isZero();
    mount.fill(".filler");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      mount.close();
    }
  }

  private String add(String title) {
    CliHarness.Result r = cli.run("doc", "add", "body of " + title, "--set", "title=" + title);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().strip();
  }

  /** Runs a command that must fail: one error line, exit 3, the data folder as it was. */
  private void refused(String naming, String... args) throws Exception {
    DataFolderState before = DataFolderState.of(data, data.resolve(".filler"));

    CliHarness.Result r = cli.run(args);
    System.err.println("[full-disk] idflow " + args[0] + " " + args[1] + ": " + r.err().strip());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err())
        .as(r.toString())
        .startsWith("error: ")
        .contains(naming)
        .contains("No space left on device");
    assertThat(r.out()).as(r.toString()).isEmpty();
    assertThat(DataFolderState.of(data, data.resolve(".filler")).entries())
        .as("the data folder as it was: no document changed, no temporary file, no new folder")
        .isEqualTo(before.entries());
  }

  @Test
  void addingADocumentIsOneErrorLineAndLeavesNothing() throws Exception {
    refused(data.resolve("inbox").toString(), "doc", "add", "a body", "--set", "title=third");
  }

  @Test
  void modifyingADocumentIsOneErrorLineAndLeavesItAsItWas() throws Exception {
    String big = "x".repeat(8192);
    refused(
        data.resolve("inbox").resolve(first).toString(),
        "doc",
        "modify",
        first,
        "--set",
        "title=" + big);
  }

  @Test
  void anAttachmentThatFitsWhenItsDocumentDoesNotIsNotLeftBehind() throws Exception {
    // room for one 4 KiB page: the attachment's copy fits, the new doc.md then does not
    Path filler = data.resolve(".filler");
    try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 4096);
    }
    Path attachment = Files.write(dir.resolve("page.bin"), new byte[4096]);

    refused(
        data.resolve("inbox").resolve(first).toString(),
        "doc",
        "modify",
        first,
        "--add-file",
        "page=" + attachment);
  }

  @Test
  void aStageResultThatDoesNotFitLeavesTheDocumentAsItWas() throws Exception {
    // what update_stage_status writes: a new stage instance with a result, then doc.md
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(dir).load();
    DataFolderState before = DataFolderState.of(data, data.resolve(".filler"));
    try (DocumentStore store = DocumentStores.open(config)) {
      assertThatThrownBy(
              () ->
                  store.update(
                      second,
                      d ->
                          d.addStage("review")
                              .putResult("check", new StageResult(Map.of("ok", true), "fine\n"))))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(data.resolve("inbox").resolve(second).toString())
          .hasMessageContaining("No space left on device");
    }
    assertThat(DataFolderState.of(data, data.resolve(".filler")).entries())
        .as("no stage folder, result or temporary file left")
        .isEqualTo(before.entries());
  }

  @Test
  void changingAStatusIsOneErrorLineAndLeavesTheDocumentWhereItWas() throws Exception {
    refused(data.resolve("inbox").resolve(second).toString(), "doc", "set-status", second, "done");
    assertThat(data.resolve("inbox").resolve(second).resolve("doc.md")).isRegularFile();
  }

  @Test
  void droppingADocumentStillWorksOnAFullDisk() throws Exception {
    CliHarness.Result r = cli.run("doc", "drop", first);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(data.resolve("inbox").resolve(first)).doesNotExist();
    try (var s = Files.list(data)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .as("no trash folder left")
          .noneMatch(n -> n.startsWith(".trash-"));
    }
    assertThat(data.resolve("inbox").resolve(second).resolve("doc.md")).isRegularFile();
  }
}

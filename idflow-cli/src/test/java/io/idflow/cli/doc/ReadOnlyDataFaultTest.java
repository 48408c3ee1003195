package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.Mounts;
import io.idflow.testing.TestProjects;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite: a read-only data folder (a mode does not stop root, a read-only mount does). The
 * project's data folder is a {@code tmpfs} holding two documents, remounted read-only (skipped,
 * with the reason, where mounting is not allowed). Every command that writes is one {@code error:}
 * line naming the path and "Read-only file system", exit 3, and changes nothing; reading works.
 */
@Tag("fault")
class ReadOnlyDataFaultTest {

  @TempDir Path dir;
  CliHarness cli;
  Mounts mount;
  Path data;
  String first;
  String second;

  @BeforeEach
  void readOnlyDataFolder() throws Exception {
    TestProjects.copy(getClass(), "docs", dir);
    data = dir.resolve("data");
    mount = Mounts.tmpfs(data, "4m");
    cli = CliHarness.of(dir, DocCommand.class);
    first = add("first");
    second = add("second");
    assertThat(cli.run("doc", "modify", first, "--set", "n=1").exitCode()).isZero();
    mount.readOnly();
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
    DataFolderState before = DataFolderState.of(data);

    CliHarness.Result r = cli.run(args);
    System.err.println("[read-only] idflow " + args[0] + " " + args[1] + ": " + r.err().strip());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err())
        .as(r.toString())
        .startsWith("error: ")
        .contains(naming)
        .contains("Read-only file system");
    assertThat(r.out()).as(r.toString()).isEmpty();
    assertThat(DataFolderState.of(data).entries())
        .as("the data folder as it was")
        .isEqualTo(before.entries());
  }

  @Test
  void addingADocumentIsOneErrorLine() throws Exception {
    refused(data.resolve("inbox").toString(), "doc", "add", "a body", "--set", "title=third");
  }

  @Test
  void modifyingADocumentIsOneErrorLine() throws Exception {
    refused(
        data.resolve("inbox").resolve(first).toString(),
        "doc",
        "modify",
        first,
        "--set",
        "title=changed");
  }

  @Test
  void modifyingADocumentNeverWrittenSinceItWasAddedIsOneErrorLine() throws Exception {
    // no lock file yet in its folder
    refused(
        data.resolve("inbox").resolve(second).toString(),
        "doc",
        "modify",
        second,
        "--set",
        "title=changed");
  }

  @Test
  void changingAStatusIsOneErrorLine() throws Exception {
    refused(data.resolve("inbox").resolve(first).toString(), "doc", "set-status", first, "done");
  }

  @Test
  void droppingADocumentIsOneErrorLine() throws Exception {
    refused(data.resolve("inbox").resolve(second).toString(), "doc", "drop", second);
  }

  @Test
  void readingStillWorks() throws Exception {
    CliHarness.Result r = cli.run("doc", "show", first);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("first");
  }
}

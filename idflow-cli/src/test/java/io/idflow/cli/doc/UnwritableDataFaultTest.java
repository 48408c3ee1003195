package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite: a data folder that cannot be written (a file where the folder is expected; unlike a
 * read-only mode this stops root too) makes {@code doc add} fail with one {@code error:} line
 * naming the path, exit code 3, and leaves nothing behind. A full disk is not tested: that needs a
 * size-limited file system, which takes a mount this suite does not do.
 */
@Tag("fault")
class UnwritableDataFaultTest {

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class);
  }

  private static List<String> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static void assertOneErrorLine(CliHarness.Result r, String naming) {
    assertThat(r.exitCode()).as(r.toString()).isNotZero();
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err()).as(r.toString()).startsWith("error: ").contains(naming);
  }

  @Test
  void aFileWhereTheDataFolderShouldBeIsOneErrorLineAndNothingIsWritten() throws Exception {
    Files.writeString(dir.resolve("data"), "not a folder");
    List<String> before = files(dir);

    CliHarness.Result r = cli.run("doc", "add", "body", "--set", "title=x");

    assertOneErrorLine(r, "data");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(Files.readString(dir.resolve("data"))).isEqualTo("not a folder");
    assertThat(files(dir)).as("no file of the project added or removed").isEqualTo(before);
  }

  @Test
  void aStatusFolderThatIsAFileRefusesTheMoveBeforeAnythingIsWritten() throws Exception {
    CliHarness.Result added = cli.run("doc", "add", "body", "--set", "title=x");
    assertThat(added.exitCode()).as(added.toString()).isZero();
    String id = added.out().strip();
    Files.writeString(dir.resolve("data/done"), "not a folder");
    Path doc = dir.resolve("data/inbox").resolve(id).resolve("doc.md");
    String text = Files.readString(doc);
    List<String> before = files(dir);

    CliHarness.Result r = cli.run("doc", "set-status", id, "done");

    assertOneErrorLine(r, "data/done");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(Files.readString(doc)).as("the document is unchanged").isEqualTo(text);
    // the document's lock file stays in its folder by design
    assertThat(files(dir))
        .filteredOn(f -> !f.endsWith("/.lock"))
        .as("no file of the project added or removed")
        .isEqualTo(before);
  }
}

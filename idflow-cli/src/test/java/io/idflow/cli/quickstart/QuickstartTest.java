package io.idflow.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.idflow.cli.CliHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idflow quickstart}'s errors, black box: a bad {@code --docs} folder or document stops it
 * before anything is created or started; outside a project it creates its own folder.
 */
class QuickstartTest {

  /** A Conductor URL that never answers and that quickstart would not start a server for. */
  private static final String REMOTE = "http://conductor.invalid:8080";

  @TempDir Path dir;

  private CliHarness cli() {
    return CliHarness.of(dir, Quickstart.class);
  }

  @Test
  void aMissingDocsFolderIsAUsageError() {
    CliHarness.Result r = cli().run("quickstart", "--docs", "nope", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --docs nope: no such folder\n");
    assertThat(dir.resolve(Quickstart.DEFAULT_DIR)).doesNotExist();
  }

  @Test
  void aFileGivenAsDocsIsAUsageError() throws IOException {
    Files.writeString(dir.resolve("one.md"), "# One\n");
    CliHarness.Result r = cli().run("quickstart", "--docs", "one.md", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --docs one.md: not a folder\n");
  }

  @Test
  void aFolderWithoutMarkdownIsAUsageError() throws IOException {
    Files.createDirectories(dir.resolve("empty/sub.md"));
    Files.writeString(dir.resolve("empty/notes.txt"), "not Markdown\n");
    CliHarness.Result r = cli().run("quickstart", "--docs", "empty", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: --docs empty: no Markdown files (*.md, *.markdown) in the folder\n");
  }

  @Test
  void anUnclosedFrontmatterIsAnInvalidDocument() throws IOException {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("a.md"), "---\ntitle: fine\n---\nbody\n");
    Files.writeString(docs.resolve("b.md"), "---\ntitle: never closed\nbody\n");
    CliHarness.Result r = cli().run("quickstart", "--docs", "docs", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err())
        .isEqualTo(
            "error: corrupt document "
                + docs.resolve("b.md")
                + ": the frontmatter has no closing '---' line\n");
    assertThat(dir.resolve(Quickstart.DEFAULT_DIR)).doesNotExist();
  }

  @Test
  void anInvalidStatusInTheFrontmatterIsAnInvalidDocument() throws IOException {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("a.md"), "---\nstatus: pending\n---\nbody\n");
    CliHarness.Result r = cli().run("quickstart", "--docs", "docs", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err())
        .startsWith("error: corrupt document ")
        .contains(
            "invalid document status 'pending': must be one of inbox, active, done, blocked, archived");
  }

  @Test
  void aFileThatIsNotUtf8IsAnInvalidDocument() throws IOException {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.write(docs.resolve("latin1.md"), "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    CliHarness.Result r = cli().run("quickstart", "--docs", "docs", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err())
        .isEqualTo("error: cannot read " + docs.resolve("latin1.md") + ": not UTF-8 text\n");
  }

  @Test
  void anUnreadableFileIsAnInvalidDocument() throws IOException {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Path secret = Files.writeString(docs.resolve("secret.md"), "hidden\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    assumeTrue(!Files.isReadable(secret), "the tests run as a user who reads every file");
    CliHarness.Result r = cli().run("quickstart", "--docs", "docs", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err()).startsWith("error: cannot read " + secret + ": ");
  }

  @Test
  void anEmptyFileIsAnInvalidDocument() throws IOException {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("empty.md"), "\n");
    CliHarness.Result r = cli().run("quickstart", "--docs", "docs", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err())
        .isEqualTo("error: corrupt document " + docs.resolve("empty.md") + ": the file is empty\n");
  }

  @Test
  void aTimeoutOfZeroIsAUsageError() {
    CliHarness.Result r = cli().run("quickstart", "--timeout", "0");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains("--timeout");
  }

  @Test
  void outsideAProjectItCreatesItsOwnFolderAndKeepsItsConfigOnTheNextRun() throws IOException {
    CliHarness.Result r = cli().run("quickstart", "--server", REMOTE);
    Path project = dir.resolve(Quickstart.DEFAULT_DIR);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.err())
        .contains(
            "Created the project " + project + " (the working directory is in no idflow project)")
        .contains("error: Conductor does not answer at " + REMOTE)
        .contains("quickstart starts a local server only for a localhost URL");
    Path config = project.resolve("config/idflow.yml");
    assertThat(config).hasContent(Quickstart.CONFIG_TEXT.strip());

    Files.writeString(config, "base_dir: mine\n");
    CliHarness.Result again = cli().run("quickstart", "--server", REMOTE);
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
    assertThat(again.err()).contains("Working in the project " + project);
    assertThat(config).hasContent("base_dir: mine");
  }

  @Test
  void dirChoosesTheFolderOfTheNewProject() {
    CliHarness.Result r = cli().run("quickstart", "--dir", "play/here", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(dir.resolve("play/here/config/idflow.yml")).exists();
    assertThat(dir.resolve(Quickstart.DEFAULT_DIR)).doesNotExist();
  }

  @Test
  void insideAProjectItCreatesNothing() throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/idflow.yml"), "base_dir: data\n");
    Files.createDirectories(dir.resolve("sub"));
    CliHarness.Result r =
        cli().workingDir(dir.resolve("sub")).run("quickstart", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).contains("Working in the project " + dir);
    assertThat(dir.resolve("sub/" + Quickstart.DEFAULT_DIR)).doesNotExist();
  }

  @Test
  void invalidStageDefinitionsStopItBeforeAnythingStarts() throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/idflow.yml"), "base_dir: data\n");
    Files.createDirectories(dir.resolve("stages"));
    Files.writeString(dir.resolve("stages/broken.yml"), "name: broken\nworkflows: 3\n");
    CliHarness.Result r = cli().run("quickstart", "--server", REMOTE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.err()).contains("broken.yml").contains("error: 1 invalid stage definition");
  }
}

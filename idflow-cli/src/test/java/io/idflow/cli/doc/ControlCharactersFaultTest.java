package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, hardening item 13: control characters in user input are shown escaped in errors, so
 * an escape sequence cannot colour the terminal and a line break cannot split (or cut short) the
 * one-line error; a property name with control characters is refused.
 */
@Tag("fault")
class ControlCharactersFaultTest {

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class);
  }

  private static void assertOneCleanLine(CliHarness.Result r, String expected) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    List<String> lines = r.err().lines().toList();
    assertThat(lines).as(r.toString()).hasSize(1);
    assertThat(lines.get(0).chars().filter(c -> c < 0x20 || c == 0x7f).count())
        .as("control characters in " + r)
        .isZero();
    assertThat(lines.get(0)).startsWith("error: ").contains(expected);
  }

  @Test
  void anEscapeSequenceInAnIdIsShownEscaped() {
    assertOneCleanLine(cli.run("doc", "show", "x\u001b[31mRED"), "'x\\e[31mRED'");
    assertOneCleanLine(cli.run("doc", "drop", "x\u0007\u001b]0;title\u0007"), "x\\x07\\e]0;title");
  }

  @Test
  void aLineBreakInAnIdDoesNotCutTheError() {
    assertOneCleanLine(cli.run("doc", "show", "x\nRED"), "'x\\nRED': ids consist of");
    assertOneCleanLine(cli.run("doc", "modify", "x\r\ny", "--set", "a=b"), "'x\\r\\ny'");
  }

  @Test
  void aLineBreakInAStatusDoesNotCutTheError() {
    assertOneCleanLine(cli.run("doc", "list", "--status", "x\ny"), "'x\\ny': must be one of");
  }

  @Test
  void anUnknownOptionIsShownEscaped() {
    assertOneCleanLine(cli.run("doc", "list", "--x\u001b[2J\nz"), "\\e[2J\\nz");
  }

  @Test
  void aPropertyNameWithControlCharactersIsRefused() {
    assertOneCleanLine(
        cli.run("doc", "add", "body", "--set", "a\u001b[1m\nb=c"),
        "cannot hold control characters");
    assertOneCleanLine(
        cli.run("doc", "add", "body", "--json", "t\u0000=1"), "cannot hold control characters");
    assertThat(
            !Files.isDirectory(dir.resolve("data/inbox"))
                || dir.resolve("data/inbox").toFile().list().length == 0)
        .as("no document was written")
        .isTrue();
  }
}

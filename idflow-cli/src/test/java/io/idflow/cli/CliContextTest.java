package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliContextTest {

  @TempDir Path dir;

  @Test
  void stdinIsATerminalWhenItsFileIsATerminalDevice() throws Exception {
    Path pts = Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"));
    Path tty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"));
    Path pipe = Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[12345]"));
    Path file = Files.createSymbolicLink(dir.resolve("file"), Path.of("/home/me/body.md"));
    Path devNull = Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"));
    assertThat(CliContext.stdinIsTerminal(pts)).isTrue();
    assertThat(CliContext.stdinIsTerminal(tty)).isTrue();
    assertThat(CliContext.stdinIsTerminal(pipe)).isFalse();
    assertThat(CliContext.stdinIsTerminal(file)).isFalse();
    assertThat(CliContext.stdinIsTerminal(devNull)).isFalse();
  }
}

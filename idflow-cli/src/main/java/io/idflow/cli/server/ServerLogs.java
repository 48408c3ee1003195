package io.idflow.cli.server;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.tooling.server.LocalServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow server logs}. */
@Command(name = "logs", description = "Print the local Conductor server's log.")
public class ServerLogs extends IdflowCommand {

  @Mixin ProjectMixin project;

  @Option(
      names = {"-n", "--lines"},
      paramLabel = "N",
      defaultValue = "50",
      description = "Print the last N lines (default: ${DEFAULT-VALUE}).")
  int lines;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until the server stops or Ctrl-C.")
  boolean follow;

  @Override
  protected ExitCode execute() throws IOException, InterruptedException {
    LocalServer server = ServerCommand.server(this);
    Path log =
        server
            .logFile()
            .or(() -> existing(ServerCommand.stateDir(this).resolve(LocalServer.LOG_FILE)))
            .orElseThrow(
                () ->
                    IdflowException.config(
                        "no server log found in "
                            + ServerCommand.stateDir(this)
                            + "; start a server with `idflow server start`"));
    for (String line : LocalServer.tail(log, lines)) {
      out().println(line);
    }
    out().flush();
    if (follow) {
      follow(server, log);
    }
    return ExitCode.OK;
  }

  private void follow(LocalServer server, Path log) throws IOException, InterruptedException {
    long pos = Files.size(log);
    while (!Thread.currentThread().isInterrupted()) {
      long size = Files.size(log);
      if (size < pos) {
        pos = 0; // the log was rotated by a restart
      }
      if (size > pos) {
        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
          byte[] buf = new byte[(int) Math.min(size - pos, 1 << 20)];
          raf.seek(pos);
          raf.readFully(buf);
          pos += buf.length;
          out().print(new String(buf, StandardCharsets.UTF_8));
          out().flush();
        }
      } else if (server.process().isEmpty()) {
        return;
      } else {
        Thread.sleep(200);
      }
    }
  }

  private static java.util.Optional<Path> existing(Path p) {
    return Files.exists(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
  }
}

package io.idflow.cli.server;

import io.idflow.cli.IdflowCommand;
import io.idflow.tooling.server.LocalServer;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code idflow server}: the local Conductor server (the embedded default). */
@Command(
    name = "server",
    description = "Run a local Conductor OSS server (SQLite) for this project.",
    subcommands = {ServerStart.class, ServerStop.class, ServerStatus.class, ServerLogs.class})
public class ServerCommand {

  /** The project's state folder for the local server: {@code <project>/.idflow/server}. */
  static Path stateDir(IdflowCommand command) {
    return command.config().projectRoot().resolve(".idflow").resolve("server");
  }

  /** The project's local server. */
  static LocalServer server(IdflowCommand command) {
    return new LocalServer(stateDir(command), command.ctx().env());
  }
}

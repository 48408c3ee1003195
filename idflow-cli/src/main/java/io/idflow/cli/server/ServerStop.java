package io.idflow.cli.server;

import io.idflow.api.ExitCode;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.tooling.server.LocalServer;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow server stop}. */
@Command(
    name = "stop",
    description =
        "Stop the local Conductor server that `server start` started (only that process).")
public class ServerStop extends IdflowCommand {

  @Mixin ProjectMixin project;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Seconds to wait for a clean exit before killing it (default: ${DEFAULT-VALUE}).")
  int timeout;

  @Override
  protected ExitCode execute() {
    Optional<LocalServer.State> stopped =
        ServerCommand.server(this).stop(Duration.ofSeconds(Math.max(1, timeout)));
    if (stopped.isEmpty()) {
      info("No local Conductor server is running for this project.");
      return ExitCode.OK;
    }
    info("Stopped Conductor at " + stopped.get().url() + " (pid " + stopped.get().pid() + ")");
    return ExitCode.OK;
  }
}

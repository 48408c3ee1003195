package io.idflow.cli.server;

import io.idflow.api.ExitCode;
import io.idflow.cli.CommandException;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.tooling.server.LocalServer;
import io.idflow.tooling.server.ServerSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow server start}. */
@Command(
    name = "start",
    description = {
      "Start a local Conductor server in the background and wait until it is healthy.",
      "The server jar (org.conductoross:conductor-server:<version>:jar:boot) is downloaded",
      "once through Maven; it needs a Java 21+ runtime (IDFLOW_SERVER_JAVA, JAVA_HOME or an",
      "installed JDK). Database and log live in .idflow/server/ unless --data says otherwise."
    })
public class ServerStart extends IdflowCommand {

  @Mixin ProjectMixin project;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "HTTP port (default: server.port, else the port of conductor.server_url, else 8080).")
  Integer port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Folder for the SQLite database and the log (default: .idflow/server).")
  Path data;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "conductor-server version (default: server.version, built-in 3.32.3).")
  String version;

  @Option(
      names = "--adopt",
      description =
          "Use a Conductor server that is not this project's when one answers on the port"
              + " (default: refuse with exit code 3).")
  boolean adopt;

  @Override
  protected ExitCode execute() {
    ServerSettings settings = ServerSettings.from(config(), port, data, version);
    LocalServer server = ServerCommand.server(this);
    LocalServer.StartResult result = server.start(settings, this::info);
    LocalServer.State s = result.state();
    if (!result.managed()) {
      Optional<LocalServer.Owner> owner = LocalServer.ownerOf(settings.port());
      boolean ours =
          owner
              .map(o -> o.dataDir() != null && Path.of(o.dataDir()).equals(settings.dataDir()))
              .orElse(false);
      String whose =
          owner
              .map(
                  o ->
                      "pid "
                          + o.pid()
                          + (o.dataDir() == null ? "" : ", data " + o.dataDir())
                          + (ours ? ": this project's" : ""))
              .orElse("not a process of this user on this machine that idflow can identify");
      if (ours || adopt) {
        info(
            (ours ? "This project's Conductor server" : "Using the Conductor server that")
                + " already answers at "
                + s.url()
                + " ("
                + whose
                + "); it was not started by this command and `server stop` does not stop it");
        out().println(s.url());
        return ExitCode.OK;
      }
      throw new CommandException(
          ExitCode.CONFIG,
          "a Conductor server that is not this project's answers at "
              + s.url()
              + " ("
              + whose
              + "); use it with --adopt, or choose another port with --port N");
    }
    if (result.alreadyRunning()) {
      info("Conductor is already running at " + s.url() + " (pid " + s.pid() + ")");
    } else {
      info("Conductor " + s.version() + " is up at " + s.url() + " (pid " + s.pid() + ")");
    }
    if (!s.url().equals(config().conductorUrl())) {
      warn(
          "conductor.server_url is "
              + config().conductorUrl()
              + "; pass --server "
              + s.url()
              + " or set conductor.server_url so that commands use this server");
    }
    out().println(s.url());
    return ExitCode.OK;
  }
}

package io.idflow.cli.server;

import io.idflow.api.ExitCode;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.Table;
import io.idflow.tooling.server.LocalServer;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow server status}. */
@Command(
    name = "status",
    description = {
      "Show whether the project's local Conductor server runs and is healthy.",
      "Exit code 0 when it runs and is healthy, 4 otherwise."
    })
public class ServerStatus extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    LocalServer server = ServerCommand.server(this);
    LocalServer.Status status = server.status();
    LocalServer.State s = status.state();
    String state = !status.running() ? "stopped" : status.healthy() ? "running" : "unhealthy";
    if (output.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("status", state);
      json.put("running", status.running());
      json.put("healthy", status.healthy());
      json.put("pid", status.running() ? s.pid() : null);
      json.put("url", s == null ? null : s.url());
      json.put("port", s == null ? null : s.port());
      json.put("version", s == null ? null : s.version());
      json.put("java", s == null ? null : s.java());
      json.put("dataDir", s == null ? null : s.dataDir());
      json.put("logFile", s == null ? null : s.logFile());
      json.put("startedAt", status.running() ? s.startedAt() : null);
      json.put("uptimeSeconds", status.uptime().map(d -> d.toSeconds()).orElse(null));
      json.put("detail", status.detail());
      OutputMixin.printJson(out(), json);
    } else if (!status.running()) {
      out().println("stopped (" + status.detail() + ")");
    } else {
      Table t = new Table();
      t.row("status:", state);
      t.row("url:", s.url());
      t.row("pid:", s.pid());
      t.row("version:", s.version());
      t.row("uptime:", status.uptime().map(ServerStatus::human).orElse("?"));
      t.row("java:", s.java());
      t.row("data:", s.dataDir());
      t.row("log:", s.logFile());
      if (!status.healthy()) {
        t.row("health:", status.detail());
      }
      t.print(out(), "");
    }
    return status.running() && status.healthy() ? ExitCode.OK : ExitCode.CONDUCTOR_UNAVAILABLE;
  }

  private static String human(java.time.Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    return (s / 3600) + "h" + ((s % 3600) / 60) + "m";
  }
}

package io.idflow.cli.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.ExitCode;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.Table;
import io.idflow.worker.internal.RunFile;
import io.idflow.worker.internal.RunFiles;
import io.idflow.worker.internal.RunnerControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow worker ps}. */
@Command(
    name = "ps",
    description = {
      "List the project's running worker runners (from their pid files in .idflow/run/;"
          + " stale files are removed)."
    })
public class WorkerPs extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    RunFiles files = new RunFiles(config().projectRoot());
    List<RunFile> runs = Runners.live(files, err(), root().quiet());
    RunnerControl control = new RunnerControl();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RunFile run : runs) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", run.name());
      row.put("pid", run.pid());
      row.put("startedAt", run.startedAt().toString());
      row.put("uptime", Runners.uptime(run.startedAt()));
      row.put("healthPort", run.healthPort());
      row.put("logFile", run.logFile() == null ? null : run.logFile().toString());
      Map<String, Object> workers = new LinkedHashMap<>();
      String state;
      String health;
      try {
        JsonNode status = control.status(run);
        state = status.path("state").asText();
        health = status.path("health").path("ready").asBoolean() ? "ready" : "not ready";
        status
            .path("workers")
            .fields()
            .forEachRemaining(
                e -> {
                  Map<String, Object> w = new LinkedHashMap<>();
                  w.put("status", e.getValue().path("status").asText());
                  w.put("paused", e.getValue().path("paused").asBoolean());
                  w.put("threads", e.getValue().path("threads").asInt());
                  workers.put(e.getKey(), w);
                });
        row.put("inFlight", status.path("inFlight").asInt());
      } catch (RuntimeException e) {
        state = "UNREACHABLE";
        health = "unknown";
        run.workers().forEach(w -> workers.put(w, Map.of()));
        row.put("inFlight", null);
      }
      row.put("state", state);
      row.put("health", health);
      row.put("workers", workers);
      rows.add(row);
    }
    if (output.json()) {
      OutputMixin.printJson(out(), rows);
      return ExitCode.OK;
    }
    if (rows.isEmpty()) {
      info("no worker runners are running in " + config().projectRoot());
      return ExitCode.OK;
    }
    Table t = new Table("NAME", "PID", "UPTIME", "STATE", "HEALTH", "IN FLIGHT", "WORKERS");
    for (Map<String, Object> row : rows) {
      @SuppressWarnings("unchecked")
      Map<String, Object> workers = (Map<String, Object>) row.get("workers");
      List<String> names = new ArrayList<>();
      workers.forEach(
          (task, w) ->
              names.add(
                  w instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("paused"))
                      ? task + " (paused)"
                      : task));
      t.row(
          row.get("name"),
          row.get("pid"),
          row.get("uptime"),
          row.get("state"),
          row.get("health"),
          row.get("inFlight") == null ? "?" : row.get("inFlight"),
          String.join(", ", names));
    }
    t.print(out(), "");
    return ExitCode.OK;
  }
}

package io.idflow.cli.run;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.OutputMixin;
import io.idflow.conductor.run.SignalStatus;
import io.idflow.conductor.run.SignalledTask;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow workflow signal}. */
@Command(
    name = "signal",
    description = {
      "Complete (or fail) the WAIT or HUMAN task a run waits on, with data as the task's output,"
          + " so that the run goes on. The task may be in a fork branch or a sub-workflow.",
      "Without --task, the run must have exactly one waiting task. Prints the task's reference"
          + " name on stdout. A run that has ended or waits for nothing is refused (exit 6)."
    })
public class WorkflowSignal extends RunsCommand {

  @Mixin OutputMixin output;

  @Parameters(index = "0", paramLabel = "ID", description = "The run's id.")
  String id;

  @Option(
      names = "--task",
      paramLabel = "REF",
      description = "The waiting task's reference name (needed when several tasks wait).")
  String task;

  @Option(
      names = "--status",
      paramLabel = "S",
      defaultValue = "COMPLETED",
      description = "How the task ends: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  SignalStatus status;

  @ArgGroup(exclusive = true)
  Data data = new Data();

  static class Data {
    @Option(
        names = "--data",
        paramLabel = "JSON",
        description = "The task's output as a JSON object.")
    String json;

    @Option(
        names = "--data-file",
        paramLabel = "FILE",
        description = "The task's output as a JSON object from a file, or from stdin with '-'.")
    String file;
  }

  @Override
  protected ExitCode execute() {
    Map<String, Object> output = new LinkedHashMap<>();
    if (data.json != null) {
      output = parseJson(data.json, "--data");
    } else if (data.file != null) {
      output = readJsonFile(data.file, "data");
    }
    if (task != null && task.isBlank()) {
      throw IdflowException.usage("--task must not be blank");
    }
    SignalledTask s = runs().signal(id, task, status, output);
    if (this.output.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("runId", s.runId());
      m.put("task", s.ref());
      m.put("type", s.type());
      m.put("taskId", s.taskId());
      m.put("status", s.status().name());
      OutputMixin.printJson(out(), m);
    } else {
      out().println(s.ref());
      out().flush();
      info(
          "signalled "
              + s.type()
              + " task "
              + s.ref()
              + (s.runId().equals(id) ? "" : " of sub-workflow " + s.runId())
              + " of run "
              + id
              + ": "
              + s.status());
    }
    return ExitCode.OK;
  }
}

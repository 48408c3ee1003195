package io.idflow.cli.run;

import io.idflow.api.ExitCode;
import io.idflow.cli.CommandException;
import io.idflow.cli.OutputMixin;
import io.idflow.conductor.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow workflow show}. */
@Command(
    name = "show",
    description = {
      "Show a run: its status, input and output, and its tasks as a tree (fork branches and"
          + " sub-workflows nested) with each task's status, worker, attempt, times and failure"
          + " reason.",
      "With --follow, keep showing it until it ends: redrawn in place on a terminal, one line"
          + " per change otherwise; exit 7 when it ends FAILED, TERMINATED or TIMED_OUT."
    })
public class WorkflowShow extends RunsCommand {

  @Mixin OutputMixin output;

  @Parameters(index = "0", paramLabel = "ID", description = "The run's id.")
  String id;

  @Option(
      names = {"-f", "--follow"},
      description =
          "Follow the run until it ends. With --output json, print the ended run as one JSON"
              + " document.")
  boolean follow;

  @Override
  protected ExitCode execute() {
    Run run;
    if (!follow) {
      run = runs().get(id);
      print(run);
      return ExitCode.OK;
    }
    if (output.json()) {
      run = runs().await(id, null);
    } else {
      Run first = runs().get(id);
      out().print(view().text(first));
      out().flush();
      if (first.status().isEnded()) {
        return ended(first);
      }
      run = watchAfter(first);
    }
    if (output.json()) {
      print(run);
    }
    return ended(run);
  }

  private Run watchAfter(Run first) {
    if (RunView.terminal(ctx())) {
      return watch(id, null, out());
    }
    Run last = first;
    RunView view = view();
    for (var it = runs().follow(id).iterator(); it.hasNext(); ) {
      Run now = it.next();
      view.changes(last, now).forEach(out()::println);
      out().flush();
      last = now;
    }
    return last;
  }

  private void print(Run run) {
    if (output.json()) {
      OutputMixin.printJson(out(), RunView.json(run));
    } else {
      out().print(view().text(run));
      out().flush();
    }
  }

  private ExitCode ended(Run run) {
    if (run.status().isUnsuccessful()) {
      throw new CommandException(
          ExitCode.RUN_FAILED,
          "run "
              + run.id()
              + " ("
              + run.name()
              + ") ended "
              + run.status()
              + (run.reason() == null ? "" : ": " + run.reason()));
    }
    return ExitCode.OK;
  }
}

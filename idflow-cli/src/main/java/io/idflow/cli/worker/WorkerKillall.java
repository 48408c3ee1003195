package io.idflow.cli.worker;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.SafetyMixin;
import io.idflow.cli.Table;
import io.idflow.worker.internal.RunFile;
import io.idflow.worker.internal.RunFiles;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow worker killall}. */
@Command(
    name = "killall",
    description = {
      "Send SIGTERM (drain, then exit) or with -k SIGKILL to the project's runners whose name or"
          + " task types contain PATTERN (case-insensitive; none = every runner). Runners are"
          + " found through their pid files only. Asks first unless -y."
    })
public class WorkerKillall extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin SafetyMixin safety;

  @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "Part of a name.")
  String pattern;

  @Option(
      names = {"-k", "--kill"},
      description =
          "SIGKILL instead of SIGTERM: no drain; tasks in flight are delivered again"
              + " by Conductor after their response timeout.")
  boolean kill;

  @Override
  protected ExitCode execute() {
    RunFiles files = new RunFiles(config().projectRoot());
    List<RunFile> matches =
        Runners.live(files, err(), root().quiet()).stream()
            .filter(r -> r.matchesPattern(pattern))
            .toList();
    String what = pattern == null || pattern.isEmpty() ? "any name" : "'" + pattern + "'";
    if (matches.isEmpty()) {
      info("no running runner matches " + what);
      return ExitCode.OK;
    }
    String signal = kill ? "SIGKILL" : "SIGTERM";
    Table t = new Table("NAME", "PID", "UPTIME", "WORKERS");
    matches.forEach(
        r ->
            t.row(
                r.name(), r.pid(), Runners.uptime(r.startedAt()), String.join(", ", r.workers())));
    out().println(matches.size() + " runner(s) match " + what + ":");
    t.print(out(), "  ");
    out().flush();
    if (safety.dryRun()) {
      info("dry run: would send " + signal + " to " + matches.size() + " runner(s)");
      return ExitCode.OK;
    }
    if (!safety.confirm(ctx(), "Send " + signal + " to " + matches.size() + " runner(s)?")) {
      throw IdflowException.refused(
          "not confirmed; nothing was sent (pass -y to skip the question)");
    }
    int sent = 0;
    for (RunFile run : matches) {
      Optional<ProcessHandle> p = RunFiles.process(run);
      if (p.isEmpty()) {
        files.delete(run.pid());
        info(Runners.describe(run) + " had already ended");
        continue;
      }
      boolean ok = kill ? p.get().destroyForcibly() : p.get().destroy();
      if (!ok) {
        warn("could not send " + signal + " to " + Runners.describe(run));
        continue;
      }
      if (kill) {
        // A killed runner cannot remove its own pid file.
        p.get().onExit().join();
        files.delete(run.pid());
      }
      sent++;
      info("sent " + signal + " to " + Runners.describe(run));
    }
    info(signal + " sent to " + sent + " runner(s)");
    return sent == matches.size() ? ExitCode.OK : ExitCode.UNEXPECTED;
  }
}

package io.idflow.cli.worker;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.internal.RunFile;
import io.idflow.worker.internal.RunFiles;
import io.idflow.worker.internal.RunnerControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow worker stop}. */
@Command(
    name = "stop",
    description = {
      "Stop running runners gracefully: they poll no more, finish the tasks in flight within"
          + " their grace period, then exit. Waits until they are gone.",
      "NAME is a runner's name or a task type it runs."
    })
public class WorkerStop extends IdflowCommand {

  @Mixin ProjectMixin project;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The runner or task type.")
  String name;

  @Option(
      names = {"-a", "--all"},
      description = "Stop every runner of the project.")
  boolean all;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "How long to wait for the runners to exit (default: the grace period plus 15 s).")
  Integer timeoutSeconds;

  @Override
  protected ExitCode execute() throws Exception {
    if ((name == null) == !all) {
      throw IdflowException.usage("name one runner or task type, or pass --all (not both)");
    }
    RunFiles files = new RunFiles(config().projectRoot());
    List<RunFile> targets = new ArrayList<>();
    for (RunFile run : Runners.live(files, err(), root().quiet())) {
      if (all || run.matches(name)) {
        targets.add(run);
      }
    }
    if (targets.isEmpty()) {
      info(
          all
              ? "nothing to stop: no runner is running"
              : "nothing to stop: no running runner is named or runs '" + name + "'");
      return ExitCode.OK;
    }
    Duration timeout =
        timeoutSeconds != null
            ? Duration.ofSeconds(timeoutSeconds)
            : WorkerConfig.of(config()).gracePeriod().plusSeconds(15);
    RunnerControl control = new RunnerControl();
    List<Stopping> stopping = new ArrayList<>();
    for (RunFile run : targets) {
      Optional<ProcessHandle> p = RunFiles.process(run);
      if (p.isEmpty()) {
        files.delete(run.pid());
        continue;
      }
      try {
        control.stop(run);
      } catch (IdflowException e) {
        if (p.get().pid() == ProcessHandle.current().pid()) {
          throw e;
        }
        debug(e.getMessage() + "; sending SIGTERM instead");
        p.get().destroy();
      }
      info("stopping " + Runners.describe(run) + " ...");
      stopping.add(new Stopping(run, p.get()));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int stillRunning = 0;
    for (Stopping s : stopping) {
      // A runner removes its pid file when it has drained; the process may still be exiting.
      while (s.running(files) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      if (s.running(files)) {
        stillRunning++;
        warn(
            Runners.describe(s.run())
                + " is still running after "
                + timeout.toSeconds()
                + " s; `idflow worker killall -k "
                + s.run().name()
                + "` kills it");
      } else {
        if (s.process().pid() != ProcessHandle.current().pid()) {
          s.process().onExit().get(5, TimeUnit.SECONDS);
        }
        files.delete(s.run().pid());
        info("stopped " + Runners.describe(s.run()));
      }
    }
    return stillRunning == 0 ? ExitCode.OK : ExitCode.UNEXPECTED;
  }

  private record Stopping(RunFile run, ProcessHandle process) {
    boolean running(RunFiles files) {
      return process.isAlive() && java.nio.file.Files.exists(files.fileOf(run.pid()));
    }
  }
}

package io.idflow.cli.worker;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.CommandException;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.conductor.task.DiscoveredTask;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDiscovery;
import io.idflow.tooling.server.LocalServer;
import io.idflow.worker.WorkerMethod;
import io.idflow.worker.internal.RunFiles;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow worker start}. */
@Command(
    name = "start",
    description = {
      "Run the selected workers in this JVM until Ctrl+C or `idflow worker stop`, which drain the"
          + " tasks in flight first. Records a pid file in .idflow/run/.",
      "An unknown worker, or one that cannot be loaded, is an error and nothing starts."
    })
public class WorkerStart extends HostingCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;

  @Option(
      names = {"-a", "--all"},
      description = "Run every worker (see `idflow worker list`).")
  boolean all;

  @Option(
      names = {"-w", "--worker"},
      paramLabel = "NAME",
      description = "Run this worker (its task name); repeat for more.")
  List<String> workers = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Serve /health and /metrics on this port (0 = any free port).")
  Integer port;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads per worker, overriding the configuration.")
  Integer threads;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "The runner's name for `worker ps/stop` (default: all, or the worker names joined"
              + " by +).")
  String name;

  @Option(
      names = "--detach",
      description = "Run in the background; its log goes to .idflow/run/worker-<name>.log.")
  boolean detach;

  @Option(names = "--log-file", hidden = true, description = "Set by --detach for the child.")
  Path logFile;

  @Override
  protected ExitCode execute() {
    if (all == !workers.isEmpty()) {
      throw IdflowException.usage(
          "choose the workers: --all, or --worker NAME (repeatable), not both");
    }
    String runnerName = name != null ? name : all ? "all" : String.join("+", workers);
    if (runnerName.isBlank() || runnerName.contains("/") || runnerName.contains(File.separator)) {
      throw IdflowException.usage("--name must not be empty or contain a path separator");
    }
    try (TaskCatalog catalog =
        TaskDiscovery.builder(config()).progress(this::info).build().discover()) {
      List<DiscoveredTask> selected = select(catalog);
      List<WorkerMethod> loaded = new ArrayList<>();
      for (DiscoveredTask t : selected) {
        loaded.add(WorkerMethod.of(t, config()));
      }
      if (detach) {
        return detach(runnerName);
      }
      return host(loaded, runnerName, port, threads, logFile);
    }
  }

  private List<DiscoveredTask> select(TaskCatalog catalog) {
    if (all) {
      if (catalog.tasks().isEmpty()) {
        throw IdflowException.config(
            "no workers found: no @WorkerTask method in tasks/ or on the class path");
      }
      return catalog.tasks();
    }
    Set<String> wanted = new LinkedHashSet<>(workers);
    List<String> unknown = new ArrayList<>();
    List<DiscoveredTask> selected = new ArrayList<>();
    for (String w : wanted) {
      Optional<DiscoveredTask> t = catalog.task(w);
      if (t.isPresent()) {
        selected.add(t.get());
      } else {
        unknown.add(w);
      }
    }
    if (!unknown.isEmpty()) {
      throw IdflowException.usage(
          (unknown.size() == 1 ? "unknown worker '" : "unknown workers '")
              + String.join("', '", unknown)
              + "'; known: "
              + (catalog.names().isEmpty() ? "none" : String.join(", ", catalog.names()))
              + " (see `idflow worker list`)");
    }
    return selected;
  }

  /** Starts the same selection in a background JVM and waits until it runs (or fails). */
  private ExitCode detach(String runnerName) {
    RunFiles files = new RunFiles(config().projectRoot());
    Path log = files.dir().resolve("worker-" + runnerName + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib:") && !arg.startsWith("-javaagent:")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WorkerMain.class.getName());
    cmd.add("worker");
    cmd.add("start");
    if (all) {
      cmd.add("--all");
    }
    workers.forEach(
        w -> {
          cmd.add("--worker");
          cmd.add(w);
        });
    if (port != null) {
      cmd.add("--port=" + port);
    }
    if (threads != null) {
      cmd.add("--threads=" + threads);
    }
    cmd.add("--name=" + runnerName);
    if (connection.server() != null) {
      cmd.add("--server=" + connection.server());
    }
    if (project.config() != null) {
      cmd.add("--config=" + ctx().workingDir().resolve(project.config()));
    }
    cmd.add("--log-file=" + log);
    Process child;
    try {
      Files.createDirectories(files.dir());
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(ctx().workingDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().clear();
      pb.environment().putAll(ctx().env());
      child = pb.start();
    } catch (IOException e) {
      throw new CommandException(
          ExitCode.UNEXPECTED, "cannot start the background runner: " + e.getMessage(), e);
    }
    Path runFile = files.fileOf(child.pid());
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (!Files.exists(runFile) && child.isAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!Files.exists(runFile)) {
      child.destroy();
      try {
        for (String line : LocalServer.tail(log, 20)) {
          err().println("  " + line);
        }
      } catch (IOException e) {
        // the log is named below
      }
      int childExit = child.isAlive() ? ExitCode.UNEXPECTED.code() : child.exitValue();
      throw new CommandException(
          ExitCode.of(childExit),
          "the background runner did not start (exit code " + childExit + "); see " + log);
    }
    info(
        "runner "
            + runnerName
            + " runs in the background (pid "
            + child.pid()
            + "); log: "
            + log
            + "; stop it with `idflow worker stop "
            + runnerName
            + "`");
    return ExitCode.OK;
  }
}

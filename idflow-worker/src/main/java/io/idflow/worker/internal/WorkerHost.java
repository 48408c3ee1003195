package io.idflow.worker.internal;

import io.idflow.worker.Messages;
import io.idflow.worker.MetricsListener;
import io.idflow.worker.RunnerEvent;
import io.idflow.worker.RunnerListener;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a {@link TaskRunner} as the work of this process, the way {@code idflow worker start} and a
 * one-off task script do: starts it, records a pid file in {@code <project>/.idflow/run/}, serves
 * the control endpoint on a loopback port (and {@code /health}, {@code /metrics} on the optional
 * port), prints one start-up line per worker and the runner's events to {@code err}, and on SIGINT
 * or SIGTERM (or {@code idflow worker stop}) drains the tasks in flight within the grace period,
 * removes the pid file and returns. A second signal sent during the drain stops at once ({@link
 * TaskRunner#shutdownNow()}); one that comes right after the first is the same request ({@link
 * StopRequests}). Every line starts with the time (UTC).
 *
 * <p>The signal handlers replace the JVM's own for as long as {@link #run()} runs, then the
 * previous ones are restored. Not thread-safe: call {@link #run()} once.
 */
public final class WorkerHost {

  private final TaskRunner runner;
  private final RunFiles runFiles;
  private final String name;
  private final Integer healthPort;
  private final Path logFile;
  private final PrintWriter err;
  private final boolean quiet;
  private final Duration gracePeriod;

  /**
   * Creates a host.
   *
   * @param runner the runner, not started
   * @param projectRoot the project whose {@code .idflow/run/} gets the pid file
   * @param name the runner's name, shown by {@code worker ps} and used by {@code worker stop}
   * @param healthPort the port for {@code /health} and {@code /metrics} (0 = any free), or null
   * @param logFile the log a detached runner writes to, recorded in the pid file, or null
   * @param gracePeriod the runner's grace period (for messages)
   * @param err where talk goes
   * @param quiet print only warnings and errors
   */
  public WorkerHost(
      TaskRunner runner,
      Path projectRoot,
      String name,
      Integer healthPort,
      Path logFile,
      Duration gracePeriod,
      PrintWriter err,
      boolean quiet) {
    this.runner = runner;
    this.runFiles = new RunFiles(projectRoot);
    this.name = name;
    this.healthPort = healthPort;
    this.logFile = logFile;
    this.gracePeriod = gracePeriod;
    this.err = err;
    this.quiet = quiet;
  }

  /**
   * Runs until the runner has terminated.
   *
   * @return 0 after a drain on request, 1 when the runner had to interrupt tasks (grace period
   *     exceeded or a second signal)
   * @throws IOException when a port cannot be bound (nothing was started then)
   */
  public int run() throws IOException {
    MetricsListener metrics = new MetricsListener().register(runner.taskTypes());
    runner.addListener(metrics);
    runner.addListener(new ConsoleListener());
    long pid = ProcessHandle.current().pid();
    String token = HexFormat.of().formatHex(SecureRandom.getSeed(16));
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("name", name);
    about.put("pid", pid);
    RunnerHttpServer health = null;
    RunnerHttpServer control = null;
    Runnable restoreSignals = () -> {};
    try {
      if (healthPort != null) {
        health = RunnerHttpServer.health(runner, metrics, healthPort);
      }
      control = RunnerHttpServer.control(runner, metrics, token, about);
      restoreSignals = Signals.handle(List.of("INT", "TERM"), this::onSignal);
      runner.start();
      Instant startedAt = ProcessHandle.current().info().startInstant().orElse(Instant.now());
      runFiles.write(
          new RunFile(
              name,
              pid,
              startedAt,
              runner.taskTypes(),
              control.port(),
              token,
              health == null ? null : health.port(),
              logFile));
      announce(pid, health);
      while (!runner.awaitTermination(Duration.ofDays(1))) {
        // keep waiting: the runner ends on a signal or `idflow worker stop`
      }
      return runner.interruptedTasks() ? 1 : 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runner.shutdownNow();
      return 1;
    } finally {
      runFiles.delete(pid);
      restoreSignals.run();
      if (health != null) {
        health.close();
      }
      if (control != null) {
        control.close();
      }
      if (runner.state() != TaskRunner.State.TERMINATED) {
        runner.shutdownNow();
      }
      if (!quiet) {
        err.println(stamped("runner " + name + " stopped"));
      }
      err.flush();
    }
  }

  private void onSignal(String signal) {
    switch (stopRequests.onSignal(System.nanoTime())) {
      case DRAIN -> {
        info(
            "stopping runner "
                + name
                + " (SIG"
                + signal
                + "): no new tasks; waiting up to "
                + gracePeriod.toSeconds()
                + " s for "
                + runner.inFlight()
                + " in flight (signal again to stop at once)");
        runner.shutdown();
        stopRequests.drainBegan(System.nanoTime());
      }
      case SAME_REQUEST ->
          info(
              "SIG"
                  + signal
                  + " again right after the first: the same request, the drain goes on (signal"
                  + " again to stop at once)");
      case STOP_NOW -> {
        info("SIG" + signal + " during the drain: stopping at once");
        List<String> back = runner.shutdownNow();
        info("stopping at once; handed " + back.size() + " task(s) back to Conductor");
      }
      case NOTHING -> {
        // already stopping at once
      }
    }
  }

  private final StopRequests stopRequests = new StopRequests();

  /** A log line: the time (UTC, milliseconds) and the text. */
  static String stamped(String line) {
    return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + " " + line;
  }

  private void announce(long pid, RunnerHttpServer health) {
    runner
        .settings()
        .forEach(
            (task, s) -> {
              WorkerMethod w = runner.workers().get(task);
              StringBuilder line =
                  new StringBuilder("started worker ")
                      .append(task)
                      .append(" (")
                      .append(w.source())
                      .append("): ")
                      .append(s.threads())
                      .append(s.threads() == 1 ? " thread" : " threads")
                      .append(", polling every ")
                      .append(s.pollingInterval().toMillis())
                      .append(" ms");
              if (!s.domain().isEmpty()) {
                line.append(", domain ").append(s.domain());
              }
              if (s.paused()) {
                line.append(", paused");
              }
              info(line.toString());
            });
    StringBuilder ready =
        new StringBuilder("runner ").append(name).append(" running (pid ").append(pid).append(')');
    if (health != null) {
      ready
          .append("; health and metrics on http://localhost:")
          .append(health.port())
          .append("/health and /metrics");
    }
    ready.append("; Ctrl+C or `idflow worker stop ").append(name).append("` drains and stops");
    info(ready.toString());
  }

  private void info(String line) {
    if (!quiet) {
      err.println(stamped(line));
      err.flush();
    }
  }

  /** Prints the runner's events that matter to an operator. */
  private final class ConsoleListener implements RunnerListener {
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    @Override
    public void onEvent(RunnerEvent event) {
      for (String line : Messages.lines(event, failing)) {
        if (line.startsWith(Messages.WARNING)) {
          synchronized (err) {
            err.println(stamped(line));
            err.flush();
          }
        } else {
          info(line);
        }
      }
    }
  }
}

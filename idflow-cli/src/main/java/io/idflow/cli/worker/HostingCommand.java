package io.idflow.cli.worker;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.cli.CommandException;
import io.idflow.cli.IdflowCommand;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import io.idflow.worker.internal.WorkerHost;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A command that runs workers in this JVM until stopped: {@code worker start} and the one-off task
 * script. Resolves every worker's settings first (a bad value stops everything before it starts),
 * then hosts the runner with {@link WorkerHost}.
 */
abstract class HostingCommand extends IdflowCommand {

  /**
   * Runs the workers until the runner is stopped.
   *
   * @param workers the workers, already loaded
   * @param name the runner's name
   * @param port the {@code --port} flag, or null for the configured one
   * @param threads the {@code --threads} flag, or null
   * @param logFile the log of a detached runner, or null
   * @return {@link ExitCode#OK} after a drain, {@link ExitCode#UNEXPECTED} when tasks had to be
   *     interrupted
   */
  protected ExitCode host(
      List<WorkerMethod> workers, String name, Integer port, Integer threads, Path logFile) {
    IdflowConfig config = config();
    WorkerConfig wc = WorkerConfig.of(config).withThreads(threads);
    Duration grace = wc.gracePeriod();
    Integer healthPort = port;
    if (healthPort == null) {
      OptionalInt configured = wc.port();
      healthPort = configured.isPresent() ? configured.getAsInt() : null;
    }
    if (healthPort != null && (healthPort < 0 || healthPort > 65535)) {
      throw IdflowException.usage("--port must be between 0 and 65535, not " + healthPort);
    }
    IdflowConductorClient client = ConductorClients.create(config);
    try {
      TaskRunner.Builder builder =
          TaskRunner.builder(client)
              .logging(false)
              .gracePeriod(grace)
              .workerId(wc.workerId())
              .workers(workers, wc);
      TaskRunner runner = builder.build();
      ConductorClients.Health health =
          ConductorClients.health(config.conductorUrl(), Duration.ofSeconds(3));
      if (!health.healthy()) {
        warn(
            "Conductor at "
                + config.conductorUrl()
                + " does not answer ("
                + health.detail()
                + "); the workers keep trying");
      }
      WorkerHost host =
          new WorkerHost(
              runner,
              config.projectRoot(),
              name,
              healthPort,
              logFile,
              grace,
              err(),
              root().quiet());
      return ExitCode.of(host.run());
    } catch (BindException e) {
      throw IdflowException.config(
          "port " + healthPort + " is in use; choose another with --port or worker_runner.port");
    } catch (IOException e) {
      throw new CommandException(ExitCode.UNEXPECTED, "cannot serve the runner: " + e, e);
    } finally {
      client.shutdown();
    }
  }
}

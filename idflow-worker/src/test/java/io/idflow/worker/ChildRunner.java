package io.idflow.worker;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.worker.internal.WorkerHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * A runner process for the tests: {@code ChildRunner <project> <server-url> <name>
 * <method>=<task>...} runs {@link TestWorkers} methods under the given task names through {@link
 * WorkerHost}, as {@code idflow worker start} does.
 */
public final class ChildRunner {

  public static void main(String[] args) throws Exception {
    Path project = Path.of(args[0]);
    IdflowConfig config =
        new ConfigLoader().env(Map.of("IDFLOW_CONDUCTOR_URL", args[1])).workingDir(project).load();
    IdflowConductorClient client = ConductorClients.create(config);
    WorkerConfig workerConfig = WorkerConfig.of(config);
    TestWorkers beans = new TestWorkers();
    TaskRunner.Builder builder =
        TaskRunner.builder(client).logging(false).gracePeriod(workerConfig.gracePeriod());
    for (int i = 3; i < args.length; i++) {
      String[] spec = args[i].split("=", 2);
      WorkerMethod w = beans.worker(spec[0], spec[1]);
      builder.worker(w, workerConfig.settingsFor(w));
    }
    PrintWriter err = new PrintWriter(System.err, true);
    int code =
        new WorkerHost(
                builder.build(),
                config.projectRoot(),
                args[2],
                null,
                null,
                workerConfig.gracePeriod(),
                err,
                false)
            .run();
    client.shutdown();
    System.exit(code);
  }

  private ChildRunner() {}
}

package io.idflow.stage;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import io.idflow.worker.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A runner process for the stage fault tests: {@code StageRunnerChild <project> <gate-task>} runs
 * the stage engine's tasks ({@link StageTasks}) and a {@link Gate} under the given task name, with
 * the project's configuration, until it is killed.
 */
public final class StageRunnerChild {

  public static void main(String[] args) throws Exception {
    Path project = Path.of(args[0]);
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    IdflowConductorClient client = ConductorClients.create(config);
    TaskRunner runner =
        TaskRunner.builder(client)
            .workers(WorkerMethod.allOf(new StageTasks(config)), WorkerConfig.of(config))
            .worker(
                new WorkerMethod(
                    args[1],
                    Gate.class.getMethod("gate", String.class),
                    new Gate(),
                    1,
                    50,
                    "",
                    null),
                WorkerSettings.defaults())
            .build();
    runner.start();
    new CountDownLatch(1).await(); // until killed
  }

  /**
   * A task that notes each call in {@code <dir>/calls} ("started PID", "completed PID") and waits
   * until {@code <dir>/release} exists.
   */
  public static final class Gate {

    public Map<String, Object> gate(@InputParam("dir") String dir) throws Exception {
      Path d = Path.of(dir);
      long pid = ProcessHandle.current().pid();
      note(d, "started " + pid);
      long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (!Files.exists(d.resolve("release"))) {
        if (System.nanoTime() > end) {
          throw new IllegalStateException("no release file in " + d);
        }
        Thread.sleep(50);
      }
      note(d, "completed " + pid);
      return Map.of("by", pid);
    }

    private static synchronized void note(Path dir, String line) throws Exception {
      Files.writeString(
          dir.resolve("calls"),
          line + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    }
  }

  private StageRunnerChild() {}
}

package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.sdk.workflow.executor.task.AnnotatedWorker;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.RunStatus;
import io.idflow.conductor.run.Runs;
import io.idflow.conductor.run.StartRequest;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.worker.fixtures.travel.SdkWorkers;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One class written for the Conductor SDK ({@link SdkWorkers}) runs under the SDK's {@code
 * TaskRunnerConfigurer} and under idflow's {@link TaskRunner}, unchanged, and its workflow ends
 * with the same output under both.
 */
@ExtendWith(ConductorServerExtension.class)
class TravellingWorkersIT {

  private static final String SUFFIX = ConductorTestServer.uniqueName("t").substring(2);
  private static final String WORKFLOW = "travel_" + SUFFIX;

  private static IdflowConductorClient client;
  private static Runs runs;

  /** Each SDK worker method under a task name of this test's own. */
  private static final Map<String, Method> TASKS = new LinkedHashMap<>();

  @BeforeAll
  static void definitions(ConductorTestServer server) {
    client = server.client();
    runs = Runs.on(client).withPolling(Duration.ofMillis(50), Duration.ofMillis(500));
    Conductor conductor = new Conductor(client);
    List<WorkflowTask> tasks = new ArrayList<>();
    for (Method m : SdkWorkers.class.getMethods()) {
      WorkerTask w = m.getAnnotation(WorkerTask.class);
      if (w == null) {
        continue;
      }
      String name = w.value() + "_" + SUFFIX;
      TASKS.put(name, m);
      conductor.registerTask(name, 0, 30);
      WorkflowTask t = new WorkflowTask();
      t.setName(name);
      t.setTaskReferenceName(w.value());
      t.setInputParameters(
          Map.of(
              "name",
              "${workflow.input.name}",
              "times",
              2,
              "text",
              "${workflow.input.name}",
              "x",
              21));
      tasks.add(t);
    }
    WorkflowDef def = new WorkflowDef();
    def.setName(WORKFLOW);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    def.setTasks(tasks);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Method m : TASKS.values()) {
      String ref = m.getAnnotation(WorkerTask.class).value();
      out.put(ref, "${" + ref + ".output}");
    }
    def.setOutputParameters(out);
    new MetadataClient(client).updateWorkflowDefs(List.of(def));
  }

  @AfterAll
  static void close() {
    client.shutdown();
  }

  private Run runOnce() {
    String id = runs.start(StartRequest.of(WORKFLOW).withInput(Map.of("name", "Ada")));
    Run run = runs.await(id, Duration.ofSeconds(90));
    assertThat(run.status()).as(String.valueOf(run.reason())).isEqualTo(RunStatus.COMPLETED);
    return run;
  }

  @Test
  void theSameClassRunsUnderTheSdkRunnerAndIdflowsWithTheSameOutput() throws Exception {
    SdkWorkers bean = new SdkWorkers();

    List<Worker> sdkWorkers = new ArrayList<>();
    TASKS.forEach(
        (name, method) -> {
          AnnotatedWorker w = new AnnotatedWorker(name, method, bean);
          w.setPollingInterval(20);
          sdkWorkers.add(w);
        });
    TaskRunnerConfigurer sdk =
        new TaskRunnerConfigurer.Builder(new TaskClient(client), sdkWorkers)
            .withTaskThreadCount(
                TASKS.keySet().stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> 1)))
            .withTaskPollTimeout(0)
            .withShutdownGracePeriodSeconds(5)
            .build();
    sdk.init();
    Run underSdk;
    try {
      underSdk = runOnce();
    } finally {
      sdk.shutdown();
    }

    TaskRunner.Builder idflow = TaskRunner.builder(client).gracePeriod(Duration.ofSeconds(5));
    TASKS.forEach(
        (name, method) ->
            idflow.worker(
                new WorkerMethod(name, method, bean, 0, 0, "", null), WorkerSettings.defaults()));
    TaskRunner runner = idflow.build();
    runner.start();
    Run underIdflow;
    try {
      underIdflow = runOnce();
    } finally {
      runner.shutdown();
      runner.awaitTermination(Duration.ofSeconds(10));
    }

    assertThat(underSdk.output())
        .containsEntry("travel_greet", Map.of("greeting", "Hello, Ada! Hello, Ada!", "length", 2))
        .containsEntry("travel_shout", Map.of("shout", "ADA"))
        .containsEntry("travel_point", Map.of("x", 21, "y", 42))
        .containsEntry("travel_plain", Map.of("result", "Ada!"));
    assertThat(underIdflow.output()).isEqualTo(underSdk.output());
  }
}

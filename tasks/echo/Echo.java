///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-api:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.sdk.workflow.executor.task.AnnotatedWorkerExecutor;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.conductor.ConductorClients;
import io.idflow.api.conductor.IdflowConductorClient;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.task.TaskDefinition;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code echo} task: returns its input {@code text} as {@code echo}. The smallest real task of
 * the core library, and a template for new ones: a JBang script with its own {@code //DEPS}, one
 * {@code @WorkerTask} method and its {@code @TaskDefinition}.
 *
 * <p>{@code idflow worker start} runs it with every other task in one JVM; {@code jbang
 * tasks/echo/Echo.java} runs it alone, polling the Conductor of the project's configuration until
 * Ctrl+C.
 */
public class Echo {

  @WorkerTask("echo")
  @TaskDefinition(
      description = "Returns its input 'text' as 'echo'",
      retryCount = 1,
      timeoutSeconds = 60,
      responseTimeoutSeconds = 30,
      inputKeys = {"text"},
      outputKeys = {"echo"})
  public Map<String, Object> echo(@InputParam("text") String text) {
    return Map.of("echo", text == null ? "" : text);
  }

  public static void main(String... args) throws InterruptedException {
    IdflowConfig config = IdflowConfig.load(System.getenv(), Path.of(""));
    IdflowConductorClient client = ConductorClients.create(config);
    AnnotatedWorkerExecutor executor = new AnnotatedWorkerExecutor(new TaskClient(client));
    executor.addBean(new Echo());
    executor.startPolling();
    System.err.println("echo: polling " + config.conductorUrl() + " for 'echo' (Ctrl+C stops)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  executor.shutdown();
                  client.shutdown();
                  stopped.countDown();
                }));
    stopped.await();
  }
}

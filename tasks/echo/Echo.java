///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVAC_OPTIONS -parameters
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.cli.worker.TaskScript;
import java.util.Map;

/**
 * The {@code echo} task: returns its input {@code text} as {@code echo}. The smallest real task of
 * the core library, and a template for new ones: a JBang script with its own {@code //DEPS}, one
 * {@code @WorkerTask} method and its {@code @TaskDefinition}. Input is bound to the parameters by
 * name, hence {@code //JAVAC_OPTIONS -parameters}.
 *
 * <p>{@code idflow worker start} runs it with every other task in one JVM; {@code jbang
 * tasks/echo/Echo.java} runs it alone with the project's configuration until Ctrl+C.
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
  public Map<String, Object> echo(String text) {
    return Map.of("echo", text == null ? "" : text);
  }

  public static void main(String... args) {
    TaskScript.run(new Echo(), args);
  }
}

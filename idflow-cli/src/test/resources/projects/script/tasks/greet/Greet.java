///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVAC_OPTIONS -parameters
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.cli.worker.TaskScript;
import java.util.Map;

/** A task script for the tests: the task name is replaced by a unique one. */
public class Greet {

  @WorkerTask("GREET_TASK")
  public Map<String, Object> greet(String name) {
    return Map.of("greeting", "hello " + name);
  }

  public static void main(String... args) {
    TaskScript.run(new Greet(), args);
  }
}

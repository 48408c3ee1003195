///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVAC_OPTIONS -parameters

import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.cli.worker.TaskScript;
import java.util.Map;

public class Greet {
  @WorkerTask("greet")
  public Map<String, Object> greet(String name) {          // bound to the input 'name'
    return Map.of("greeting", "hello " + name);             // the task's output
  }

  public static void main(String... args) {                // `jbang tasks/greet/Greet.java`
    TaskScript.run(new Greet(), args);
  }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:__IDFLOW_VERSION__
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVAC_OPTIONS -parameters

import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.cli.worker.TaskScript;
import java.util.Map;

/** An example task: `idflow worker start --worker hello` runs it, so does `jbang tasks/hello/Hello.java`. */
public class Hello {
  @WorkerTask("hello")
  public Map<String, Object> hello(String name) { // bound to the task input 'name'
    return Map.of("greeting", "hello " + name); // the task's output
  }

  public static void main(String... args) {
    TaskScript.run(new Hello(), args);
  }
}

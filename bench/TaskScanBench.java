///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-api:0.1.0-SNAPSHOT
//DEPS io.idflow:idflow-sync:0.1.0-SNAPSHOT
//DEPS io.idflow:idflow-worker:0.1.0-SNAPSHOT
//DEPS io.idflow:idflow-stage:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Times the class-path scan of task discovery on the class path of the idflow command line (every
 * module and the Conductor client: about 50 jars): the first scan in a fresh JVM, then warm ones.
 * Task scripts are left out (their JBang builds are cached per content; see TaskScriptsIT).
 *
 * <pre>scripts/jbang bench/TaskScanBench.java</pre>
 */
public class TaskScanBench {

  public static void main(String... args) throws Exception {
    Path project = Files.createTempDirectory("task-scan-bench");
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    int elements = System.getProperty("java.class.path").split(java.io.File.pathSeparator).length;
    System.out.printf("class path: %d entries%n", elements);
    for (int i = 0; i < 6; i++) {
      long start = System.nanoTime();
      int tasks;
      try (TaskCatalog catalog = TaskDiscovery.builder(config).scripts(false).build().discover()) {
        tasks = catalog.tasks().size();
      }
      System.out.printf(
          "%-12s %5d ms  (%d tasks)%n",
          i == 0 ? "first scan" : "scan #" + (i + 1),
          (System.nanoTime() - start) / 1_000_000,
          tasks);
    }
  }
}

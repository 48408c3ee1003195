///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import io.idflow.cli.worker.TaskScript;
import io.idflow.content.tasks.SummarizeTask;

/**
 * The {@code summarize} task on its own: an extractive summary of a document (TextRank). {@code jbang
 * tasks/summarize/Summarize.java} runs it with the project's configuration until Ctrl+C.
 *
 * <p>The worker is {@link SummarizeTask} of idflow-content, which is on idflow's class path:
 * {@code idflow worker start} runs it from there, so this script has no worker method of its own
 * and is never built by the runner.
 */
public class Summarize {

  public static void main(String... args) {
    TaskScript.run(SummarizeTask::new, args);
  }
}

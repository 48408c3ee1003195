///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import io.idflow.cli.worker.TaskScript;
import io.idflow.content.tasks.GenerateBlogPostTask;

/**
 * The {@code generate_blog_post} task on its own: the finished blog post from its draft. {@code jbang
 * tasks/generate_blog_post/GenerateBlogPost.java} runs it with the project's configuration until Ctrl+C.
 *
 * <p>The worker is {@link GenerateBlogPostTask} of idflow-content, which is on idflow's class path:
 * {@code idflow worker start} runs it from there, so this script has no worker method of its own
 * and is never built by the runner.
 */
public class GenerateBlogPost {

  public static void main(String... args) {
    TaskScript.run(GenerateBlogPostTask::new, args);
  }
}

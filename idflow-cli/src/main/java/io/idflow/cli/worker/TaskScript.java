package io.idflow.cli.worker;

import io.idflow.api.config.IdflowConfig;
import io.idflow.cli.CliContext;
import io.idflow.cli.IdflowRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The entry point of a task script: {@code jbang tasks/<name>/<Name>.java} runs just that script's
 * workers with the project's configuration (the nearest {@code config/idflow.yml}, environment,
 * flags), as {@code idflow worker start} would, until Ctrl+C. A task script's {@code main} is one
 * line:
 *
 * <pre>{@code
 * public static void main(String... args) {
 *   TaskScript.run(new Echo(), args);
 * }
 * }</pre>
 *
 * <p>Options: {@code --server URL}, {@code --config FILE}, {@code --port N} ({@code /health} and
 * {@code /metrics}), {@code --threads N}, {@code -v}, {@code -q}, {@code --help}.
 */
public final class TaskScript {

  private TaskScript() {}

  /** Runs the object's {@code @WorkerTask} methods until stopped, then exits the JVM. */
  public static void run(Object bean, String... args) {
    System.exit(execute(bean, CliContext.system(), args));
  }

  /**
   * Runs the {@code @WorkerTask} methods of the object the factory makes from the project's
   * configuration until stopped, then exits the JVM. For task classes whose constructor takes an
   * {@link IdflowConfig}: {@code TaskScript.run(KeywordExtractTask::new, args)}.
   */
  public static void run(Function<IdflowConfig, ?> factory, String... args) {
    System.exit(execute(factory, CliContext.system(), args));
  }

  /**
   * Runs the workers of the object the factory makes until stopped and returns the process exit
   * code. Does not exit the JVM.
   */
  public static int execute(Function<IdflowConfig, ?> factory, CliContext context, String... args) {
    List<String> all = new ArrayList<>();
    all.add("task");
    all.addAll(List.of(args));
    return IdflowRoot.execute(
        IdflowRoot.withSubcommands(new TaskScriptCommand(factory)),
        context,
        all.toArray(String[]::new));
  }

  /**
   * Runs the object's {@code @WorkerTask} methods until stopped and returns the process exit code
   * of an {@link io.idflow.api.ExitCode} ({@code OK} after a drain). Does not exit the JVM.
   */
  public static int execute(Object bean, CliContext context, String... args) {
    List<String> all = new ArrayList<>();
    all.add("task");
    all.addAll(List.of(args));
    return IdflowRoot.execute(
        IdflowRoot.withSubcommands(new TaskScriptCommand(bean)),
        context,
        all.toArray(String[]::new));
  }
}

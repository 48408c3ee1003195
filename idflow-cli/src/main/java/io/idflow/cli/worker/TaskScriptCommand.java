package io.idflow.cli.worker;

import io.idflow.api.ExitCode;
import io.idflow.api.config.IdflowConfig;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.worker.WorkerMethod;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A task script run on its own ({@code jbang tasks/<name>/<Name>.java}): runs the script's
 * {@code @WorkerTask} methods with the project's configuration until Ctrl+C. Created by {@link
 * io.idflow.cli.worker.TaskScript}.
 */
@Command(
    name = "task",
    description = {
      "Run this task script's workers with the project's configuration until Ctrl+C (or"
          + " `idflow worker stop`)."
    })
public class TaskScriptCommand extends HostingCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Serve /health and /metrics on this port (0 = any free port).")
  Integer port;

  @Option(names = "--threads", paramLabel = "N", description = "Threads per worker.")
  Integer threads;

  private final Function<IdflowConfig, ?> factory;

  /** A command for the workers of this object. */
  public TaskScriptCommand(Object bean) {
    Objects.requireNonNull(bean, "bean");
    this.factory = config -> bean;
  }

  /**
   * A command for the workers of the object this factory makes from the project's configuration
   * (for task classes with a constructor that takes an {@link IdflowConfig}).
   */
  public TaskScriptCommand(Function<IdflowConfig, ?> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  @Override
  protected ExitCode execute() {
    Object bean = Objects.requireNonNull(factory.apply(config()), "the factory made no object");
    List<WorkerMethod> workers = WorkerMethod.allOf(bean);
    if (workers.isEmpty()) {
      throw io.idflow.api.IdflowException.invalid(
          bean.getClass().getName() + " has no @WorkerTask method");
    }
    String name = workers.size() == 1 ? workers.get(0).taskName() : bean.getClass().getSimpleName();
    return host(workers, name, port, threads, null);
  }
}

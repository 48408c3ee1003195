package io.idflow.cli;

import io.idflow.api.ExitCode;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.ConductorClients;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of idflow's leaf commands: access to the context (streams, environment, working directory),
 * the configuration (with the {@link ProjectMixin} and {@link ConnectionMixin} flags when the
 * command has them) and a Conductor client factory that is closed when the command ends.
 *
 * <p>Subclasses implement {@link #execute()} and return an exit code, or throw {@link
 * io.idflow.api.IdflowException}.
 */
public abstract class IdflowCommand implements Callable<Integer> {

  /** The command's picocli model. */
  @Spec protected CommandSpec spec;

  private IdflowConfig config;
  private ConductorClients conductor;

  @Override
  public final Integer call() throws Exception {
    try {
      return execute().code();
    } finally {
      if (conductor != null) {
        conductor.close();
      }
      ctx().out().flush();
      ctx().err().flush();
    }
  }

  /**
   * Does the command's work.
   *
   * @return the exit code, normally {@link ExitCode#OK}
   */
  protected abstract ExitCode execute() throws Exception;

  /** The root command. */
  protected IdflowRoot root() {
    return (IdflowRoot) spec.root().userObject();
  }

  /** The context: streams, environment, working directory. */
  public CliContext ctx() {
    return root().context();
  }

  /** Standard output: data. */
  protected PrintWriter out() {
    return ctx().out();
  }

  /** Standard error: talk. */
  protected PrintWriter err() {
    return ctx().err();
  }

  /** Prints a line of talk on stderr unless {@code --quiet}. */
  protected void info(String line) {
    if (!root().quiet()) {
      err().println(line);
      err().flush();
    }
  }

  /** Prints a line on stderr only with {@code --verbose}. */
  protected void debug(String line) {
    if (root().verbose()) {
      err().println(line);
      err().flush();
    }
  }

  /** Prints a warning on stderr (also with {@code --quiet}: warnings matter). */
  protected void warn(String line) {
    err().println("warning: " + line);
    err().flush();
  }

  /** The effective configuration, loaded once per command. */
  public IdflowConfig config() {
    if (config == null) {
      ConfigLoader loader = new ConfigLoader().env(ctx().env()).workingDir(ctx().workingDir());
      for (CommandSpec mixin : spec.mixins().values()) {
        if (mixin.userObject() instanceof ProjectMixin p && p.config() != null) {
          loader.configFile(p.config());
        }
        if (mixin.userObject() instanceof ConnectionMixin c) {
          loader.flag("conductor.server_url", c.server(), "--server");
        }
      }
      config = loader.load();
    }
    return config;
  }

  /** The Conductor clients for this command; closed when the command ends. */
  protected ConductorClients conductor() {
    if (conductor == null) {
      conductor = new ConductorClients(config());
    }
    return conductor;
  }
}

package io.idflow.cli;

import io.idflow.api.ExitCode;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.ConductorClients;
import java.io.PrintWriter;
import java.io.Writer;
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
 *
 * <p><b>Data on stdout, talk on stderr.</b> stdout ({@link #out()}) carries data, what a script
 * would capture: what a command lists or shows, the one JSON document of {@code --output json}, the
 * ids, paths and URLs of what it creates or finds ({@code doc add}, {@code doc locate}, {@code
 * server start}), and the plan of a command that changes or deletes things, printed before it asks
 * (so a {@code --dry-run} prints its plan there). stderr ({@link #err()}) carries talk, what the
 * person at the terminal needs: progress, the confirmation question, what was done once it is done
 * ({@code deleted 3 docs}, the results and summary of sync, upload, purge and prune), notes such as
 * {@code No documents found.} or {@code Dry run: nothing was deleted.}, warnings and errors. A
 * listing without rows prints nothing on stdout and says so on stderr; a report in sections keeps
 * the "none" line of an empty section. Talk goes through {@link #info} or {@link #talk()} (silent
 * with {@code --quiet}), {@link #debug} (only with {@code --verbose}) or {@link #warn} (always). So
 * {@code idflow ... > file} captures exactly the data, and {@code --quiet} leaves data, warnings
 * and errors.
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

  /** Standard output: data (see the class documentation). */
  protected PrintWriter out() {
    return ctx().out();
  }

  /** Standard error: talk, warnings and errors (see the class documentation). */
  protected PrintWriter err() {
    return ctx().err();
  }

  /**
   * Where talk of several lines goes (tables, summaries): stderr, or with {@code --quiet} a writer
   * that drops it. Flushes stdout first, so that on a terminal talk follows the data before it.
   */
  protected PrintWriter talk() {
    out().flush();
    return root().quiet() ? new PrintWriter(Writer.nullWriter()) : err();
  }

  /** Prints a line of talk on stderr unless {@code --quiet}. */
  protected void info(String line) {
    PrintWriter talk = talk();
    talk.println(line);
    talk.flush();
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
    err().println("warning: " + io.idflow.api.text.Printable.escapeKeepingLines(line));
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

package io.idflow.cli;

import io.idflow.api.ConductorUnavailableException;
import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.IdflowVersion;
import io.idflow.api.text.Printable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code idflow} command-line root: {@code --version}, {@code -v/--verbose}, {@code
 * -q/--quiet}, help, and the one exception handler that turns every failure into a one-line message
 * and an exit code of {@link ExitCode}.
 *
 * <p>{@code scripts/idflow.java} subclasses it and lists the modules' commands as subcommands;
 * tests use {@link #execute(IdflowRoot, CliContext, String...)} with the commands they need, or
 * {@link #withSubcommands(Object...)}.
 */
@Command(
    name = "idflow",
    versionProvider = IdflowRoot.Version.class,
    usageHelpAutoWidth = true,
    scope = ScopeType.INHERIT,
    description = "Document pipelines on Conductor OSS.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:unexpected error",
      "2:usage error",
      "3:configuration error",
      "4:Conductor unreachable or refused auth",
      "5:invalid local definitions or documents",
      "6:refused for safety (in use, conflict, not confirmed)",
      "7:a waited-for run ended FAILED, TERMINATED or TIMED_OUT"
    })
public class IdflowRoot implements Runnable {

  static {
    // picocli looks for Groovy's closure class once per JVM; not finding it means reading the
    // central directory of every jar on the class path (66 of them, 3.5 MB, for scripts/idflow),
    // a third of a short command's CPU time. idflow has no Groovy closures.
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
  }

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print version information and exit.")
  boolean version;

  @Option(
      names = {"-v", "--verbose"},
      description = VERBOSE)
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = QUIET)
  boolean quiet;

  private static final String VERBOSE = "Say more on stderr, and print stack traces of errors.";
  private static final String QUIET = "Say nothing on stderr but errors and warnings.";

  private CliContext context = CliContext.system();

  /** The context the command runs in. */
  public CliContext context() {
    return context;
  }

  /** Whether {@code --verbose} was given. */
  public boolean verbose() {
    return verbose;
  }

  /** Whether {@code --quiet} was given. */
  public boolean quiet() {
    return quiet;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** A root with no subcommands but those {@link #withSubcommands(Object...)} gives it. */
  public IdflowRoot() {}

  /**
   * A root that composes these commands. Building a command's model (picocli reads every option of
   * every nested command by reflection) is most of a short command line's time, so a run builds
   * only the command its first word names; the whole tree only for the root's help, an unknown
   * word, or a command that reads the tree ({@link WholeTree}, such as completion).
   *
   * @param commands command classes (annotated with {@link Command}) or instances
   */
  protected IdflowRoot(List<?> commands) {
    this.extra = List.copyOf(commands);
  }

  /** A command that reads the whole command tree (completion scripts): every command is built. */
  public interface WholeTree {}

  /** A root with these subcommands (command classes or instances), for tests and embedding. */
  public static IdflowRoot withSubcommands(Object... subcommands) {
    IdflowRoot root = new IdflowRoot();
    root.extra = List.of(subcommands);
    return root;
  }

  private List<?> extra = List.of();

  /**
   * Runs a command line against a root and returns the exit code; never calls {@link System#exit}.
   *
   * @param root the root command (with its subcommands)
   * @param context streams, environment and working directory
   * @param args the arguments after {@code idflow}
   * @return the exit code of {@link ExitCode}
   */
  public static int execute(IdflowRoot root, CliContext context, String... args) {
    root.context = context;
    List<?> needed = needed(root.extra, args);
    CommandLine cl = needed != null ? commandLine(root, needed) : summaries(root);
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new ExecutionErrors(root));
    cl.setParameterExceptionHandler(new ParameterErrors());
    try {
      return cl.execute(args);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  /*
   * The two handlers are named classes, not lambdas: the class-data archive cannot keep picocli's
   * handler interfaces (class-file version 49) once a lambda made at archive time has linked them,
   * and loading them from picocli's jar at run time opens every jar before it on the class path
   * (about 60 of them).
   */

  /** Every failure of a command becomes a one-line message and an exit code of ExitCode. */
  private static final class ExecutionErrors implements CommandLine.IExecutionExceptionHandler {
    private final IdflowRoot root;

    ExecutionErrors(IdflowRoot root) {
      this.root = root;
    }

    @Override
    public int handleExecutionException(
        Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      return handle(root, commandLine, ex);
    }
  }

  /** A usage error: one line naming the command's help, and exit code 2. */
  private static final class ParameterErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println(
          "error: "
              + Printable.escape(String.valueOf(ex.getMessage()).strip())
              + " (see '"
              + ex.getCommandLine().getCommandSpec().qualifiedName()
              + " --help')");
      err.flush();
      return ExitCode.USAGE.code();
    }
  }

  /** The root's whole command tree, every command built (what the root's help lists). */
  public static CommandLine wholeTree(IdflowRoot root) {
    return commandLine(root, root.extra);
  }

  private static CommandLine commandLine(IdflowRoot root, List<?> subcommands) {
    CommandLine cl = new CommandLine(root);
    for (Object sub : subcommands) {
      cl.addSubcommand(sub);
    }
    addVerbosityOptions(root, cl);
    return cl;
  }

  /**
   * The root with a summary of each command (name, aliases, description: what the root's help lists
   * and what a typo's suggestions need), not the commands' models.
   */
  private static CommandLine summaries(IdflowRoot root) {
    CommandLine cl = new CommandLine(root);
    for (Object sub : root.extra) {
      Command command =
          (sub instanceof Class<?> k ? k : sub.getClass()).getAnnotation(Command.class);
      if (command == null || command.name().equals(CommandSpec.DEFAULT_COMMAND_NAME)) {
        cl.addSubcommand(sub);
        continue;
      }
      CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
      spec.usageMessage()
          .header(command.header())
          .description(command.description())
          .hidden(command.hidden());
      cl.addSubcommand(new CommandLine(spec));
    }
    addVerbosityOptions(root, cl);
    return cl;
  }

  /**
   * The commands a command line needs: none for the version, the one its first word (after the
   * root's flags) names, all of them for a command that reads the tree, or null when a summary of
   * each is enough (the root's help, a word that names no command).
   */
  static List<?> needed(List<?> commands, String... args) {
    String word = null;
    for (String a : args) {
      if (!List.of("-v", "--verbose", "-q", "--quiet").contains(a)) {
        word = a;
        break;
      }
    }
    if (word == null || word.startsWith("-")) {
      return "-V".equals(word) || "--version".equals(word) ? List.of() : null;
    }
    for (Object c : commands) {
      Class<?> type = c instanceof Class<?> k ? k : c.getClass();
      Command command = type.getAnnotation(Command.class);
      if (command != null
          && (command.name().equals(word) || List.of(command.aliases()).contains(word))) {
        return WholeTree.class.isAssignableFrom(type) ? commands : List.of(c);
      }
    }
    return null;
  }

  /** Runs a command line with the real process's streams, environment and working directory. */
  public static int execute(IdflowRoot root, PrintWriter out, PrintWriter err, String... args) {
    return execute(root, CliContext.system().withStreams(out, err), args);
  }

  /**
   * Gives every subcommand {@code -v/--verbose} and {@code -q/--quiet}, which set the root's flags.
   * A short name a subcommand uses for something else (such as {@code workflow prune -v N}) stays
   * the subcommand's; the long name still works there.
   */
  private static void addVerbosityOptions(IdflowRoot root, CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      addFlag(spec, "-v", "--verbose", VERBOSE, () -> root.verbose = true);
      addFlag(spec, "-q", "--quiet", QUIET, () -> root.quiet = true);
      addVerbosityOptions(root, sub);
    }
  }

  private static void addFlag(
      CommandSpec spec, String shortName, String longName, String description, Runnable onSet) {
    if (spec.optionsMap().containsKey(longName)) {
      return;
    }
    List<String> names = new ArrayList<>();
    if (!spec.optionsMap().containsKey(shortName)) {
      names.add(shortName);
    }
    names.add(longName);
    spec.addOption(
        CommandLine.Model.OptionSpec.builder(names.toArray(String[]::new))
            .description(description)
            .arity("0")
            .type(boolean.class)
            .setter(
                new CommandLine.Model.ISetter() {
                  @Override
                  public <T> T set(T value) {
                    if (Boolean.TRUE.equals(value)) {
                      onSet.run();
                    }
                    return null;
                  }
                })
            .build());
  }

  private static int handle(IdflowRoot root, CommandLine commandLine, Exception ex) {
    PrintWriter err = commandLine.getErr();
    Throwable t = unwrap(ex);
    ExitCode code = ExitCodes.of(t);
    String message =
        t instanceof IdflowException || t instanceof CommandLine.ParameterException
            ? t.getMessage()
            : "unexpected error: " + t;
    err.println(
        "error: "
            + (t instanceof CommandLine.ParameterException
                ? Printable.escape(String.valueOf(message).strip())
                : Printable.escape(firstLine(message))));
    if (root.verbose) {
      t.printStackTrace(err);
    } else if (code == ExitCode.UNEXPECTED) {
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return code.code();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    List<Throwable> seen = new ArrayList<>();
    while (current.getCause() != null
        && !(current instanceof IdflowException)
        && !seen.contains(current)) {
      seen.add(current);
      if (current instanceof ConductorUnavailableException) {
        break;
      }
      Throwable cause = current.getCause();
      if (cause instanceof IdflowException
          || current instanceof java.lang.reflect.InvocationTargetException
          || current instanceof java.util.concurrent.ExecutionException
          || current instanceof java.util.concurrent.CompletionException) {
        current = cause;
      } else {
        break;
      }
    }
    return current;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String trimmed = message.strip();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
  }

  /** Prints idflow's version, the Java runtime and the default Conductor server version. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "idflow " + IdflowVersion.version(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        "Conductor server (local default) " + IdflowVersion.conductorServerVersion()
      };
    }
  }
}

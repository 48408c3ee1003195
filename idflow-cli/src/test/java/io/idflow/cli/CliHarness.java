package io.idflow.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs idflow commands in-process, black box: arguments in; exit code, stdout and stderr out. The
 * environment starts empty but for {@code PATH}, {@code HOME} and {@code JAVA_HOME}, so the
 * developer's own configuration never leaks into a test.
 */
public final class CliHarness {

  /** What a command did. */
  public record Result(int exitCode, String out, String err) {
    /** stdout and stderr, for assertion messages. */
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  private final Supplier<IdflowRoot> root;
  private final Map<String, String> env = new HashMap<>();
  private Path workingDir;
  private String stdin = "";
  private boolean interactive;

  /**
   * A harness for a root.
   *
   * @param root creates a fresh root (with its subcommands) for each run
   * @param workingDir the working directory the commands see
   */
  public CliHarness(Supplier<IdflowRoot> root, Path workingDir) {
    this.root = root;
    this.workingDir = workingDir;
    for (String keep : new String[] {"PATH", "HOME", "JAVA_HOME"}) {
      String v = System.getenv(keep);
      if (v != null) {
        env.put(keep, v);
      }
    }
  }

  /** A harness for a root with these subcommands (classes or instances). */
  public static CliHarness of(Path workingDir, Object... subcommands) {
    return new CliHarness(() -> IdflowRoot.withSubcommands(subcommands), workingDir);
  }

  /** Sets an environment variable for the next runs. */
  public CliHarness env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Uses this working directory for the next runs. */
  public CliHarness workingDir(Path dir) {
    this.workingDir = dir;
    return this;
  }

  /** Feeds this text to stdin on the next runs. */
  public CliHarness stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** Pretends stdin is (or is not) a terminal. */
  public CliHarness interactive(boolean interactive) {
    this.interactive = interactive;
    return this;
  }

  /** Runs {@code idflow <args>}. */
  public Result run(String... args) {
    return run(new StringWriter(), new StringWriter(), args);
  }

  /**
   * Runs {@code idflow <args>}, writing its stdout and stderr into {@code out} and {@code err} as
   * it goes, so that another thread can wait for a line of a command that is still running ({@link
   * StringWriter} is thread-safe).
   */
  public Result run(StringWriter out, StringWriter err, String... args) {
    CliContext ctx =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            interactive,
            env,
            workingDir);
    int code = IdflowRoot.execute(root.get(), ctx, args);
    return new Result(code, out.toString(), err.toString());
  }
}

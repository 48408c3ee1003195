package io.idflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the outside world: its output streams, standard input, the
 * environment and the working directory. Tests pass their own; {@link #system()} is the real
 * process's.
 *
 * @param out data (stdout)
 * @param err talk: progress, warnings, errors (stderr)
 * @param in standard input
 * @param interactive whether standard input is a terminal (prompts may wait for a person)
 * @param env the environment variables
 * @param workingDir the working directory, absolute
 */
public record CliContext(
    PrintWriter out,
    PrintWriter err,
    InputStream in,
    boolean interactive,
    Map<String, String> env,
    Path workingDir) {

  /** Validates and normalises the fields. */
  public CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
    env = Map.copyOf(env);
    workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** The running process's streams, environment and working directory. */
  public static CliContext system() {
    return new CliContext(
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.in,
        stdinIsTerminal(Path.of("/proc/self/fd/0")),
        System.getenv(),
        Path.of("").toAbsolutePath());
  }

  /**
   * Whether standard input is a terminal. {@link System#console()} answers that only when stdout is
   * a terminal too, which is wrong for {@code id=$(idflow doc add ...)}; on Linux the target of
   * {@code /proc/self/fd/0} tells stdin alone.
   *
   * @param fd0 the link to standard input's file
   */
  static boolean stdinIsTerminal(Path fd0) {
    try {
      if (Files.isSymbolicLink(fd0)) {
        String target = Files.readSymbolicLink(fd0).toString();
        return target.startsWith("/dev/pts/")
            || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall back below
    }
    return System.console() != null;
  }

  /** The same context with other output streams. */
  public CliContext withStreams(PrintWriter out, PrintWriter err) {
    return new CliContext(out, err, in, interactive, env, workingDir);
  }
}

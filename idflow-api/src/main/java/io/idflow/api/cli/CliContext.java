package io.idflow.api.cli;

import java.io.InputStream;
import java.io.PrintWriter;
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
        System.console() != null,
        System.getenv(),
        Path.of("").toAbsolutePath());
  }

  /** The same context with other output streams. */
  public CliContext withStreams(PrintWriter out, PrintWriter err) {
    return new CliContext(out, err, in, interactive, env, workingDir);
  }
}

package io.idflow.api;

import java.util.Objects;

/**
 * An error a user can act on: it carries the {@link ExitCode} the command ends with and a one-line
 * message that says what is wrong (and, where possible, what to do about it).
 *
 * <p>The command-line root prints only the message; the stack trace is printed with {@code
 * --verbose}.
 */
public class IdflowException extends RuntimeException {

  private final ExitCode exitCode;

  /**
   * Creates an exception.
   *
   * @param exitCode the exit code the command ends with; never null
   * @param message a one-line message for the user
   */
  public IdflowException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
  }

  /**
   * Creates an exception with a cause.
   *
   * @param exitCode the exit code the command ends with; never null
   * @param message a one-line message for the user
   * @param cause the underlying failure, printed with {@code --verbose}
   */
  public IdflowException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
  }

  /** The exit code the command ends with. */
  public ExitCode exitCode() {
    return exitCode;
  }

  /** A usage error (exit code 2). */
  public static IdflowException usage(String message) {
    return new IdflowException(ExitCode.USAGE, message);
  }

  /** A configuration error (exit code 3). */
  public static IdflowException config(String message) {
    return new IdflowException(ExitCode.CONFIG, message);
  }

  /** Invalid local definitions or documents (exit code 5). */
  public static IdflowException invalid(String message) {
    return new IdflowException(ExitCode.INVALID_DEFINITIONS, message);
  }

  /** Refused for safety (exit code 6). */
  public static IdflowException refused(String message) {
    return new IdflowException(ExitCode.REFUSED, message);
  }
}

package io.idflow.cli;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import java.util.Objects;

/**
 * A failure a command decides on itself, with the exit code it ends with. Library code throws the
 * typed exceptions of {@link IdflowException} instead, which {@link ExitCodes} maps.
 */
public class CommandException extends IdflowException {

  private final ExitCode exitCode;

  /**
   * Creates an exception.
   *
   * @param exitCode the exit code the command ends with; never null
   * @param message a one-line message for the user
   */
  public CommandException(ExitCode exitCode, String message) {
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
  public CommandException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
  }

  /** The exit code the command ends with. */
  public ExitCode exitCode() {
    return exitCode;
  }
}

package io.idflow.api;

/**
 * The one exit-code contract shared by every idflow command.
 *
 * <p>Commands never call {@link System#exit}; they return one of these codes, or deep code throws
 * an {@link IdflowException} that carries one and the command-line root turns it into the process
 * exit code.
 */
public enum ExitCode {
  /** The command did what was asked. */
  OK(0),
  /** Something went wrong that idflow did not anticipate (a bug, or an I/O failure). */
  UNEXPECTED(1),
  /** The command line itself is wrong: unknown option, missing argument, invalid value. */
  USAGE(2),
  /** The configuration is invalid or something the command needs is not set up. */
  CONFIG(3),
  /** Conductor is not reachable at the configured URL, or it refused the credentials. */
  CONDUCTOR_UNAVAILABLE(4),
  /** Local definitions or documents are invalid (bad JSON or YAML, failed validation). */
  INVALID_DEFINITIONS(5),
  /** The command refused to act for safety: in use, conflict, or not confirmed. */
  REFUSED(6),
  /** A run the command waited for ended FAILED, TERMINATED or TIMED_OUT. */
  RUN_FAILED(7);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The numeric process exit code. */
  public int code() {
    return code;
  }

  /**
   * The exit code with the given number, or {@link #UNEXPECTED} for numbers outside the contract.
   */
  public static ExitCode of(int code) {
    for (ExitCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return UNEXPECTED;
  }
}

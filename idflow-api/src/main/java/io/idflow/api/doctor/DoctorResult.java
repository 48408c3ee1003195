package io.idflow.api.doctor;

import io.idflow.api.ExitCode;
import java.util.Objects;

/**
 * One line of {@code idflow doctor}'s report.
 *
 * @param check a short name, e.g. {@code conductor}
 * @param status ok, warn (works, but worth knowing) or fail (something a user needs is missing)
 * @param message what was found, and for a failure what to do
 * @param exitCode the exit code a failure stands for; {@link ExitCode#OK} otherwise
 */
public record DoctorResult(String check, Status status, String message, ExitCode exitCode) {

  /** The outcome of a check. */
  public enum Status {
    /** Fine. */
    ok,
    /** Works, but worth knowing. */
    warn,
    /** Something a user needs is missing or broken. */
    fail
  }

  /** Validates the fields. */
  public DoctorResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(exitCode, "exitCode");
  }

  /** A passed check. */
  public static DoctorResult ok(String check, String message) {
    return new DoctorResult(check, Status.ok, message, ExitCode.OK);
  }

  /** A warning. */
  public static DoctorResult warn(String check, String message) {
    return new DoctorResult(check, Status.warn, message, ExitCode.OK);
  }

  /** A failure that stands for this exit code. */
  public static DoctorResult fail(String check, String message, ExitCode exitCode) {
    return new DoctorResult(check, Status.fail, message, exitCode);
  }
}

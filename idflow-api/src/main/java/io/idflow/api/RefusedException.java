package io.idflow.api;

/**
 * Refused for safety: the thing is in use, exists already, conflicts, or the change was not
 * confirmed. Nothing was changed.
 */
public class RefusedException extends IdflowException {

  /**
   * Creates the exception.
   *
   * @param message a one-line message for the user
   */
  public RefusedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message a one-line message for the user
   * @param cause the underlying failure
   */
  public RefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}

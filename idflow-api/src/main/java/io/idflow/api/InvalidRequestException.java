package io.idflow.api;

/**
 * The caller asked for something that cannot be done as asked: an argument out of range, a name
 * that names nothing.
 */
public class InvalidRequestException extends IdflowException {

  /**
   * Creates the exception.
   *
   * @param message a one-line message for the user
   */
  public InvalidRequestException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message a one-line message for the user
   * @param cause the underlying failure
   */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}

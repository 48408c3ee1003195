package io.idflow.api;

/**
 * Local definitions or documents are invalid: bad JSON or YAML, a definition that fails validation,
 * a document that cannot be stored as given.
 */
public class InvalidContentException extends IdflowException {

  /**
   * Creates the exception.
   *
   * @param message a one-line message for the user
   */
  public InvalidContentException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message a one-line message for the user
   * @param cause the underlying failure
   */
  public InvalidContentException(String message, Throwable cause) {
    super(message, cause);
  }
}

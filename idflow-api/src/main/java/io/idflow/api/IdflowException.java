package io.idflow.api;

/**
 * The base of every failure idflow's libraries report to their callers: a one-line message that
 * says what is wrong (and, where possible, what to do about it). Its subclasses say what kind of
 * failure it is; the command line maps each kind to an {@link ExitCode} in one table at its root,
 * and a plain {@code IdflowException} (an I/O failure, an interrupted wait) is {@link
 * ExitCode#UNEXPECTED}. Library code never chooses an exit code.
 *
 * <p>The typed kinds: {@link ConfigurationException}, {@link InvalidRequestException} (and {@link
 * io.idflow.api.document.DocumentNotFoundException}), {@link InvalidContentException} (and {@link
 * io.idflow.api.definition.InvalidDefinitionsException}, {@link
 * io.idflow.api.document.DocumentCorruptException}), {@link RefusedException} (and {@link
 * io.idflow.api.document.DuplicateDocumentException}), {@link ConductorUnavailableException}.
 */
public class IdflowException extends RuntimeException {

  /**
   * Creates an exception.
   *
   * @param message a one-line message for the user
   */
  public IdflowException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message a one-line message for the user
   * @param cause the underlying failure, printed with {@code --verbose}
   */
  public IdflowException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The caller asked for something that cannot be done as asked (a bad argument or name). */
  public static InvalidRequestException usage(String message) {
    return new InvalidRequestException(message);
  }

  /** The configuration is invalid, or something needed is not set up. */
  public static ConfigurationException config(String message) {
    return new ConfigurationException(message);
  }

  /** Local definitions or documents are invalid. */
  public static InvalidContentException invalid(String message) {
    return new InvalidContentException(message);
  }

  /** Refused for safety: in use, a conflict, not confirmed. */
  public static RefusedException refused(String message) {
    return new RefusedException(message);
  }
}

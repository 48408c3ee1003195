package io.idflow.api;

/**
 * The configuration is invalid (a bad value, a missing file) or something idflow needs is not set
 * up (no Java 21+ runtime, no Maven). The message names the key or file.
 */
public class ConfigurationException extends IdflowException {

  /**
   * Creates the exception.
   *
   * @param message a one-line message for the user
   */
  public ConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message a one-line message for the user
   * @param cause the underlying failure
   */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}

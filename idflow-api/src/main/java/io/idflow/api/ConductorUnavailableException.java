package io.idflow.api;

/**
 * Conductor could not be reached at the configured URL, or it refused idflow's credentials. Exit
 * code 4. The message names the URL and points to {@code idflow server start}.
 */
public class ConductorUnavailableException extends IdflowException {

  private final String url;

  /**
   * Creates the exception.
   *
   * @param url the server URL that was tried
   * @param message a one-line message for the user
   * @param cause the underlying failure
   */
  public ConductorUnavailableException(String url, String message, Throwable cause) {
    super(message, cause);
    this.url = url;
  }

  /** The server URL that was tried. */
  public String url() {
    return url;
  }

  /** The standard message for a server that does not answer at {@code url}. */
  public static ConductorUnavailableException unreachable(String url, Throwable cause) {
    String reason =
        cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
    return new ConductorUnavailableException(
        url,
        "Conductor is not reachable at "
            + url
            + reason
            + "; start a local one with `idflow server start` or set conductor.server_url",
        cause);
  }
}

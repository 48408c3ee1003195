package io.idflow.content.http;

import io.idflow.api.IdflowException;

/**
 * A configured HTTP endpoint (a search API, an LLM server) refused a request, failed, did not
 * answer in time, or answered something that cannot be read. The message is one line that names the
 * endpoint and says what happened; {@link #retryable()} says whether trying again later may help.
 */
public class EndpointException extends IdflowException {

  private final boolean retryable;

  /** An exception with a one-line message. */
  public EndpointException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether a later attempt may succeed (a timeout or a 5xx) rather than fail the same way. */
  public boolean retryable() {
    return retryable;
  }
}

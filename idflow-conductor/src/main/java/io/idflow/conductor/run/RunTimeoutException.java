package io.idflow.conductor.run;

import io.idflow.api.IdflowException;
import java.time.Duration;

/**
 * An await gave up before the run ended. The run goes on; {@link #lastSeen()} is its state when the
 * wait gave up.
 */
public class RunTimeoutException extends IdflowException {

  private final transient Run lastSeen;

  /**
   * Creates the exception.
   *
   * @param lastSeen the run as last read
   * @param timeout how long the wait lasted
   */
  public RunTimeoutException(Run lastSeen, Duration timeout) {
    super(
        "gave up waiting after "
            + timeout.toSeconds()
            + "s: run "
            + lastSeen.id()
            + " is still "
            + lastSeen.status()
            + "; it goes on");
    this.lastSeen = lastSeen;
  }

  /** The run as last read before the wait gave up. */
  public Run lastSeen() {
    return lastSeen;
  }
}

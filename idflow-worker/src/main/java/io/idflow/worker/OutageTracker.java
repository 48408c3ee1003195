package io.idflow.worker;

import com.netflix.conductor.client.exception.ConductorClientException;
import io.idflow.api.ConductorUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tracks whether the server can be reached and publishes {@link RunnerEvent.ConnectionChanged} once
 * when an outage begins and once when it ends, however many requests fail or succeed in between.
 * Thread-safe.
 */
final class OutageTracker {

  private final String serverUrl;
  private final Consumer<RunnerEvent> events;
  private final Supplier<Instant> clock;
  private final AtomicReference<Instant> since = new AtomicReference<>();

  OutageTracker(String serverUrl, Consumer<RunnerEvent> events, Supplier<Instant> clock) {
    this.serverUrl = serverUrl;
    this.events = events;
    this.clock = clock;
  }

  /** The time to pass to {@link #succeeded} for a request sent now. */
  Instant now() {
    return clock.get();
  }

  /**
   * A request sent at {@code sent} succeeded: ends an outage, if there was one and the request was
   * sent after it began. A long poll or update already under way when the server went away (a
   * server shutting down still answers those) says nothing about now: the runner logged {@code is
   * back after 0.0 s} for such answers.
   */
  void succeeded(Instant sent) {
    Instant s = since.get();
    if (s != null && !sent.isBefore(s) && since.compareAndSet(s, null)) {
      events.accept(
          new RunnerEvent.ConnectionChanged(
              serverUrl, false, null, Duration.between(s, clock.get())));
    }
  }

  /**
   * A request failed. Starts an outage when the failure means the server could not be reached.
   *
   * @return whether the failure means the server could not be reached
   */
  boolean failed(Throwable error) {
    if (!unreachable(error)) {
      return false;
    }
    if (since.compareAndSet(null, clock.get())) {
      events.accept(new RunnerEvent.ConnectionChanged(serverUrl, true, error, Duration.ZERO));
    }
    return true;
  }

  /** Whether the server is known to be unreachable right now. */
  boolean inOutage() {
    return since.get() != null;
  }

  /** Whether a client failure means the server could not be reached (or refused credentials). */
  static boolean unreachable(Throwable e) {
    if (e instanceof ConductorUnavailableException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A failure that repeating the same request cannot fix (the server rejected the request). */
  static boolean permanent(Throwable e) {
    if (e instanceof ConductorClientException c) {
      int s = c.getStatus();
      return s >= 400 && s < 500 && s != 408 && s != 429;
    }
    return false;
  }
}

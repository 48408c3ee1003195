package io.idflow.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state a runner's parts share: the life-cycle state, the monitor that wakes sleeping pollers
 * (on shutdown, pause and resume), whether tasks were interrupted, and the listeners events go to.
 * Thread-safe.
 */
final class Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final Object signal = new Object();
  private final List<RunnerListener> listeners;
  private volatile TaskRunner.State state = TaskRunner.State.NEW;
  private volatile boolean forced;

  Lifecycle(List<RunnerListener> listeners) {
    this.listeners = new CopyOnWriteArrayList<>(listeners);
  }

  TaskRunner.State state() {
    return state;
  }

  /** Whether the runner polls: started and not shutting down. */
  boolean running() {
    return state == TaskRunner.State.RUNNING;
  }

  /**
   * Moves from one state to another, waking every sleeper.
   *
   * @return false (and changes nothing) when the state was not {@code from}
   */
  boolean transition(TaskRunner.State from, TaskRunner.State to) {
    synchronized (signal) {
      if (state != from) {
        return false;
      }
      state = to;
      signal.notifyAll();
      return true;
    }
  }

  /** Sets the state whatever it was, waking every sleeper. */
  void set(TaskRunner.State to) {
    synchronized (signal) {
      state = to;
      signal.notifyAll();
    }
  }

  boolean forced() {
    return forced;
  }

  void force() {
    synchronized (signal) {
      forced = true;
      signal.notifyAll();
    }
  }

  /** Runs an update of shared flags under the monitor and wakes every sleeper. */
  void changeAndWake(Runnable change) {
    synchronized (signal) {
      change.run();
      signal.notifyAll();
    }
  }

  /** Sleeps up to {@code d}; returns early when woken or when the runner stops running. */
  void sleep(Duration d) {
    long ms = d.toMillis();
    if (ms <= 0) {
      return;
    }
    synchronized (signal) {
      if (!running()) {
        return;
      }
      try {
        signal.wait(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits while {@code condition} holds and the runner runs, waking at least once a second. */
  void awaitWhile(java.util.function.BooleanSupplier condition) {
    synchronized (signal) {
      while (condition.getAsBoolean() && running()) {
        try {
          signal.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  void addListener(RunnerListener l) {
    listeners.add(l);
  }

  /** Sends an event to every listener; a listener that throws is logged and skipped. */
  void publish(RunnerEvent event) {
    for (RunnerListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed on {}: {}", l.getClass().getName(), event, e.toString());
      }
    }
  }
}

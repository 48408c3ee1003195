package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.Task;
import java.util.concurrent.atomic.AtomicBoolean;

/** A task received and not yet reported. Thread-safe. */
final class InFlight {
  final Task task;
  private final AtomicBoolean abandoned = new AtomicBoolean();
  // Guards lease extensions against the result: an extension (status IN_PROGRESS) that reached
  // the server after the result would put a finished task back in progress.
  final Object leaseLock = new Object();
  private boolean finished;

  InFlight(Task task) {
    this.task = task;
  }

  /** Ends lease extensions: waits for one under way, and no new one starts. */
  void finish() {
    synchronized (leaseLock) {
      finished = true;
    }
  }

  /** Whether the method returned (under {@link #leaseLock}). */
  boolean finished() {
    return finished;
  }

  /** Marks the task as handed back; true the first time. */
  boolean abandon() {
    return abandoned.compareAndSet(false, true);
  }

  boolean abandoned() {
    return abandoned.get();
  }
}

package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results of finished tasks that Conductor could not take yet, kept in memory until it can.
 *
 * <p>A result lands here when its first report fails for a reason a retry can fix (the server
 * cannot be reached, or answers 5xx, 408 or 429). It keeps its task's execution slot until it is
 * delivered or given up, so there are never more kept results than slots, and a worker whose slots
 * all hold results does not poll. One thread sends the kept results again: with back-off while the
 * server stays away, at once when the outage ends. While a kept result could not reach the server,
 * {@link #holdsPolling()} tells the pollers to wait, so that after an outage the results go out
 * before new work comes in.
 *
 * <p>A result is given up, with a {@link RunnerEvent.ResultNotReported}, when the server refuses it
 * (4xx other than 408 and 429: the task was delivered again, completed, or its workflow ended),
 * when it failed for another reason than an unreachable server for longer than the patience, and at
 * shutdown ({@link #drain}, {@link #giveUpAll}). Kept results do not survive the process.
 * Thread-safe.
 */
final class Outbox implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  /** How long a result that fails for another reason than an unreachable server is retried. */
  static final Duration PATIENCE = Duration.ofMinutes(5);

  /** A result waiting for delivery. */
  private static final class Kept {
    final String taskType;
    final TaskResult result;
    final Runnable release;
    final long since;
    final AtomicBoolean settled = new AtomicBoolean();
    boolean unreachable;
    Throwable error;

    Kept(String taskType, TaskResult result, Runnable release, long since, Throwable error) {
      this.taskType = taskType;
      this.result = result;
      this.release = release;
      this.since = since;
      this.error = error;
      this.unreachable = OutageTracker.unreachable(error);
    }
  }

  private final TaskService tasks;
  private final OutageTracker outage;
  private final Lifecycle life;
  private final Backoff backoff;
  private final Duration patience;
  private final LongSupplier nanoClock;
  private final Object lock = new Object();
  private final Map<String, Kept> kept = new LinkedHashMap<>();
  private final Thread thread;
  private boolean woken;
  private boolean stopped;
  private int failures;

  Outbox(
      TaskService tasks,
      OutageTracker outage,
      Lifecycle life,
      Backoff backoff,
      Duration patience,
      LongSupplier nanoClock) {
    this.tasks = tasks;
    this.outage = outage;
    this.life = life;
    this.backoff = backoff;
    this.patience = patience;
    this.nanoClock = nanoClock;
    this.thread = new Thread(this, "idflow-outbox");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Keeps a result whose report failed with {@code error}; from now on the outbox gives the task's
   * slot back ({@code release}) once the result is delivered or given up.
   */
  void keep(String taskType, TaskResult result, Runnable release, Throwable error) {
    Kept k = new Kept(taskType, result, release, nanoClock.getAsLong(), error);
    // Published first: the result may be delivered, and that published, as soon as it is in.
    life.publish(new RunnerEvent.ResultKept(taskType, result.getTaskId(), error));
    boolean late;
    synchronized (lock) {
      late = stopped;
      if (!late) {
        kept.put(result.getTaskId(), k);
        lock.notifyAll();
      }
    }
    if (late) {
      giveUp(k, error);
    }
  }

  /** The number of results waiting for delivery. */
  int size() {
    synchronized (lock) {
      return kept.size();
    }
  }

  /**
   * Whether the pollers should wait: a kept result could not reach the server the last time it was
   * sent. Stays true after the outage ends until that result is sent again.
   */
  boolean holdsPolling() {
    synchronized (lock) {
      for (Kept k : kept.values()) {
        if (k.unreachable) {
          return true;
        }
      }
      return false;
    }
  }

  /** Sends the kept results now instead of after the back-off (the server is back). */
  void wake() {
    synchronized (lock) {
      woken = true;
      failures = 0;
      lock.notifyAll();
    }
  }

  @Override
  public void run() {
    while (true) {
      synchronized (lock) {
        while (kept.isEmpty() && !stopped) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (stopped) {
          return;
        }
      }
      if (!sendAll()) {
        synchronized (lock) {
          long ms = backoff.delay(failures++).toMillis();
          long end = System.nanoTime() + ms * 1_000_000;
          while (!woken && !stopped) {
            long left = end - System.nanoTime();
            if (left <= 0) {
              break;
            }
            try {
              lock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
              return;
            }
          }
          woken = false;
        }
      } else {
        synchronized (lock) {
          failures = 0;
        }
      }
    }
  }

  /**
   * Sends every kept result once, oldest first; stops at the first one that cannot reach the server
   * (the others would not either).
   *
   * @return true when nothing is left to send
   */
  boolean sendAll() {
    List<Kept> batch;
    synchronized (lock) {
      batch = new ArrayList<>(kept.values());
    }
    boolean reached = true;
    for (Kept k : batch) {
      if (!reached) {
        break;
      }
      reached = send(k);
    }
    life.changeAndWake(() -> {});
    synchronized (lock) {
      return kept.isEmpty();
    }
  }

  /** Sends one kept result; false when the server could not be reached. */
  private boolean send(Kept k) {
    Instant sent = outage.now();
    try {
      tasks.update(k.result);
    } catch (RuntimeException e) {
      boolean unreachable = outage.failed(e);
      synchronized (lock) {
        k.error = e;
        k.unreachable = unreachable;
      }
      if (OutageTracker.permanent(e)
          || (!unreachable && nanoClock.getAsLong() - k.since > patience.toNanos())) {
        remove(k);
        giveUp(k, e);
      }
      return !unreachable;
    }
    outage.succeeded(sent);
    if (k.settled.compareAndSet(false, true)) {
      // Published before the result leaves the map: until then the pollers wait for it.
      life.publish(
          new RunnerEvent.ResultDelivered(
              k.taskType, k.result.getTaskId(), Duration.ofNanos(nanoClock.getAsLong() - k.since)));
      remove(k);
      k.release.run();
    } else {
      remove(k); // given up at shutdown while it was on its way
    }
    return true;
  }

  private void remove(Kept k) {
    synchronized (lock) {
      kept.remove(k.result.getTaskId(), k);
    }
  }

  private void giveUp(Kept k, Throwable error) {
    if (!k.settled.compareAndSet(false, true)) {
      return;
    }
    k.release.run();
    life.publish(new RunnerEvent.ResultNotReported(k.taskType, k.result.getTaskId(), error));
  }

  /**
   * At shutdown: keeps sending until every result is delivered or {@code deadlineNanos} (of {@link
   * System#nanoTime()}) passes, then gives up the rest and stops.
   */
  void drain(long deadlineNanos) throws InterruptedException {
    synchronized (lock) {
      woken = true;
      lock.notifyAll();
      while (!kept.isEmpty() && !stopped) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        lock.wait(Math.max(1, Math.min(left / 1_000_000, 100)));
      }
    }
    giveUpAll("the runner stopped");
  }

  /** Gives up every kept result (logging each one and a summary) and stops the outbox. */
  void giveUpAll(String why) {
    List<Kept> rest;
    synchronized (lock) {
      stopped = true;
      rest = new ArrayList<>(kept.values());
      kept.clear();
      lock.notifyAll();
    }
    if (rest.isEmpty()) {
      return;
    }
    LOG.warn(
        "{}: giving up {} result(s) Conductor has not taken: {}",
        why,
        rest.size(),
        rest.stream().map(k -> k.taskType + " " + k.result.getTaskId()).toList());
    for (Kept k : rest) {
      giveUp(k, k.error);
    }
  }
}

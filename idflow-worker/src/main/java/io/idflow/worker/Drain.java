package io.idflow.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shutdown sequence, run on a thread of its own once the runner stops running: waits for the
 * poll loops to end (a poll in progress completes and its tasks are submitted), then lets the task
 * pools finish within the grace period; when it passes, stops by force. Then delivers the results
 * kept through an outage within what is left of the grace period and gives up the rest. Ends the
 * runner whatever happens.
 */
final class Drain implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  static final Duration ZOMBIE_WAIT = Duration.ofSeconds(5);

  /** Something to wait for: a poll loop. */
  @FunctionalInterface
  interface Join {
    void join() throws InterruptedException;
  }

  private final List<Join> pollers;
  private final List<? extends ExecutorService> pools;
  private final Deliver results;
  private final Duration grace;
  private final Duration zombieWait;
  private final Lifecycle life;
  private final Runnable force;
  private final Runnable end;
  private final CountDownLatch pollingStopped = new CountDownLatch(1);

  /** Delivers the results still waiting, until a deadline of {@link System#nanoTime()}. */
  @FunctionalInterface
  interface Deliver {
    void drain(long deadlineNanos) throws InterruptedException;
  }

  /**
   * @param results delivers kept results within what is left of the grace period, then gives up the
   *     rest
   * @param force stops by force (interrupts the tasks and hands them back); may be called from here
   *     when the grace period passes
   * @param end called last, in any case
   */
  Drain(
      List<Join> pollers,
      List<? extends ExecutorService> pools,
      Deliver results,
      Duration grace,
      Duration zombieWait,
      Lifecycle life,
      Runnable force,
      Runnable end) {
    this.pollers = pollers;
    this.pools = pools;
    this.results = results;
    this.grace = grace;
    this.zombieWait = zombieWait;
    this.life = life;
    this.force = force;
    this.end = end;
  }

  /** Waits until every poll loop has ended; after that no task is received any more. */
  boolean awaitPollingStopped(Duration timeout) throws InterruptedException {
    return pollingStopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void run() {
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      for (Join p : pollers) {
        p.join();
      }
      pollingStopped.countDown();
      for (ExecutorService pool : pools) {
        pool.shutdown();
      }
      for (ExecutorService pool : pools) {
        long left = deadline - System.nanoTime();
        if (!life.forced() && !pool.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          LOG.warn(
              "in-flight tasks did not finish within the grace period of {} s; interrupting them",
              grace.toSeconds());
          force.run();
        }
      }
      results.drain(deadline);
      for (ExecutorService pool : pools) {
        if (!pool.awaitTermination(zombieWait.toNanos(), TimeUnit.NANOSECONDS)) {
          LOG.warn("a task ignores interruption; leaving it behind");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      force.run();
    } finally {
      pollingStopped.countDown();
      end.run();
    }
  }
}

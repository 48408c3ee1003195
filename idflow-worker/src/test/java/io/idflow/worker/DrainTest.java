package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DrainTest {

  private final Lifecycle life = new Lifecycle(List.of());
  private final ExecutorService pool = Executors.newFixedThreadPool(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch taskStarted = new CountDownLatch(1);
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final AtomicInteger forced = new AtomicInteger();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicInteger delivered = new AtomicInteger();

  private void blockingTask() throws InterruptedException {
    pool.execute(
        () -> {
          taskStarted.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
        });
    assertThat(taskStarted.await(30, TimeUnit.SECONDS)).isTrue();
  }

  private Drain drain(Duration grace, CountDownLatch pollerEnds) {
    return new Drain(
        List.of(pollerEnds::await),
        List.of(pool),
        deadline -> delivered.incrementAndGet(),
        grace,
        Duration.ofSeconds(30),
        life,
        () -> {
          forced.incrementAndGet();
          life.force();
          pool.shutdownNow();
        },
        ended::countDown);
  }

  @Test
  void waitsForThePollersThenLetsTheTaskInFlightFinish() throws Exception {
    blockingTask();
    CountDownLatch pollerEnds = new CountDownLatch(1);
    Drain d = drain(Duration.ofMinutes(5), pollerEnds);
    Thread t = new Thread(d);
    t.start();

    assertThat(d.awaitPollingStopped(Duration.ZERO)).isFalse();
    pollerEnds.countDown();
    assertThat(d.awaitPollingStopped(Duration.ofSeconds(30))).isTrue();
    assertThat(ended.getCount()).isEqualTo(1); // the task still runs
    release.countDown();
    assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(forced).hasValue(0);
    assertThat(interrupted).isFalse();
    assertThat(pool.isTerminated()).isTrue();
    assertThat(delivered).as("kept results delivered after the tasks finished").hasValue(1);
  }

  @Test
  void interruptsTheTaskWhenTheGracePeriodPasses() throws Exception {
    blockingTask();
    CountDownLatch pollerEnds = new CountDownLatch(0);
    Thread t = new Thread(drain(Duration.ZERO, pollerEnds));
    t.start();

    assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(forced).hasValue(1);
    assertThat(interrupted).isTrue();
  }
}

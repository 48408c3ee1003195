package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleSwitchTest {

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void aNewWorkerPollsQuicklyAndLongPollsAfterIdleAfterWithoutTasks() {
    IdleSwitch s = new IdleSwitch(Duration.ofSeconds(2), Duration.ofSeconds(1), clock::get);
    assertThat(s.longPoll()).isFalse();
    assertThat(s.timeoutMs(s.longPoll())).isZero();
    advance(Duration.ofMillis(1999));
    assertThat(s.longPoll()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(s.longPoll()).isTrue();
    assertThat(s.timeoutMs(s.longPoll())).isEqualTo(1000);
  }

  @Test
  void aReceivedTaskMakesTheWorkerBusyAgain() {
    IdleSwitch s = new IdleSwitch(Duration.ofSeconds(2), Duration.ofSeconds(1), clock::get);
    advance(Duration.ofSeconds(5));
    assertThat(s.longPoll()).isTrue();
    s.received();
    assertThat(s.longPoll()).isFalse();
    advance(Duration.ofSeconds(2));
    assertThat(s.longPoll()).isTrue();
  }

  @Test
  void aZeroIdlePollTimeoutNeverLongPolls() {
    IdleSwitch s = new IdleSwitch(Duration.ofSeconds(2), Duration.ZERO, clock::get);
    advance(Duration.ofHours(1));
    assertThat(s.longPoll()).isFalse();
  }
}

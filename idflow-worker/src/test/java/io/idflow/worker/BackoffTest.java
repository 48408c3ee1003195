package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromTheFirstDelayUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    // random 0.5 is the middle of the jitter range: no jitter.
    assertThat(b.delay(0, 0.5)).isEqualTo(Duration.ofMillis(100));
    assertThat(b.delay(1, 0.5)).isEqualTo(Duration.ofMillis(200));
    assertThat(b.delay(5, 0.5)).isEqualTo(Duration.ofMillis(3200));
    assertThat(b.delay(6, 0.5)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.delay(1000, 0.5)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterStaysWithinTwentyPercent() {
    Backoff b = Backoff.DEFAULT;
    assertThat(b.delay(0, 0.0)).isEqualTo(Duration.ofMillis(80));
    assertThat(b.delay(0, 0.999)).isBetween(Duration.ofMillis(119), Duration.ofMillis(120));
    for (int i = 0; i < 100; i++) {
      assertThat(b.delay(3)).isBetween(Duration.ofMillis(640), Duration.ofMillis(960));
    }
  }

  @Test
  void rejectsACapBelowTheFirstDelay() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

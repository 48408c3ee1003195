package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.exception.ConductorClientException;
import io.idflow.api.ConductorUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OutageTrackerTest {

  private final List<RunnerEvent> events = new ArrayList<>();
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
  private final OutageTracker tracker = new OutageTracker("http://c:1", events::add, now::get);

  @Test
  void anOutageIsPublishedOnceWhenItBeginsAndOnceWhenItEnds() {
    RuntimeException refused = new RuntimeException(new ConnectException("refused"));
    assertThat(tracker.failed(refused)).isTrue();
    assertThat(tracker.failed(refused)).isTrue();
    assertThat(tracker.failed(ConductorUnavailableException.unreachable("http://c:1", null)))
        .isTrue();
    assertThat(tracker.inOutage()).isTrue();
    Instant sentBefore = now.get().minusSeconds(1);
    now.set(now.get().plusSeconds(12));
    // an answer to a request sent before the outage began says nothing about now
    tracker.succeeded(sentBefore);
    assertThat(tracker.inOutage()).isTrue();
    tracker.succeeded(now.get());
    tracker.succeeded(now.get());

    assertThat(events).hasSize(2);
    RunnerEvent.ConnectionChanged lost = (RunnerEvent.ConnectionChanged) events.get(0);
    RunnerEvent.ConnectionChanged back = (RunnerEvent.ConnectionChanged) events.get(1);
    assertThat(lost.lost()).isTrue();
    assertThat(lost.error()).isSameAs(refused);
    assertThat(back.lost()).isFalse();
    assertThat(back.downtime()).isEqualTo(Duration.ofSeconds(12));
    assertThat(tracker.inOutage()).isFalse();
  }

  @Test
  void aServerThatAnswersWithAnErrorIsNoOutage() {
    assertThat(tracker.failed(new ConductorClientException(500, "boom"))).isFalse();
    tracker.succeeded(now.get());
    assertThat(events).isEmpty();
    assertThat(tracker.inOutage()).isFalse();
  }

  @Test
  void anIoErrorAnywhereInTheCauseChainIsUnreachable() {
    assertThat(OutageTracker.unreachable(new RuntimeException(new IOException("reset")))).isTrue();
    assertThat(OutageTracker.unreachable(new IllegalStateException("no"))).isFalse();
  }

  @Test
  void clientErrorsArePermanentExceptTimeoutsAndThrottling() {
    assertThat(OutageTracker.permanent(new ConductorClientException(400, "bad"))).isTrue();
    assertThat(OutageTracker.permanent(new ConductorClientException(404, "gone"))).isTrue();
    assertThat(OutageTracker.permanent(new ConductorClientException(408, "slow"))).isFalse();
    assertThat(OutageTracker.permanent(new ConductorClientException(429, "busy"))).isFalse();
    assertThat(OutageTracker.permanent(new ConductorClientException(503, "down"))).isFalse();
    assertThat(OutageTracker.permanent(new RuntimeException("x"))).isFalse();
  }
}

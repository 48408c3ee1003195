package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import io.idflow.api.ConductorUnavailableException;
import io.idflow.testing.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final QueueService service = new QueueService();
  private final List<RunnerEvent> events = new CopyOnWriteArrayList<>();
  private final Lifecycle life = new Lifecycle(List.of(events::add));
  private final OutageTracker outage = new OutageTracker("http://c:1", life::publish, Instant::now);
  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger released = new AtomicInteger();
  private final Outbox outbox =
      new Outbox(
          service,
          outage,
          life,
          new Backoff(Duration.ofMillis(1), Duration.ofMillis(20)),
          Duration.ofMinutes(5),
          clock::get);

  @AfterEach
  void stop() {
    outbox.giveUpAll("test over");
  }

  private static TaskResult result(String id) {
    TaskResult r = new TaskResult(QueueService.task("t", id));
    r.setStatus(TaskResult.Status.COMPLETED);
    r.getOutputData().put("id", id);
    return r;
  }

  private void keepWhileDown(String... ids) {
    RuntimeException down = ConductorUnavailableException.unreachable("http://c:1", null);
    outage.failed(down);
    for (String id : ids) {
      outbox.keep("t", result(id), released::incrementAndGet, down);
    }
  }

  private long count(Class<? extends RunnerEvent> type) {
    return events.stream().filter(type::isInstance).count();
  }

  @Test
  void keptResultsHoldThePollersUntilTheServerTakesThemThenGiveTheirSlotsBack() {
    keepWhileDown("a", "b");
    assertThat(outbox.size()).isEqualTo(2);
    assertThat(outbox.holdsPolling()).isTrue();
    assertThat(count(RunnerEvent.ResultKept.class)).isEqualTo(2);

    service.updateFailure = () -> ConductorUnavailableException.unreachable("http://c:1", null);
    assertThat(outbox.sendAll()).isFalse();
    assertThat(service.updates).isEmpty();
    assertThat(outbox.holdsPolling()).isTrue();
    assertThat(released).hasValue(0);

    service.updateFailure = null;
    assertThat(outbox.sendAll()).isTrue();
    assertThat(service.updates)
        .extracting(TaskResult::getTaskId)
        .as("oldest first")
        .containsExactly("a", "b");
    assertThat(outbox.size()).isZero();
    assertThat(outbox.holdsPolling()).isFalse();
    assertThat(released).hasValue(2);
    assertThat(count(RunnerEvent.ResultDelivered.class)).isEqualTo(2);
    assertThat(outage.inOutage()).as("the first delivery ended the outage").isFalse();
  }

  @Test
  void aResultTheServerRefusesIsDroppedOnceAndNeverSentAgain() {
    keepWhileDown("gone", "fine");
    AtomicInteger refusals = new AtomicInteger();
    service.updateFailure =
        () -> {
          refusals.incrementAndGet();
          return new ConductorClientException(404, "no such task");
        };
    service.updateFailuresLeft.set(1);

    assertThat(outbox.sendAll()).isTrue();
    assertThat(outbox.sendAll()).isTrue();
    assertThat(refusals).hasValue(1);
    assertThat(service.updates).extracting(TaskResult::getTaskId).containsExactly("fine");
    assertThat(count(RunnerEvent.ResultNotReported.class)).isEqualTo(1);
    assertThat(released).hasValue(2);
  }

  @Test
  void aServerErrorDoesNotHoldThePollersAndIsGivenUpAfterThePatience() {
    RuntimeException boom = new ConductorClientException(500, "boom");
    outbox.keep("t", result("e"), released::incrementAndGet, boom);
    assertThat(outbox.holdsPolling()).isFalse();
    service.updateFailure = () -> boom;

    clock.set(Duration.ofMinutes(4).toNanos());
    assertThat(outbox.sendAll()).isFalse();
    assertThat(released).hasValue(0);

    clock.set(Duration.ofMinutes(6).toNanos());
    assertThat(outbox.sendAll()).isTrue();
    assertThat(released).hasValue(1);
    assertThat(count(RunnerEvent.ResultNotReported.class)).isEqualTo(1);
  }

  @Test
  void anUnreachableServerIsRetriedBeyondThePatience() {
    keepWhileDown("long");
    service.updateFailure = () -> ConductorUnavailableException.unreachable("http://c:1", null);
    clock.set(Duration.ofHours(2).toNanos());
    assertThat(outbox.sendAll()).isFalse();
    assertThat(outbox.size()).isEqualTo(1);
    assertThat(count(RunnerEvent.ResultNotReported.class)).isZero();
  }

  @Test
  void itsThreadRetriesWithBackOffAndDeliversOnceTheServerIsBack() {
    service.updateFailure = () -> ConductorUnavailableException.unreachable("http://c:1", null);
    service.updateFailuresLeft.set(3);
    outbox.start();
    keepWhileDown("r");
    Waits.until("the kept result delivered", WAIT, () -> service.updates.size() == 1);
    Waits.until("its slot given back", WAIT, () -> released.get() == 1);
    assertThat(outbox.size()).isZero();
    assertThat(count(RunnerEvent.ResultDelivered.class)).isEqualTo(1);
  }

  @Test
  void drainDeliversWhatItCanWithinTheDeadlineAndGivesUpTheRest() throws Exception {
    service.updateFailure = () -> ConductorUnavailableException.unreachable("http://c:1", null);
    outbox.start();
    keepWhileDown("x", "y");

    outbox.drain(System.nanoTime() + Duration.ofMillis(200).toNanos());
    assertThat(outbox.size()).isZero();
    assertThat(released).hasValue(2);
    assertThat(count(RunnerEvent.ResultNotReported.class)).isEqualTo(2);

    // A result that comes after the outbox stopped is given up at once.
    outbox.keep("t", result("late"), released::incrementAndGet, new RuntimeException("x"));
    assertThat(released).hasValue(3);
    assertThat(count(RunnerEvent.ResultNotReported.class)).isEqualTo(3);
  }

  @Test
  void drainReturnsAsSoonAsEverythingIsDelivered() throws Exception {
    outbox.start();
    keepWhileDown("d");
    outbox.drain(System.nanoTime() + WAIT.toNanos());
    assertThat(service.updates).extracting(TaskResult::getTaskId).containsExactly("d");
    assertThat(count(RunnerEvent.ResultNotReported.class)).isZero();
    assertThat(released).hasValue(1);
  }
}

package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.common.metadata.tasks.Task;
import io.idflow.api.ConductorUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final QueueService service = new QueueService();
  private final List<RunnerEvent> events = new CopyOnWriteArrayList<>();
  private final Lifecycle life = new Lifecycle(List.of(events::add));
  private final OutageTracker outage = new OutageTracker("http://c:1", life::publish, Instant::now);
  private final List<Task> executed = new CopyOnWriteArrayList<>();
  private volatile boolean hold;
  private Poller poller;

  private Poller poller(WorkerSettings settings, Slots slots) {
    poller =
        new Poller(
            "t",
            settings,
            slots,
            service,
            "me",
            life,
            outage,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
            executed::add,
            () -> hold);
    return poller;
  }

  @AfterEach
  void stop() throws InterruptedException {
    life.set(TaskRunner.State.SHUTTING_DOWN);
    if (poller != null) {
      poller.join();
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < end).as(what).isTrue();
      Thread.onSpinWait();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void pollsForAsManyTasksAsItHasFreeSlotsAndHandsThemOn() {
    for (int i = 0; i < 5; i++) {
      service.queue.add(QueueService.task("t", "x" + i));
    }
    Slots slots = new Slots(8);
    Poller p = poller(WorkerSettings.defaults(), slots);
    life.set(TaskRunner.State.RUNNING);
    p.start();
    await("five tasks handed on", () -> executed.size() == 5);
    assertThat(service.polls.get(0)).isEqualTo(new QueueService.Poll(8, 0, 5));
    // The slots of the five tasks stay taken until they are reported.
    await("unused slots given back", () -> slots.free() == 3);
  }

  @Test
  void anIdleWorkerLongPollsForOneTask() {
    WorkerSettings idleAtOnce =
        new WorkerSettings(
            4, Duration.ofMillis(5), 4, "", false, Duration.ZERO, Duration.ofMillis(300));
    Poller p = poller(idleAtOnce, new Slots(4));
    life.set(TaskRunner.State.RUNNING);
    p.start();
    await("a poll", () -> !service.polls.isEmpty());
    assertThat(service.polls.get(0)).isEqualTo(new QueueService.Poll(1, 300, 0));
  }

  @Test
  void aFailedPollIsReportedAndTheOutageEndsWithTheNextGoodPoll() {
    service.pollFailure = () -> ConductorUnavailableException.unreachable("http://c:1", null);
    Poller p = poller(WorkerSettings.defaults(), new Slots(2));
    life.set(TaskRunner.State.RUNNING);
    p.start();
    await("three failed polls", () -> service.polls.size() >= 3);
    service.pollFailure = null;
    service.queue.add(QueueService.task("t", "after"));
    await("the task after the outage", () -> executed.size() == 1);

    assertThat(events)
        .filteredOn(e -> e instanceof RunnerEvent.ConnectionChanged)
        .extracting(e -> ((RunnerEvent.ConnectionChanged) e).lost())
        .containsExactly(true, false);
    assertThat(events)
        .filteredOn(e -> e instanceof RunnerEvent.PollFailed)
        .allMatch(e -> ((RunnerEvent.PollFailed) e).connectionLost());
  }

  @Test
  void aPausedWorkerDoesNotPollUntilResumed() {
    WorkerSettings paused = WorkerSettings.defaults().withPaused(true);
    Poller p = poller(paused, new Slots(8));
    life.set(TaskRunner.State.RUNNING);
    service.queue.add(QueueService.task("t", "later"));
    p.start();
    assertThat(p.paused()).isTrue();
    await("the loop waits in its pause", p::parked);
    assertThat(service.polls).isEmpty();
    assertThat(p.setPaused(false)).isTrue();
    assertThat(p.setPaused(false)).isFalse();
    await("the task after resume", () -> executed.size() == 1);
    assertThat(p.parked()).isFalse();
  }

  @Test
  void theLoopEndsWhenTheRunnerStopsRunning() throws InterruptedException {
    Poller p = poller(WorkerSettings.defaults(), new Slots(2));
    life.set(TaskRunner.State.RUNNING);
    p.start();
    await("a poll", () -> !service.polls.isEmpty());
    life.set(TaskRunner.State.SHUTTING_DOWN);
    p.join();
    int polls = service.polls.size();
    service.queue.add(QueueService.task("t", "too-late"));
    assertThat(service.polls).hasSize(polls);
    assertThat(executed).isEmpty();
  }

  @Test
  void doesNotPollWhileHeldAndPollsAtOnceWhenReleased() {
    service.queue.add(QueueService.task("t", "held"));
    hold = true;
    Poller p = poller(WorkerSettings.defaults(), new Slots(2));
    life.set(TaskRunner.State.RUNNING);
    p.start();
    await("the poller waits in the hold", this::waitingInHold);
    assertThat(service.polls).isEmpty();
    life.changeAndWake(() -> hold = false);
    await("the task polled after the hold", () -> executed.size() == 1);
  }

  /** The poll loop is waiting on the runner's monitor (it has not polled). */
  private boolean waitingInHold() {
    Thread.State st = pollerThreadState();
    return st == Thread.State.TIMED_WAITING || st == Thread.State.WAITING;
  }

  private Thread.State pollerThreadState() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("idflow-poll-t")) {
        return t.getState();
      }
    }
    return Thread.State.NEW;
  }
}

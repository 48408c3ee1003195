package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import io.idflow.api.ConductorUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionTest {

  private final QueueService service = new QueueService();
  private final List<RunnerEvent> events = new CopyOnWriteArrayList<>();
  private final Lifecycle life = new Lifecycle(List.of(events::add));
  private final OutageTracker outage = new OutageTracker("http://c:1", life::publish, Instant::now);
  private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final Slots slots = new Slots(2);
  private final Outbox outbox =
      new Outbox(
          service,
          outage,
          life,
          new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
          Duration.ofMinutes(5),
          System::nanoTime);

  private Execution execution() {
    WorkerMethod upper =
        new WorkerMethod("t", TestWorkers.method("upper"), new TestWorkers(), 0, 0, "", null);
    return new Execution(upper, slots, service, "me", life, outage, leases, inFlight, outbox);
  }

  @AfterEach
  void stop() {
    leases.shutdownNow();
  }

  @Test
  void runsTheTaskReportsItsResultAndGivesItsSlotBack() throws Exception {
    Execution e = execution();
    assertThat(slots.acquire(1, Duration.ZERO, Duration.ZERO)).isEqualTo(1);
    e.submit(QueueService.task("t", "a"));
    e.executor.shutdown();
    assertThat(e.executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(service.updates).hasSize(1);
    TaskResult r = service.updates.get(0);
    assertThat(r.getStatus()).isEqualTo(TaskResult.Status.COMPLETED);
    assertThat(r.getOutputData()).containsEntry("result", "HI A");
    assertThat(r.getWorkerId()).isEqualTo("me");
    assertThat(slots.free()).isEqualTo(2);
    assertThat(inFlight).isEmpty();
    assertThat(events).hasAtLeastOneElementOfType(RunnerEvent.TaskCompleted.class);
  }

  @Test
  void aFinishedTaskTakesTheNextWaitingTaskWithItsReportAndHandsItItsSlot() throws Exception {
    Execution e = execution();
    AtomicInteger handedOver = new AtomicInteger();
    e.acceptNextWhile(() -> true, handedOver::incrementAndGet);
    service.queue.add(QueueService.task("t", "b"));
    service.queue.add(QueueService.task("t", "c"));
    assertThat(slots.acquire(1, Duration.ZERO, Duration.ZERO)).isEqualTo(1);
    e.submit(QueueService.task("t", "a"));
    waitFor(() -> service.updates.size() == 3);
    e.executor.shutdown();
    assertThat(e.executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    // a, then b and c, which came back with the reports of a and b: no poll was made
    assertThat(service.updates).extracting(TaskResult::getTaskId).containsExactly("a", "b", "c");
    assertThat(service.updatesWithPoll).hasSize(3);
    assertThat(service.polls).isEmpty();
    assertThat(handedOver).hasValue(2);
    assertThat(slots.free()).isEqualTo(2);
    assertThat(inFlight).isEmpty();
  }

  @Test
  void whileTheWorkerTakesNoWorkAResultIsReportedAlone() throws Exception {
    Execution e = execution();
    e.acceptNextWhile(() -> false, () -> {});
    service.queue.add(QueueService.task("t", "b"));
    assertThat(slots.acquire(1, Duration.ZERO, Duration.ZERO)).isEqualTo(1);
    e.submit(QueueService.task("t", "a"));
    e.executor.shutdown();
    assertThat(e.executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(service.updates).extracting(TaskResult::getTaskId).containsExactly("a");
    assertThat(service.updatesWithPoll).isEmpty();
    assertThat(service.queue).hasSize(1);
    assertThat(slots.free()).isEqualTo(2);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition within 30 s").isNegative();
      Thread.sleep(5);
    }
  }

  @Test
  void aResultTheServerCannotTakeIsKeptWithItsSlotAndDeliveredWhenItIsBack() throws Exception {
    service.updateFailure = () -> ConductorUnavailableException.unreachable("http://c:1", null);
    Execution e = execution();
    assertThat(slots.acquire(1, Duration.ZERO, Duration.ZERO)).isEqualTo(1);
    e.submit(QueueService.task("t", "b"));
    e.executor.shutdown();
    assertThat(e.executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(service.updates).isEmpty();
    assertThat(outbox.size()).isEqualTo(1);
    assertThat(slots.free()).as("the kept result holds its slot").isEqualTo(1);
    assertThat(inFlight).isEmpty();
    assertThat(events).hasAtLeastOneElementOfType(RunnerEvent.ResultKept.class);
    assertThat(events).noneMatch(ev -> ev instanceof RunnerEvent.ResultNotReported);

    service.updateFailure = null;
    assertThat(outbox.sendAll()).isTrue();
    assertThat(service.updates).hasSize(1);
    assertThat(service.updates.get(0).getOutputData()).containsEntry("result", "HI B");
    assertThat(slots.free()).isEqualTo(2);
    assertThat(events).hasAtLeastOneElementOfType(RunnerEvent.ResultDelivered.class);
    assertThat(events)
        .filteredOn(ev -> ev instanceof RunnerEvent.ConnectionChanged)
        .extracting(ev -> ((RunnerEvent.ConnectionChanged) ev).lost())
        .containsExactly(true, false);
  }

  @Test
  void aResultTheServerRejectsIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    service.updateFailure =
        () -> {
          calls.incrementAndGet();
          return new ConductorClientException(400, "no such task");
        };
    Execution e = execution();
    InFlight f = new InFlight(QueueService.task("t", "c"));

    assertThat(e.report(f, new TaskResult(f.task))).isEqualTo(Execution.Report.DROPPED);
    assertThat(calls).hasValue(1);
    assertThat(outbox.size()).isZero();
    assertThat(events).hasAtLeastOneElementOfType(RunnerEvent.ResultNotReported.class);
  }

  @Test
  void anAbandonedTaskIsHandedBackInProgressWithoutDelay() {
    Execution e = execution();
    InFlight f = new InFlight(QueueService.task("t", "e"));
    assertThat(f.abandon()).isTrue();
    assertThat(f.abandon()).isFalse();

    assertThat(e.handBack(f)).isTrue();
    TaskResult back = service.updates.get(0);
    assertThat(back.getStatus()).isEqualTo(TaskResult.Status.IN_PROGRESS);
    assertThat(back.getCallbackAfterSeconds()).isZero();
    // An abandoned task's result is never reported.
    assertThat(e.report(f, new TaskResult(f.task))).isEqualTo(Execution.Report.DROPPED);
    assertThat(service.updates).hasSize(1);
  }
}

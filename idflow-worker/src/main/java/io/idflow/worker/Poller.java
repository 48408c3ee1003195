package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The poll loop of one worker, on a thread of its own: takes free slots, polls for as many tasks
 * (or long-polls for one while idle), hands the tasks to the execution, and backs off after a
 * failed poll. Stops when the runner stops running; waits while paused, and while {@code hold} says
 * so (results kept through an outage are being delivered).
 */
final class Poller implements Runnable {

  static final Duration SLOT_WAIT = Duration.ofMillis(200);

  private final String taskType;
  private final WorkerSettings settings;
  private final Slots slots;
  private final TaskService tasks;
  private final String workerId;
  private final Lifecycle life;
  private final OutageTracker outage;
  private final Backoff backoff;
  private final Consumer<Task> execute;
  private final BooleanSupplier hold;
  private final IdleSwitch idle;
  private final Thread thread;
  private volatile boolean paused;
  private volatile boolean parked;
  private int failures;

  Poller(
      String taskType,
      WorkerSettings settings,
      Slots slots,
      TaskService tasks,
      String workerId,
      Lifecycle life,
      OutageTracker outage,
      Backoff backoff,
      Consumer<Task> execute,
      BooleanSupplier hold) {
    this.taskType = taskType;
    this.settings = settings;
    this.slots = slots;
    this.tasks = tasks;
    this.workerId = workerId;
    this.life = life;
    this.outage = outage;
    this.backoff = backoff;
    this.execute = execute;
    this.hold = hold;
    this.idle = new IdleSwitch(settings.idleAfter(), settings.idlePollTimeout(), System::nanoTime);
    this.paused = settings.paused();
    this.thread = new Thread(this, "idflow-poll-" + taskType);
  }

  void start() {
    thread.start();
  }

  /** Waits until the poll loop has ended (it ends once the runner stops running). */
  void join() throws InterruptedException {
    thread.join();
  }

  boolean paused() {
    return paused;
  }

  /** A task arrived another way (with a report): the worker counts as busy. */
  void received() {
    idle.received();
  }

  /**
   * Whether the loop is waiting in its pause: a poll that was under way when the pause came has
   * completed and its tasks were handed on, and no other poll starts until resumed.
   */
  boolean parked() {
    return parked;
  }

  /**
   * Pauses or resumes polling.
   *
   * @return whether that changed anything
   */
  boolean setPaused(boolean p) {
    boolean[] changed = new boolean[1];
    life.changeAndWake(
        () -> {
          changed[0] = paused != p;
          paused = p;
        });
    return changed[0];
  }

  @Override
  public void run() {
    while (life.running()) {
      if (paused) {
        parked = true;
        life.awaitWhile(() -> paused);
        parked = false;
        continue;
      }
      if (hold.getAsBoolean()) {
        // Results kept through an outage go out before new work comes in.
        life.awaitWhile(hold);
        continue;
      }
      int granted;
      try {
        granted = slots.acquire(settings.batchSize(), SLOT_WAIT, settings.pollingInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (granted == 0) {
        continue;
      }
      pollOnce(granted);
    }
  }

  /** One poll with {@code granted} slots held; every slot not used by a task is given back. */
  void pollOnce(int granted) {
    boolean longPoll = idle.longPoll();
    int count = granted;
    if (longPoll && granted > 1) {
      // A long poll for n tasks waits until n arrive; ask for one, then poll in batches.
      slots.release(granted - 1);
      count = 1;
    }
    long t0 = System.nanoTime();
    Instant sent = outage.now();
    List<Task> received;
    try {
      received =
          tasks.poll(taskType, settings.domainOrNull(), workerId, count, idle.timeoutMs(longPoll));
    } catch (RuntimeException e) {
      slots.release(count);
      boolean lost = outage.failed(e);
      life.publish(new RunnerEvent.PollFailed(taskType, e, lost));
      life.sleep(backoff.delay(failures++));
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    failures = 0;
    outage.succeeded(sent);
    slots.release(count - received.size());
    life.publish(new RunnerEvent.PollSucceeded(taskType, received.size(), took));
    if (received.isEmpty()) {
      if (!longPoll) {
        life.sleep(settings.pollingInterval());
      } else if (took.toMillis() < settings.idlePollTimeout().toMillis() / 2) {
        // The server did not hold the long poll: do not spin.
        life.sleep(Duration.ofMillis(Math.max(100, settings.pollingInterval().toMillis())));
      }
      return;
    }
    idle.received();
    for (Task task : received) {
      execute.accept(task);
    }
  }
}

package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the tasks of one worker on its thread pool: runs the method, keeps the task's lease
 * while it runs, reports the result and gives the task's slot back. A result the server cannot take
 * now goes to the {@link Outbox}, which keeps the slot until it is delivered. While the worker
 * takes work, a final result is reported with Conductor's update-and-poll: the next waiting task of
 * the type comes back in the same request and takes over the slot, so a busy worker makes one
 * request per task instead of two. Also hands tasks back to Conductor when the runner is stopped by
 * force. Thread-safe.
 */
final class Execution {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final String taskType;
  private final TaskInvoker invoker;
  private final TaskService tasks;
  private final String workerId;
  private final Slots slots;
  private final Lifecycle life;
  private final OutageTracker outage;
  private final ScheduledExecutorService leases;
  private final Map<String, InFlight> inFlight;
  private final Outbox outbox;
  private volatile BooleanSupplier accepting = () -> false;
  private volatile Runnable onNext = () -> {};
  final ThreadPoolExecutor executor;

  Execution(
      WorkerMethod method,
      Slots slots,
      TaskService tasks,
      String workerId,
      Lifecycle life,
      OutageTracker outage,
      ScheduledExecutorService leases,
      Map<String, InFlight> inFlight,
      Outbox outbox) {
    this.taskType = method.taskName();
    this.invoker = new TaskInvoker(method);
    this.tasks = tasks;
    this.workerId = workerId;
    this.slots = slots;
    this.life = life;
    this.outage = outage;
    this.leases = leases;
    this.inFlight = inFlight;
    this.outbox = outbox;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            slots.size(),
            slots.size(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> new Thread(r, "idflow-" + taskType + "-" + n.incrementAndGet()));
    executor.allowCoreThreadTimeOut(true);
  }

  /** Runs a polled task on the pool; the caller holds a slot for it, which the task releases. */
  void submit(Task task) {
    InFlight f = new InFlight(task);
    inFlight.put(task.getTaskId(), f);
    try {
      executor.execute(() -> execute(f));
    } catch (RejectedExecutionException e) {
      // shutdownNow() came between the poll and here: give the task straight back.
      f.abandon();
      handBack(f);
      inFlight.remove(task.getTaskId());
      slots.release(1);
    }
  }

  /**
   * Whether a finished task may take the next one with its report: the runner sets this to "the
   * runner runs, the worker is not paused and no kept result holds polling"; {@code received} is
   * told of each task taken over.
   */
  void acceptNextWhile(BooleanSupplier condition, Runnable received) {
    this.accepting = condition;
    this.onNext = received;
  }

  private void execute(InFlight f) {
    Task task = f.task;
    ScheduledFuture<?> lease = null;
    boolean kept = false;
    Task next = null;
    try {
      life.publish(
          new RunnerEvent.TaskStarted(taskType, task.getTaskId(), task.getWorkflowInstanceId()));
      long rt = task.getResponseTimeoutSeconds();
      if (rt > 0) {
        long period = Math.max(500, rt * 1000 / 3);
        lease =
            leases.scheduleAtFixedRate(() -> extendLease(f), period, period, TimeUnit.MILLISECONDS);
      }
      long t0 = System.nanoTime();
      TaskResult result = invoker.invoke(task);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      f.finish();
      if (lease != null) {
        lease.cancel(false);
      }
      if (f.abandoned()) {
        return;
      }
      result.setWorkerId(workerId);
      TaskResult.Status s = result.getStatus();
      if (s == TaskResult.Status.FAILED || s == TaskResult.Status.FAILED_WITH_TERMINAL_ERROR) {
        life.publish(
            new RunnerEvent.TaskFailed(
                taskType, task.getTaskId(), s, result.getReasonForIncompletion(), took));
      } else {
        life.publish(new RunnerEvent.TaskCompleted(taskType, task.getTaskId(), s, took));
      }
      Delivery d = deliver(f, result, isFinal(s));
      kept = d.report() == Report.KEPT;
      next = d.next();
    } finally {
      if (lease != null) {
        lease.cancel(false);
      }
      inFlight.remove(task.getTaskId());
      if (!kept && next == null) {
        slots.release(1); // a kept result holds its slot until the outbox is done with it
      }
    }
    if (next != null) {
      // The report brought the next task: it runs in the finished task's slot.
      onNext.run();
      submit(next);
    }
  }

  private static boolean isFinal(TaskResult.Status s) {
    return s == TaskResult.Status.COMPLETED
        || s == TaskResult.Status.FAILED
        || s == TaskResult.Status.FAILED_WITH_TERMINAL_ERROR;
  }

  private void extendLease(InFlight f) {
    synchronized (f.leaseLock) {
      if (f.finished() || f.abandoned()) {
        return;
      }
      TaskResult r = new TaskResult(f.task);
      r.setExtendLease(true);
      r.setWorkerId(workerId);
      try {
        tasks.update(r);
      } catch (RuntimeException e) {
        LOG.debug("extending the lease of task {} failed: {}", f.task.getTaskId(), e.toString());
      }
    }
  }

  /** What became of a result. */
  enum Report {
    /** The server took it. */
    DELIVERED,
    /** The server could not take it now; the outbox keeps it (and the task's slot). */
    KEPT,
    /** Refused by the server, or the task was handed back or the runner stopped by force. */
    DROPPED
  }

  /**
   * Reports a result once. When that fails for a reason a retry can fix, the result goes to the
   * outbox, which sends it again; the caller then leaves the task's slot to the outbox.
   */
  Report report(InFlight f, TaskResult result) {
    return deliver(f, result, false).report();
  }

  /** What became of a result, and the task that update-and-poll handed over with it (or null). */
  record Delivery(Report report, Task next) {}

  /**
   * Reports a result as {@link #report} does; with {@code takeNext}, while the worker takes work,
   * through update-and-poll, so that the next waiting task of the type comes back with it.
   */
  Delivery deliver(InFlight f, TaskResult result, boolean takeNext) {
    if (f.abandoned()) {
      return new Delivery(Report.DROPPED, null);
    }
    Instant sent = outage.now();
    try {
      Task next = null;
      if (takeNext && accepting.getAsBoolean()) {
        next = tasks.updateAndPoll(result).orElse(null);
      } else {
        tasks.update(result);
      }
      outage.succeeded(sent);
      return new Delivery(Report.DELIVERED, next);
    } catch (RuntimeException e) {
      outage.failed(e);
      if (OutageTracker.permanent(e) || life.forced()) {
        life.publish(new RunnerEvent.ResultNotReported(taskType, f.task.getTaskId(), e));
        return new Delivery(Report.DROPPED, null);
      }
      outbox.keep(taskType, result, () -> slots.release(1), e);
      return new Delivery(Report.KEPT, null);
    }
  }

  /**
   * Gives an abandoned task back to Conductor so that it is delivered again at once.
   *
   * @return whether Conductor took it
   */
  boolean handBack(InFlight f) {
    if (outage.inOutage()) {
      return false;
    }
    TaskResult back = new TaskResult(f.task);
    back.setStatus(TaskResult.Status.IN_PROGRESS);
    back.setCallbackAfterSeconds(0);
    back.setWorkerId(workerId);
    back.log("handed back: the runner on " + workerId + " was shut down while the task ran");
    try {
      tasks.update(back);
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "could not hand task {} back to Conductor ({}); it is delivered again after its"
              + " response timeout",
          f.task.getTaskId(),
          e.getMessage());
      return false;
    }
  }
}

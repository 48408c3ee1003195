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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the tasks of one worker on its thread pool: runs the method, keeps the task's lease
 * while it runs, reports the result and gives the task's slot back. A result the server cannot take
 * now goes to the {@link Outbox}, which keeps the slot until it is delivered. Also hands tasks back
 * to Conductor when the runner is stopped by force. Thread-safe.
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

  private void execute(InFlight f) {
    Task task = f.task;
    ScheduledFuture<?> lease = null;
    boolean kept = false;
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
      kept = report(f, result) == Report.KEPT;
    } finally {
      if (lease != null) {
        lease.cancel(false);
      }
      inFlight.remove(task.getTaskId());
      if (!kept) {
        slots.release(1); // a kept result holds its slot until the outbox is done with it
      }
    }
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
    if (f.abandoned()) {
      return Report.DROPPED;
    }
    Instant sent = outage.now();
    try {
      tasks.update(result);
      outage.succeeded(sent);
      return Report.DELIVERED;
    } catch (RuntimeException e) {
      outage.failed(e);
      if (OutageTracker.permanent(e) || life.forced()) {
        life.publish(new RunnerEvent.ResultNotReported(taskType, f.task.getTaskId(), e));
        return Report.DROPPED;
      }
      outbox.keep(taskType, result, () -> slots.release(1), e);
      return Report.KEPT;
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

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
 * while it runs, reports the result (retrying with back-off while the server cannot be reached) and
 * gives the task's slot back. Also hands tasks back to Conductor when the runner is stopped by
 * force. Thread-safe.
 */
final class Execution {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  static final Duration REPORT_PATIENCE = Duration.ofMinutes(5);

  private final String taskType;
  private final TaskInvoker invoker;
  private final TaskService tasks;
  private final String workerId;
  private final Slots slots;
  private final Lifecycle life;
  private final OutageTracker outage;
  private final Backoff backoff;
  private final ScheduledExecutorService leases;
  private final Map<String, InFlight> inFlight;
  private final Duration reportPatience;
  final ThreadPoolExecutor executor;

  Execution(
      WorkerMethod method,
      Slots slots,
      TaskService tasks,
      String workerId,
      Lifecycle life,
      OutageTracker outage,
      Backoff backoff,
      ScheduledExecutorService leases,
      Map<String, InFlight> inFlight,
      Duration reportPatience) {
    this.taskType = method.taskName();
    this.invoker = new TaskInvoker(method);
    this.tasks = tasks;
    this.workerId = workerId;
    this.slots = slots;
    this.life = life;
    this.outage = outage;
    this.backoff = backoff;
    this.leases = leases;
    this.inFlight = inFlight;
    this.reportPatience = reportPatience;
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
      report(f, result);
    } finally {
      if (lease != null) {
        lease.cancel(false);
      }
      inFlight.remove(task.getTaskId());
      slots.release(1);
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

  /**
   * Reports a result; retries with back-off while that fails for a reason a retry can fix, for up
   * to the report patience, unless the runner is stopped by force.
   *
   * @return whether the server took the result
   */
  boolean report(InFlight f, TaskResult result) {
    long giveUpAt = System.nanoTime() + reportPatience.toNanos();
    int attempt = 0;
    while (true) {
      if (f.abandoned()) {
        return false;
      }
      Instant sent = outage.now();
      try {
        tasks.update(result);
        outage.succeeded(sent);
        return true;
      } catch (RuntimeException e) {
        outage.failed(e);
        if (OutageTracker.permanent(e) || System.nanoTime() > giveUpAt || life.forced()) {
          life.publish(new RunnerEvent.ResultNotReported(taskType, f.task.getTaskId(), e));
          return false;
        }
        try {
          Thread.sleep(backoff.delay(attempt++).toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          life.publish(new RunnerEvent.ResultNotReported(taskType, f.task.getTaskId(), e));
          return false;
        }
      }
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

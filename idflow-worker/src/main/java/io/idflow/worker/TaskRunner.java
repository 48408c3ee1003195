package io.idflow.worker;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import io.idflow.api.ConductorUnavailableException;
import io.idflow.conductor.IdflowConductorClient;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task workers: polls Conductor for each worker's task type, executes the tasks on a thread
 * pool per task type and reports their results. One runner serves any number of workers in one JVM.
 *
 * <h2>Life cycle</h2>
 *
 * {@link #start()} starts polling; {@link #shutdown()} stops polling and lets in-flight tasks
 * finish within the grace period; {@link #awaitTermination(Duration)} waits for that; {@link
 * #shutdownNow()} interrupts what is still running and hands those tasks back to Conductor. {@link
 * #pause()}/{@link #resume()} (all workers, or one task type) stop and restart polling without
 * touching running tasks. {@link #health()} says whether every worker polls successfully. A runner
 * is started once; it cannot be restarted after shutdown.
 *
 * <h2>Executing a task</h2>
 *
 * Task input is bound to the method's parameters: a {@code Task} parameter receives the task, a
 * {@code @WorkflowInstanceIdInputParam String} the workflow id, an {@code @InputParam("key")} that
 * input value, a lone unannotated {@code Map} the whole input, and any other parameter the input
 * value with the parameter's name (classes are compiled with {@code -parameters}), converted to the
 * parameter's type with Jackson. A missing value is null (a missing primitive fails the task). The
 * output is mapped as the SDK's {@code AnnotatedWorker} maps it: a returned {@code TaskResult} is
 * reported as it is, a return type annotated {@code @OutputParam("k")} gives {@code {"k": value}},
 * a {@code Map} becomes the output, a string, number, boolean, array or collection becomes {@code
 * {"result": value}}, any other object its fields (through Jackson), and {@code void}/null an empty
 * output. An exception fails the task (FAILED, retried per the task definition) with its message as
 * the reason and its stack trace in the task log; the SDK's {@code NonRetryableException}, and
 * input that does not fit the parameters, fail it with FAILED_WITH_TERMINAL_ERROR (no retries). The
 * SDK's {@code TaskContext.get()} works inside the method ({@code addLog}, {@code
 * setCallbackAfter}).
 *
 * <p>While a task runs, the runner extends its lease every third of the task's response timeout, so
 * a task that runs longer than its response timeout is not handed to another worker; if the runner
 * dies, the lease runs out and Conductor delivers the task again.
 *
 * <h2>Connection loss</h2>
 *
 * A poll that fails is retried with exponential back-off (100 ms doubling to 5 s, with jitter); a
 * result that cannot be reported is retried the same way for up to five minutes. Losing the
 * connection is published once per outage ({@link RunnerEvent.ConnectionChanged}), and so is its
 * return; the runner recovers on its own.
 *
 * <p>All methods are thread-safe.
 */
public final class TaskRunner {

  /** The runner's life-cycle states. */
  public enum State {
    /** Built, not started. */
    NEW,
    /** Polling and executing. */
    RUNNING,
    /** Not polling any more; in-flight tasks are finishing. */
    SHUTTING_DOWN,
    /** Every task finished or was handed back; all threads are done. */
    TERMINATED
  }

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  private static final Duration BACKOFF_FIRST = Duration.ofMillis(100);
  private static final Duration BACKOFF_MAX = Duration.ofSeconds(5);
  private static final Duration REPORT_PATIENCE = Duration.ofMinutes(5);
  private static final Duration PERMIT_WAIT = Duration.ofMillis(200);
  private static final Duration ZOMBIE_WAIT = Duration.ofSeconds(5);

  private final TaskClient client;
  private final String serverUrl;
  private final String workerId;
  private final Duration gracePeriod;
  private final Map<String, Worker> workers;
  private final List<RunnerListener> listeners;
  private final HealthListener health;
  private final ScheduledExecutorService leases;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicReference<Instant> outageSince = new AtomicReference<>();
  private volatile State state = State.NEW;
  private volatile boolean forced;

  private TaskRunner(Builder b) {
    this.client = b.client;
    this.serverUrl = b.serverUrl;
    this.workerId = b.workerId != null ? b.workerId : defaultWorkerId();
    this.gracePeriod = b.gracePeriod;
    Map<String, Worker> ws = new LinkedHashMap<>();
    for (Map.Entry<WorkerMethod, WorkerSettings> e : b.workers) {
      ws.put(e.getKey().taskName(), new Worker(e.getKey(), e.getValue()));
    }
    this.workers = Collections.unmodifiableMap(ws);
    this.health = new HealthListener(ws.keySet());
    List<RunnerListener> ls = new ArrayList<>();
    ls.add(health);
    if (b.logging) {
      ls.add(new LoggingListener());
    }
    ls.addAll(b.listeners);
    this.listeners = new CopyOnWriteArrayList<>(ls);
    this.leases =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "idflow-lease");
              t.setDaemon(true);
              return t;
            });
  }

  /** A builder for a runner that talks to Conductor through this task client. */
  public static Builder builder(TaskClient client) {
    return new Builder(client, null);
  }

  /** A builder for a runner that talks to Conductor through this client. */
  public static Builder builder(ConductorClient client) {
    String url = client instanceof IdflowConductorClient ic ? ic.serverUrl() : client.getBasePath();
    return new Builder(new TaskClient(client), url);
  }

  // ---- life cycle

  /**
   * Starts polling for every worker (workers configured as paused start paused). Returns at once.
   *
   * <p>Does not register task definitions, and does not check that the server is reachable: an
   * unreachable server shows as failed polls, retried with back-off, and in {@link #health()}.
   *
   * @throws IllegalStateException when the runner was started before
   */
  public void start() {
    synchronized (signal) {
      if (state != State.NEW) {
        throw new IllegalStateException("the runner was already started (state " + state + ")");
      }
      state = State.RUNNING;
    }
    publish(new RunnerEvent.StateChanged(State.RUNNING));
    for (Worker w : workers.values()) {
      if (w.paused) {
        publish(new RunnerEvent.PauseChanged(w.taskType(), true));
      }
      w.start();
    }
  }

  /**
   * Stops polling and lets the tasks in flight finish and report their results; returns at once.
   * Tasks a poll in progress still returns are executed too. When the grace period passes first,
   * {@link #shutdownNow()} is called.
   *
   * <p>Does not wait (use {@link #awaitTermination(Duration)}) and does not interrupt tasks.
   * Calling it again, or after termination, does nothing; on a runner that was never started it
   * just ends it.
   */
  public void shutdown() {
    synchronized (signal) {
      if (state == State.NEW) {
        state = State.TERMINATED;
        leases.shutdownNow();
        terminated.countDown();
        return;
      }
      if (state != State.RUNNING) {
        return;
      }
      state = State.SHUTTING_DOWN;
      signal.notifyAll();
    }
    publish(new RunnerEvent.StateChanged(State.SHUTTING_DOWN));
    Thread drain = new Thread(this::drain, "idflow-drain");
    drain.setDaemon(false);
    drain.start();
  }

  /**
   * Waits until the runner has terminated: every in-flight task finished (or was handed back) and
   * every thread ended.
   *
   * <p>Does not start a shutdown: call {@link #shutdown()} first, or this waits for someone else
   * to.
   *
   * @return true when terminated, false when the timeout passed first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops polling, interrupts the tasks still running and hands them back to Conductor (as
   * IN_PROGRESS with no callback delay, so that another worker gets them at once; a result the
   * interrupted method still produces is not reported). Returns without waiting for the interrupted
   * threads.
   *
   * <p>Does not wait for tasks to finish; a method that ignores interruption keeps running on its
   * thread, and the runner counts as terminated five seconds later regardless. A task whose hand
   * back fails is delivered again by Conductor after its response timeout.
   *
   * @return the ids of the tasks that were handed back
   */
  public List<String> shutdownNow() {
    boolean startDrain = false;
    synchronized (signal) {
      if (state == State.NEW || state == State.TERMINATED) {
        shutdown();
        return List.of();
      }
      forced = true;
      if (state == State.RUNNING) {
        state = State.SHUTTING_DOWN;
        startDrain = true;
      }
      signal.notifyAll();
    }
    if (startDrain) {
      publish(new RunnerEvent.StateChanged(State.SHUTTING_DOWN));
      Thread drain = new Thread(this::drain, "idflow-drain");
      drain.start();
    }
    // Abandon first: an interrupted method must not report FAILED for a task handed back.
    List<InFlight> abandoned = new ArrayList<>();
    for (InFlight f : List.copyOf(inFlight.values())) {
      if (f.abandon()) {
        abandoned.add(f);
      }
    }
    for (Worker w : workers.values()) {
      w.executor.shutdownNow();
    }
    List<String> handedBack = new ArrayList<>();
    for (InFlight f : abandoned) {
      if (handBack(f)) {
        handedBack.add(f.task.getTaskId());
      }
    }
    return handedBack;
  }

  /**
   * Whether the runner had to interrupt tasks: {@link #shutdownNow()} was called, or the grace
   * period ran out before the tasks in flight finished.
   */
  public boolean interruptedTasks() {
    return forced;
  }

  /** The runner's state. */
  public State state() {
    return state;
  }

  /**
   * Pauses every worker: no new polls until {@link #resume()}. Tasks already received keep running
   * and report their results; a poll in progress completes and its tasks run.
   *
   * <p>Does not interrupt anything and does not persist: a new runner starts with the configured
   * {@code paused} settings.
   */
  public void pause() {
    workers.values().forEach(w -> w.setPaused(true));
  }

  /**
   * Pauses the worker of one task type (see {@link #pause()}).
   *
   * @throws IllegalArgumentException when this runner has no worker for that task type
   */
  public void pause(String taskType) {
    worker(taskType).setPaused(true);
  }

  /** Resumes polling for every paused worker. Does nothing for workers that are not paused. */
  public void resume() {
    workers.values().forEach(w -> w.setPaused(false));
  }

  /**
   * Resumes polling for one task type.
   *
   * @throws IllegalArgumentException when this runner has no worker for that task type
   */
  public void resume(String taskType) {
    worker(taskType).setPaused(false);
  }

  /** Whether the worker of this task type is paused. */
  public boolean isPaused(String taskType) {
    return worker(taskType).paused;
  }

  /**
   * The runner's health: ready when it is running and every worker that is not paused has polled
   * successfully the last time it tried. Does not contact the server.
   */
  public RunnerHealth health() {
    return health.snapshot(state);
  }

  /** The task types this runner serves, in the order they were added. */
  public List<String> taskTypes() {
    return List.copyOf(workers.keySet());
  }

  /** The settings each worker runs with, by task type. */
  public Map<String, WorkerSettings> settings() {
    Map<String, WorkerSettings> m = new LinkedHashMap<>();
    workers.forEach((k, w) -> m.put(k, w.settings));
    return Collections.unmodifiableMap(m);
  }

  /** The workers this runner serves, by task type. */
  public Map<String, WorkerMethod> workers() {
    Map<String, WorkerMethod> m = new LinkedHashMap<>();
    workers.forEach((k, w) -> m.put(k, w.method));
    return Collections.unmodifiableMap(m);
  }

  /** The number of tasks executing or reporting their result right now. */
  public int inFlight() {
    return inFlight.size();
  }

  /** The worker id the runner reports to Conductor. */
  public String workerId() {
    return workerId;
  }

  /** Adds a listener to a runner (also after start); it sees events from then on. */
  public void addListener(RunnerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private Worker worker(String taskType) {
    Worker w = workers.get(taskType);
    if (w == null) {
      throw new IllegalArgumentException(
          "this runner has no worker for task type '"
              + taskType
              + "' (it runs: "
              + String.join(", ", workers.keySet())
              + ")");
    }
    return w;
  }

  // ---- shutdown internals

  private void drain() {
    long deadline = System.nanoTime() + gracePeriod.toNanos();
    try {
      for (Worker w : workers.values()) {
        w.poller.join();
        w.executor.shutdown();
      }
      for (Worker w : workers.values()) {
        long left = deadline - System.nanoTime();
        if (!forced && !w.executor.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          LOG.warn(
              "in-flight tasks did not finish within the grace period of {} s; interrupting them",
              gracePeriod.toSeconds());
          shutdownNow();
        }
      }
      for (Worker w : workers.values()) {
        if (!w.executor.awaitTermination(ZOMBIE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("a task of type {} ignores interruption; leaving it behind", w.taskType());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdownNow();
    } finally {
      leases.shutdownNow();
      state = State.TERMINATED;
      publish(new RunnerEvent.StateChanged(State.TERMINATED));
      terminated.countDown();
    }
  }

  /**
   * Gives an abandoned task back to Conductor so that it is delivered again at once.
   *
   * @return whether Conductor took it
   */
  private boolean handBack(InFlight f) {
    if (outageSince.get() != null) {
      return false;
    }
    TaskResult back = new TaskResult(f.task);
    back.setStatus(TaskResult.Status.IN_PROGRESS);
    back.setCallbackAfterSeconds(0);
    back.setWorkerId(workerId);
    back.log("handed back: the runner on " + workerId + " was shut down while the task ran");
    try {
      client.updateTask(back);
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

  // ---- events and connection state

  void publish(RunnerEvent event) {
    for (RunnerListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed on {}: {}", l.getClass().getName(), event, e.toString());
      }
    }
  }

  /**
   * A request that started at {@code requestStart} succeeded. Only a request sent after the outage
   * began shows that the server is back: a long poll or update already under way when it went away
   * (a server shutting down still answers those) says nothing about now.
   */
  private void connectionOk(Instant requestStart) {
    Instant since = outageSince.get();
    if (since != null && !requestStart.isBefore(since) && outageSince.compareAndSet(since, null)) {
      publish(
          new RunnerEvent.ConnectionChanged(
              serverUrl, false, null, Duration.between(since, Instant.now())));
    }
  }

  private void connectionFailed(Throwable error) {
    if (outageSince.compareAndSet(null, Instant.now())) {
      publish(new RunnerEvent.ConnectionChanged(serverUrl, true, error, Duration.ZERO));
    }
  }

  /** Whether a client failure means the server could not be reached (or refused credentials). */
  static boolean unreachable(Throwable e) {
    if (e instanceof ConductorUnavailableException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A failure that repeating the same request cannot fix (the server rejected the request). */
  private static boolean permanent(Throwable e) {
    if (e instanceof ConductorClientException c) {
      int s = c.getStatus();
      return s >= 400 && s < 500 && s != 408 && s != 429;
    }
    return false;
  }

  private boolean polling() {
    return state == State.RUNNING;
  }

  private void sleep(Duration d) {
    long ms = d.toMillis();
    if (ms <= 0) {
      return;
    }
    synchronized (signal) {
      if (state != State.RUNNING) {
        return;
      }
      try {
        signal.wait(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Duration backoff(int failures) {
    long base = BACKOFF_FIRST.toMillis() << Math.min(failures, 10);
    long capped = Math.min(base, BACKOFF_MAX.toMillis());
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis((long) (capped * jitter));
  }

  private static String defaultWorkerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  // ---- one worker: a poller thread and a pool of task threads

  private final class Worker {
    final WorkerMethod method;
    final WorkerSettings settings;
    final TaskInvoker invoker;
    final Semaphore permits;
    final ThreadPoolExecutor executor;
    final Thread poller;
    volatile boolean paused;
    private long lastTaskNanos;
    private int failures;

    Worker(WorkerMethod method, WorkerSettings settings) {
      this.method = method;
      this.settings = settings;
      this.invoker = new TaskInvoker(method);
      this.permits = new Semaphore(settings.threads());
      this.paused = settings.paused();
      AtomicInteger n = new AtomicInteger();
      this.executor =
          new ThreadPoolExecutor(
              settings.threads(),
              settings.threads(),
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> new Thread(r, "idflow-" + method.taskName() + "-" + n.incrementAndGet()));
      executor.allowCoreThreadTimeOut(true);
      this.poller = new Thread(this::pollLoop, "idflow-poll-" + method.taskName());
      // Start busy: quick first polls make a fresh runner ready at once.
      this.lastTaskNanos = System.nanoTime();
    }

    String taskType() {
      return method.taskName();
    }

    void start() {
      poller.start();
    }

    void setPaused(boolean p) {
      boolean changed;
      synchronized (signal) {
        changed = paused != p;
        paused = p;
        signal.notifyAll();
      }
      if (changed) {
        publish(new RunnerEvent.PauseChanged(taskType(), p));
      }
    }

    private void pollLoop() {
      while (polling()) {
        if (paused) {
          waitWhilePaused();
          continue;
        }
        int granted = acquirePermits();
        if (granted == 0) {
          continue;
        }
        boolean busy = System.nanoTime() - lastTaskNanos < settings.idleAfter().toNanos();
        boolean longPoll = !busy && !settings.idlePollTimeout().isZero();
        int count = granted;
        if (longPoll && granted > 1) {
          // A long poll for n tasks waits until n arrive; ask for one, then poll in batches.
          permits.release(granted - 1);
          count = 1;
        }
        int timeout = longPoll ? (int) settings.idlePollTimeout().toMillis() : 0;
        long t0 = System.nanoTime();
        Instant sent = Instant.now();
        List<Task> tasks;
        try {
          tasks =
              client.batchPollTasksInDomain(
                  taskType(), settings.domainOrNull(), workerId, count, timeout);
          if (tasks == null) {
            tasks = List.of();
          }
        } catch (RuntimeException e) {
          permits.release(count);
          pollFailed(e);
          continue;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        failures = 0;
        connectionOk(sent);
        permits.release(count - tasks.size());
        publish(new RunnerEvent.PollSucceeded(taskType(), tasks.size(), took));
        if (tasks.isEmpty()) {
          if (!longPoll) {
            sleep(settings.pollingInterval());
          } else if (took.toMillis() < settings.idlePollTimeout().toMillis() / 2) {
            // The server did not hold the long poll: do not spin.
            sleep(Duration.ofMillis(Math.max(100, settings.pollingInterval().toMillis())));
          }
          continue;
        }
        lastTaskNanos = System.nanoTime();
        for (Task task : tasks) {
          submit(task);
        }
      }
    }

    private int acquirePermits() {
      try {
        if (!permits.tryAcquire(PERMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          return 0;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
      int granted = 1;
      while (granted < settings.batchSize() && permits.tryAcquire()) {
        granted++;
      }
      return granted;
    }

    private void waitWhilePaused() {
      synchronized (signal) {
        while (paused && state == State.RUNNING) {
          try {
            signal.wait(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    private void pollFailed(RuntimeException e) {
      boolean lost = unreachable(e);
      if (lost) {
        connectionFailed(e);
      }
      publish(new RunnerEvent.PollFailed(taskType(), e, lost));
      sleep(backoff(failures++));
    }

    private void submit(Task task) {
      InFlight f = new InFlight(task);
      inFlight.put(task.getTaskId(), f);
      try {
        executor.execute(() -> execute(f));
      } catch (RejectedExecutionException e) {
        // shutdownNow() came between the poll and here: give the task straight back.
        f.abandon();
        handBack(f);
        inFlight.remove(task.getTaskId());
        permits.release();
      }
    }

    private void execute(InFlight f) {
      Task task = f.task;
      ScheduledFuture<?> lease = null;
      try {
        publish(
            new RunnerEvent.TaskStarted(
                taskType(), task.getTaskId(), task.getWorkflowInstanceId()));
        long rt = task.getResponseTimeoutSeconds();
        if (rt > 0) {
          long period = Math.max(500, rt * 1000 / 3);
          lease =
              leases.scheduleAtFixedRate(
                  () -> extendLease(f), period, period, TimeUnit.MILLISECONDS);
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
          publish(
              new RunnerEvent.TaskFailed(
                  taskType(), task.getTaskId(), s, result.getReasonForIncompletion(), took));
        } else {
          publish(new RunnerEvent.TaskCompleted(taskType(), task.getTaskId(), s, took));
        }
        report(f, result);
      } finally {
        if (lease != null) {
          lease.cancel(false);
        }
        inFlight.remove(task.getTaskId());
        permits.release();
      }
    }

    private void extendLease(InFlight f) {
      synchronized (f.leaseLock) {
        if (f.finished || f.abandoned()) {
          return;
        }
        TaskResult r = new TaskResult(f.task);
        r.setExtendLease(true);
        r.setWorkerId(workerId);
        try {
          client.updateTask(r);
        } catch (RuntimeException e) {
          LOG.debug("extending the lease of task {} failed: {}", f.task.getTaskId(), e.toString());
        }
      }
    }

    private void report(InFlight f, TaskResult result) {
      long giveUpAt = System.nanoTime() + REPORT_PATIENCE.toNanos();
      int attempt = 0;
      while (true) {
        if (f.abandoned()) {
          return;
        }
        Instant sent = Instant.now();
        try {
          client.updateTask(result);
          connectionOk(sent);
          return;
        } catch (RuntimeException e) {
          boolean lost = unreachable(e);
          if (lost) {
            connectionFailed(e);
          }
          if (permanent(e) || System.nanoTime() > giveUpAt || forced) {
            publish(new RunnerEvent.ResultNotReported(taskType(), f.task.getTaskId(), e));
            return;
          }
          try {
            Thread.sleep(backoff(attempt++).toMillis());
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            publish(new RunnerEvent.ResultNotReported(taskType(), f.task.getTaskId(), e));
            return;
          }
        }
      }
    }
  }

  /** A task received and not yet reported. */
  private static final class InFlight {
    final Task task;
    private final AtomicReference<Boolean> abandoned = new AtomicReference<>(false);
    // Guards lease extensions against the result: an extension (status IN_PROGRESS) that reached
    // the server after the result would put a finished task back in progress.
    private final Object leaseLock = new Object();
    private boolean finished;

    InFlight(Task task) {
      this.task = task;
    }

    /** Ends lease extensions: waits for one under way, and no new one starts. */
    void finish() {
      synchronized (leaseLock) {
        finished = true;
      }
    }

    /** Marks the task as handed back; true the first time. */
    boolean abandon() {
      return abandoned.compareAndSet(false, true);
    }

    boolean abandoned() {
      return abandoned.get();
    }
  }

  /**
   * Builds a {@link TaskRunner}. Not thread-safe.
   *
   * <p>Defaults: no workers (at least one is required), a grace period of 30 s, the worker id
   * {@code <host>-<pid>}, and a listener that logs connection loss, failures and pauses through
   * SLF4J.
   */
  public static final class Builder {
    private final TaskClient client;
    private String serverUrl;
    private final List<Map.Entry<WorkerMethod, WorkerSettings>> workers = new ArrayList<>();
    private final List<RunnerListener> listeners = new ArrayList<>();
    private Duration gracePeriod = Duration.ofSeconds(30);
    private String workerId;
    private boolean logging = true;

    private Builder(TaskClient client, String serverUrl) {
      this.client = Objects.requireNonNull(client, "client");
      this.serverUrl = serverUrl;
    }

    /**
     * Adds a worker with explicit settings.
     *
     * @throws IllegalArgumentException when a worker for the same task type was added before
     */
    public Builder worker(WorkerMethod worker, WorkerSettings settings) {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(settings, "settings");
      for (Map.Entry<WorkerMethod, WorkerSettings> e : workers) {
        if (e.getKey().taskName().equals(worker.taskName())) {
          throw new IllegalArgumentException(
              "task type '"
                  + worker.taskName()
                  + "' has two workers: "
                  + e.getKey().source()
                  + " and "
                  + worker.source());
        }
      }
      workers.add(Map.entry(worker, settings));
      return this;
    }

    /** Adds workers with the settings the configuration resolves for each. */
    public Builder workers(List<WorkerMethod> list, WorkerConfig config) {
      for (WorkerMethod w : list) {
        worker(w, config.settingsFor(w));
      }
      return this;
    }

    /** Adds a listener for the runner's events. */
    public Builder listener(RunnerListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * How long {@link #shutdown()} lets in-flight tasks run before interrupting them; default 30 s.
     */
    public Builder gracePeriod(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("the grace period must not be negative");
      }
      this.gracePeriod = grace;
      return this;
    }

    /** The worker id reported to Conductor; default {@code <host>-<pid>}. */
    public Builder workerId(String id) {
      this.workerId = id == null || id.isBlank() ? null : id;
      return this;
    }

    /** The server URL named in connection events; default the client's. */
    public Builder serverUrl(String url) {
      this.serverUrl = url;
      return this;
    }

    /** Whether to log connection loss, failures and pauses through SLF4J; default true. */
    public Builder logging(boolean enabled) {
      this.logging = enabled;
      return this;
    }

    /**
     * Builds the runner (not started).
     *
     * @throws IllegalStateException when no worker was added
     */
    public TaskRunner build() {
      if (workers.isEmpty()) {
        throw new IllegalStateException("a runner needs at least one worker");
      }
      return new TaskRunner(this);
    }
  }
}

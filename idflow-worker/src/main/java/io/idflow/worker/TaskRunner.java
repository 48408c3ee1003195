package io.idflow.worker;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 * A poll that fails is retried with exponential back-off (100 ms doubling to 5 s, with jitter).
 * Losing the connection is published once per outage ({@link RunnerEvent.ConnectionChanged}), and
 * so is its return; the runner recovers on its own.
 *
 * <p>A result that cannot be reported because the server cannot be reached (or answers 5xx, 408 or
 * 429) is kept in memory ({@link RunnerEvent.ResultKept}, {@link #undeliveredResults()}) together
 * with its task's slot, so there are never more kept results than task threads. The runner sends
 * the kept results again with the same back-off while the server stays away, and at once when it is
 * back; while a kept result could not reach the server the workers do not poll, so after an outage
 * the results go out before new work comes in ({@link RunnerEvent.ResultDelivered}). A result the
 * server refuses (4xx other than 408/429: the task was delivered again or has ended) is dropped
 * with one warning ({@link RunnerEvent.ResultNotReported}); one that fails with 5xx while the
 * server is reachable is given up after five minutes. Kept results do not survive the process: a
 * runner that is restarted (or killed) loses them, and Conductor delivers those tasks again after
 * their response timeout. {@link #shutdown()} sends them within the grace period and logs those it
 * gives up; {@link #shutdownNow()} gives them up at once.
 *
 * <h2>Inside</h2>
 *
 * This class is the facade and owns the life cycle. Per worker, a {@code Poller} (its own thread)
 * takes free {@code Slots} and polls, an {@code IdleSwitch} decides between quick polls and long
 * polls, and an {@code Execution} runs the tasks on the worker's pool and reports them; {@code
 * Backoff} spaces retries, an {@code OutageTracker} publishes connection loss once per outage, and
 * {@code Drain} runs the shutdown sequence.
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

  private final TaskService tasks;
  private final String workerId;
  private final Map<String, Worker> workers;
  private final HealthListener health;
  private final Lifecycle life;
  private final ScheduledExecutorService leases;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Drain drain;
  private final Outbox outbox;

  /** One worker's parts. */
  private record Worker(
      WorkerMethod method, WorkerSettings settings, Execution execution, Poller poller) {
    String taskType() {
      return method.taskName();
    }
  }

  private TaskRunner(Builder b) {
    this.tasks = TaskService.of(b.client);
    this.workerId = b.workerId != null ? b.workerId : defaultWorkerId();
    List<String> types = new ArrayList<>();
    for (Map.Entry<WorkerMethod, WorkerSettings> e : b.workers) {
      types.add(e.getKey().taskName());
    }
    this.health = new HealthListener(types);
    List<RunnerListener> ls = new ArrayList<>();
    ls.add(health);
    if (b.logging) {
      ls.add(new LoggingListener());
    }
    ls.addAll(b.listeners);
    this.life = new Lifecycle(ls);
    this.leases =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "idflow-lease");
              t.setDaemon(true);
              return t;
            });
    Outbox[] box = new Outbox[1];
    OutageTracker outage =
        new OutageTracker(
            b.serverUrl,
            e -> {
              life.publish(e);
              if (e instanceof RunnerEvent.ConnectionChanged c && !c.lost()) {
                box[0].wake(); // the server is back: kept results go first
              }
            },
            Instant::now);
    this.outbox =
        new Outbox(tasks, outage, life, Backoff.DEFAULT, Outbox.PATIENCE, System::nanoTime);
    box[0] = outbox;
    Map<String, Worker> ws = new LinkedHashMap<>();
    for (Map.Entry<WorkerMethod, WorkerSettings> e : b.workers) {
      WorkerMethod m = e.getKey();
      WorkerSettings s = e.getValue();
      Slots slots = new Slots(s.threads());
      Execution execution =
          new Execution(m, slots, tasks, workerId, life, outage, leases, inFlight, outbox);
      Poller poller =
          new Poller(
              m.taskName(),
              s,
              slots,
              tasks,
              workerId,
              life,
              outage,
              Backoff.DEFAULT,
              execution::submit,
              outbox::holdsPolling);
      execution.acceptNextWhile(
          () -> life.running() && !poller.paused() && !outbox.holdsPolling(), poller::received);
      ws.put(m.taskName(), new Worker(m, s, execution, poller));
    }
    this.workers = Collections.unmodifiableMap(ws);
    List<Drain.Join> pollers = new ArrayList<>();
    List<ThreadPoolExecutor> pools = new ArrayList<>();
    for (Worker w : workers.values()) {
      pollers.add(w.poller()::join);
      pools.add(w.execution().executor);
    }
    this.drain =
        new Drain(
            pollers,
            pools,
            outbox::drain,
            b.gracePeriod,
            Drain.ZOMBIE_WAIT,
            life,
            this::shutdownNow,
            this::ended);
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
    if (!life.transition(State.NEW, State.RUNNING)) {
      throw new IllegalStateException(
          "the runner was already started (state " + life.state() + ")");
    }
    life.publish(new RunnerEvent.StateChanged(State.RUNNING));
    outbox.start();
    for (Worker w : workers.values()) {
      if (w.poller().paused()) {
        life.publish(new RunnerEvent.PauseChanged(w.taskType(), true));
      }
      w.poller().start();
    }
  }

  /**
   * Stops polling and lets the tasks in flight finish and report their results; returns at once.
   * Tasks a poll in progress still returns are executed too, and results kept through an outage are
   * sent again. When the grace period passes first, {@link #shutdownNow()} is called; kept results
   * still undelivered then are given up, each logged.
   *
   * <p>Does not wait (use {@link #awaitTermination(Duration)}) and does not interrupt tasks.
   * Calling it again, or after termination, does nothing; on a runner that was never started it
   * just ends it.
   */
  public void shutdown() {
    if (life.transition(State.NEW, State.TERMINATED)) {
      leases.shutdownNow();
      terminated.countDown();
      return;
    }
    if (life.transition(State.RUNNING, State.SHUTTING_DOWN)) {
      life.publish(new RunnerEvent.StateChanged(State.SHUTTING_DOWN));
      startDrain();
    }
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
   * interrupted method still produces is not reported). Gives up the results kept through an
   * outage, logging each. Returns without waiting for the interrupted threads.
   *
   * <p>Does not wait for tasks to finish; a method that ignores interruption keeps running on its
   * thread, and the runner counts as terminated five seconds later regardless. A task whose hand
   * back fails is delivered again by Conductor after its response timeout.
   *
   * @return the ids of the tasks that were handed back
   */
  public List<String> shutdownNow() {
    if (life.transition(State.NEW, State.TERMINATED)) {
      leases.shutdownNow();
      terminated.countDown();
      return List.of();
    }
    if (life.state() == State.TERMINATED) {
      return List.of();
    }
    life.force();
    if (life.transition(State.RUNNING, State.SHUTTING_DOWN)) {
      life.publish(new RunnerEvent.StateChanged(State.SHUTTING_DOWN));
      startDrain();
    }
    outbox.giveUpAll("stopped by force");
    // Abandon first: an interrupted method must not report FAILED for a task handed back.
    List<InFlight> abandoned = new ArrayList<>();
    for (InFlight f : List.copyOf(inFlight.values())) {
      if (f.abandon()) {
        abandoned.add(f);
      }
    }
    for (Worker w : workers.values()) {
      w.execution().executor.shutdownNow();
    }
    List<String> handedBack = new ArrayList<>();
    for (InFlight f : abandoned) {
      Worker w = workers.get(f.task.getTaskType());
      Execution e = w != null ? w.execution() : workers.values().iterator().next().execution();
      if (e.handBack(f)) {
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
    return life.forced();
  }

  /** The runner's state. */
  public State state() {
    return life.state();
  }

  /**
   * Pauses every worker: no new polls until {@link #resume()}. Tasks already received keep running
   * and report their results; a poll in progress completes and its tasks run.
   *
   * <p>Does not interrupt anything and does not persist: a new runner starts with the configured
   * {@code paused} settings.
   */
  public void pause() {
    workers.values().forEach(w -> setPaused(w, true));
  }

  /**
   * Pauses the worker of one task type (see {@link #pause()}).
   *
   * @throws IllegalArgumentException when this runner has no worker for that task type
   */
  public void pause(String taskType) {
    setPaused(worker(taskType), true);
  }

  /** Resumes polling for every paused worker. Does nothing for workers that are not paused. */
  public void resume() {
    workers.values().forEach(w -> setPaused(w, false));
  }

  /**
   * Resumes polling for one task type.
   *
   * @throws IllegalArgumentException when this runner has no worker for that task type
   */
  public void resume(String taskType) {
    setPaused(worker(taskType), false);
  }

  /** Whether the worker of this task type is paused. */
  public boolean isPaused(String taskType) {
    return worker(taskType).poller().paused();
  }

  /**
   * The runner's health: ready when it is running and every worker that is not paused has polled
   * successfully the last time it tried. Does not contact the server.
   */
  public RunnerHealth health() {
    return health.snapshot(life.state());
  }

  /** The task types this runner serves, in the order they were added. */
  public List<String> taskTypes() {
    return List.copyOf(workers.keySet());
  }

  /** The settings each worker runs with, by task type. */
  public Map<String, WorkerSettings> settings() {
    Map<String, WorkerSettings> m = new LinkedHashMap<>();
    workers.forEach((k, w) -> m.put(k, w.settings()));
    return Collections.unmodifiableMap(m);
  }

  /** The workers this runner serves, by task type. */
  public Map<String, WorkerMethod> workers() {
    Map<String, WorkerMethod> m = new LinkedHashMap<>();
    workers.forEach((k, w) -> m.put(k, w.method()));
    return Collections.unmodifiableMap(m);
  }

  /**
   * The number of tasks executing or reporting their result right now; results kept for later
   * delivery are counted by {@link #undeliveredResults()}.
   */
  public int inFlight() {
    return inFlight.size();
  }

  /**
   * The number of results of finished tasks that Conductor could not take yet (it could not be
   * reached, or answered 5xx): the runner keeps them in memory and sends them again. Each holds its
   * task's slot until it is delivered or given up.
   */
  public int undeliveredResults() {
    return outbox.size();
  }

  /** The worker id the runner reports to Conductor. */
  public String workerId() {
    return workerId;
  }

  /** Adds a listener to a runner (also after start); it sees events from then on. */
  public void addListener(RunnerListener listener) {
    life.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Waits until, after a shutdown, every poll loop has ended: from then on no task is received. For
   * tests, which must not start work meant for nobody before that.
   */
  boolean awaitPollingStopped(Duration timeout) throws InterruptedException {
    return drain.awaitPollingStopped(timeout);
  }

  /**
   * Waits until a paused worker's poll loop is waiting in its pause (a poll under way when the
   * pause came has completed). For tests, which must not start work for a paused worker before.
   */
  boolean awaitPollingPaused(String taskType, Duration timeout) throws InterruptedException {
    Poller p = worker(taskType).poller();
    long end = System.nanoTime() + timeout.toNanos();
    while (!p.parked()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  void publish(RunnerEvent event) {
    life.publish(event);
  }

  /** Whether a client failure means the server could not be reached (or refused credentials). */
  static boolean unreachable(Throwable e) {
    return OutageTracker.unreachable(e);
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

  private void setPaused(Worker w, boolean paused) {
    if (w.poller().setPaused(paused)) {
      life.publish(new RunnerEvent.PauseChanged(w.taskType(), paused));
    }
  }

  private void startDrain() {
    Thread t = new Thread(drain, "idflow-drain");
    t.setDaemon(false);
    t.start();
  }

  private void ended() {
    outbox.giveUpAll("the runner ended");
    leases.shutdownNow();
    life.set(State.TERMINATED);
    life.publish(new RunnerEvent.StateChanged(State.TERMINATED));
    terminated.countDown();
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

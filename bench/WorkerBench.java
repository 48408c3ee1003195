///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-worker:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.events.taskrunner.PollCompleted;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.sdk.workflow.executor.task.AnnotatedWorker;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.ConductorClients;
import io.idflow.worker.RunnerEvent;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Worker benchmark: idflow's runner with its defaults against the Conductor SDK's
 * TaskRunnerConfigurer tuned by hand (10 threads, batch polls of all free threads, 5 ms polling
 * interval, no server-side wait), on trivial one-task workflows, in interleaved rounds against the
 * same server. Each worker runs in a JVM of its own (so that its CPU time can be read); in its
 * turn its runner is started, measured, and stopped again, so that only one worker polls at a
 * time.
 *
 * <pre>
 * scripts/jbang bench/WorkerBench.java [--server URL] [--rounds 6] [--n 150] [--latency 40]
 *     [--warmup 150] [--idle 30] [--load] [--same idflow|sdk] [--sdk-v2]
 * </pre>
 */
public class WorkerBench {

  static final String IDFLOW = "idflow-defaults";
  static final String SDK = "sdk-tuned";
  static final int STARTERS = 8;

  static final List<String> workflowIds = Collections.synchronizedList(new ArrayList<>());
  static final List<Variant> variants = new ArrayList<>();
  static final AtomicBoolean cleaned = new AtomicBoolean();
  static volatile boolean loadRunning;
  static String sdk = SDK;
  static ConductorClient client;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1], args[2], args[3]);
      return;
    }
    String server = null;
    int rounds = 6;
    int n = 150;
    int latencyRuns = 40;
    int warmup = 150;
    int idleSeconds = 30;
    boolean load = false;
    String same = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server" -> server = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--n" -> n = Integer.parseInt(args[++i]);
        case "--latency" -> latencyRuns = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--idle" -> idleSeconds = Integer.parseInt(args[++i]);
        case "--load" -> load = true;
        case "--same" -> same = args[++i].equals("sdk") ? SDK : IDFLOW;
        // The SDK's own update-and-poll (off by default in conductor-client 4.0.10).
        case "--sdk-v2" -> sdk = SDK + "-v2";
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    IdflowConfig config = config(server);
    String url = config.conductorUrl();
    System.out.printf(
        Locale.ROOT,
        "WorkerBench %s against %s: %d interleaved rounds, each %d sequential workflows (latency)"
            + " then %d started by %d threads (throughput) per worker, after a warm-up round (not"
            + " counted) with %d;"
            + " idle CPU over %d s; background load: %s; %d CPUs%n",
        Instant.now(),
        url,
        rounds,
        latencyRuns,
        n,
        STARTERS,
        warmup,
        idleSeconds,
        load ? "one busy core" : "none",
        Runtime.getRuntime().availableProcessors());
    client = ConductorClients.create(config);
    Runtime.getRuntime().addShutdownHook(new Thread(WorkerBench::cleanUp, "bench-cleanup"));
    String loadBefore = loadAverage();
    Thread busy = null;
    try {
      WorkflowClient workflows = new WorkflowClient(client);
      if (same == null) {
        variants.add(Variant.start(client, url, IDFLOW));
        variants.add(Variant.start(client, url, sdk));
      } else {
        // An A/A run: the same runner twice, to show how far the rounds scatter with no
        // difference between the compared programs.
        variants.add(Variant.start(client, url, same));
        variants.add(Variant.start(client, url, same + "-b"));
        System.out.printf("A/A run: %s against itself%n", same);
      }
      if (load) {
        busy = startBusyLoop(Duration.ofMinutes(30));
      }
      System.out.printf("load average before: %s%n", loadBefore);
      System.out.printf(
          "%n%-6s %-16s %8s %7s %7s %9s %8s %6s %8s  %s%n",
          "round",
          "worker",
          "wf/s",
          "p50 ms",
          "p95 ms",
          "server50",
          "CPU s",
          "polls",
          "poll ms",
          "load average");
      // Warm-up: one round of each, not counted (the server's and the JVMs' JIT, SQLite's cache).
      for (Variant v : variants) {
        printRound("warm", v, measure(workflows, v, latencyRuns, warmup));
      }
      List<Double> tputRatios = new ArrayList<>();
      List<Double> p50Ratios = new ArrayList<>();
      for (int r = 1; r <= rounds; r++) {
        // Alternate who goes first, so a trend in the load favours neither.
        List<Variant> order = new ArrayList<>(variants);
        if (r % 2 == 0) {
          Collections.reverse(order);
        }
        for (Variant v : order) {
          Round m = measure(workflows, v, latencyRuns, n);
          v.wfs.add(m.wfs());
          v.p50.add((double) m.p50());
          printRound(String.valueOf(r), v, m);
        }
        Variant a = variants.get(0);
        Variant b = variants.get(1);
        tputRatios.add(a.wfs.get(r - 1) / b.wfs.get(r - 1));
        p50Ratios.add(a.p50.get(r - 1) / b.p50.get(r - 1));
      }

      System.out.printf("%nidle: both runners started, %d s without work ...%n", idleSeconds);
      for (Variant v : variants) {
        v.command("start");
      }
      Thread.sleep(3000); // idflow switches to long polls after 2 s without a task
      long[] idle0 = new long[variants.size()];
      for (int i = 0; i < variants.size(); i++) {
        idle0[i] = cpuNanos(variants.get(i).process);
      }
      Thread.sleep(idleSeconds * 1000L);
      double[] idle = new double[variants.size()];
      for (int i = 0; i < variants.size(); i++) {
        idle[i] = (cpuNanos(variants.get(i).process) - idle0[i]) / 1e9;
      }
      String[] idlePolls = new String[variants.size()];
      for (int i = 0; i < variants.size(); i++) {
        idlePolls[i] = variants.get(i).command("stop").split(" ")[0];
      }
      String loadAfter = loadAverage();

      Variant a = variants.get(0);
      Variant b = variants.get(1);
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "throughput %s / %s, per round: %s%n",
          a.name,
          b.name,
          format(tputRatios));
      System.out.printf(
          Locale.ROOT,
          "  median %.2fx, spread %.2f-%.2f; %s won %d of %d rounds (target >= 1.2x)%n",
          median(tputRatios),
          Collections.min(tputRatios),
          Collections.max(tputRatios),
          a.name,
          tputRatios.stream().filter(x -> x > 1).count(),
          rounds);
      System.out.printf(
          Locale.ROOT,
          "  wf/s %s: median %.1f (%.1f-%.1f); %s: median %.1f (%.1f-%.1f)%n",
          a.name,
          median(a.wfs),
          Collections.min(a.wfs),
          Collections.max(a.wfs),
          b.name,
          median(b.wfs),
          Collections.min(b.wfs),
          Collections.max(b.wfs));
      System.out.printf(
          Locale.ROOT, "p50 latency %s / %s, per round: %s%n", a.name, b.name, format(p50Ratios));
      System.out.printf(
          Locale.ROOT,
          "  median %.2fx, spread %.2f-%.2f (target <= 1.0x); p50 ms %s: median %.0f, %s: median"
              + " %.0f%n",
          median(p50Ratios),
          Collections.min(p50Ratios),
          Collections.max(p50Ratios),
          a.name,
          median(a.p50),
          b.name,
          median(b.p50));
      System.out.printf(
          Locale.ROOT,
          "idle CPU over %d s (both idle at once): %s %.3f s, %s %.3f s, ratio %.3f (target <="
              + " 0.05)%n",
          idleSeconds,
          a.name,
          idle[0],
          b.name,
          idle[1],
          idle[0] / idle[1]);
      System.out.printf(
          "  poll requests in the idle phase (3 + %d s): %s %s, %s %s%n",
          idleSeconds, a.name, idlePolls[0], b.name, idlePolls[1]);
      System.out.printf("load average before: %s, after: %s%n", loadBefore, loadAfter);
      System.out.printf(
          "%nround: each worker's runner started, %d sequential workflows (start until the client"
              + " sees COMPLETED, polling every 2 ms; server50: the workflow's endTime - startTime),"
              + " then %d workflows started by %d threads (wf/s: first start to last completion),"
              + " runner stopped; CPU s: the worker JVM's CPU time in its turn; polls: the poll requests the"
              + " runner made in its turn (for %d + %d tasks), poll ms: their mean duration. Who goes first"
              + " alternates between rounds; ratios are %s / %s within a round.%n",
          latencyRuns,
          n,
          STARTERS,
          latencyRuns,
          n,
          a.name,
          b.name);
    } finally {
      loadRunning = false;
      if (busy != null) {
        busy.join();
      }
      cleanUp();
    }
    System.exit(0);
  }

  /** One worker's turn in a round. */
  record Round(double wfs, long p50, long p95, long server50, double cpu, long polls, double pollMs) {}

  /**
   * One turn: starts the worker's runner, runs {@code latencyRuns} workflows one after the other,
   * then {@code n} started by {@link #STARTERS} threads, and stops the runner.
   */
  static Round measure(WorkflowClient workflows, Variant v, int latencyRuns, int n)
      throws Exception {
    v.command("start");
    long c0 = cpuNanos(v.process);
    List<Long> clientMs = new ArrayList<>();
    List<Long> serverMs = new ArrayList<>();
    for (int i = 0; i < latencyRuns; i++) {
      long[] one = runOne(workflows, v.workflow);
      clientMs.add(one[0]);
      serverMs.add(one[1]);
    }
    double wfs = throughput(workflows, v.workflow, n);
    double cpu = (cpuNanos(v.process) - c0) / 1e9;
    String[] polls = v.command("stop").split(" ");
    return new Round(
        wfs,
        percentile(clientMs, 50),
        percentile(clientMs, 95),
        percentile(serverMs, 50),
        cpu,
        Long.parseLong(polls[0]),
        Double.parseDouble(polls[1]));
  }

  static void printRound(String round, Variant v, Round m) {
    System.out.printf(
        Locale.ROOT,
        "%-6s %-16s %8.1f %7d %7d %9d %8.2f %6d %8.1f  %s%n",
        round,
        v.name,
        m.wfs(),
        m.p50(),
        m.p95(),
        m.server50(),
        m.cpu(),
        m.polls(),
        m.pollMs(),
        loadAverage());
  }

  static IdflowConfig config(String server) {
    ConfigLoader loader = new ConfigLoader().workingDir(Path.of("").toAbsolutePath());
    loader.flag("conductor.server_url", server, "--server");
    return loader.load();
  }

  /** Removes the worker JVMs, every workflow run, and every definition this run registered. */
  static void cleanUp() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    loadRunning = false;
    for (Variant v : variants) {
      v.process.destroy();
    }
    WorkflowClient workflows = new WorkflowClient(client);
    MetadataClient meta = new MetadataClient(client);
    List<String> ids;
    synchronized (workflowIds) {
      ids = new ArrayList<>(workflowIds);
    }
    ExecutorService deleters = Executors.newFixedThreadPool(4);
    int[] failed = new int[1];
    for (String id : ids) {
      deleters.submit(
          () -> {
            try {
              workflows.deleteWorkflow(id, false);
            } catch (RuntimeException e) {
              synchronized (failed) {
                failed[0]++;
              }
            }
          });
    }
    deleters.shutdown();
    try {
      deleters.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Variant v : variants) {
      try {
        meta.unregisterWorkflowDef(v.workflow, 1);
      } catch (RuntimeException e) {
        System.err.printf("could not remove workflow %s: %s%n", v.workflow, e.getMessage());
      }
      try {
        meta.unregisterTaskDef(v.task);
      } catch (RuntimeException e) {
        System.err.printf("could not remove task definition %s: %s%n", v.task, e.getMessage());
      }
    }
    System.out.printf(
        "cleaned up: %d workflow runs (%d not removed), %d workflow and %d task definitions%n",
        ids.size(), failed[0], variants.size(), variants.size());
    client.shutdown();
  }

  /** One busy core, for at most {@code limit}, until {@link #loadRunning} is cleared. */
  static Thread startBusyLoop(Duration limit) {
    loadRunning = true;
    long end = System.nanoTime() + limit.toNanos();
    Thread t =
        new Thread(
            () -> {
              long x = 0;
              while (loadRunning && System.nanoTime() < end) {
                for (int i = 0; i < 1_000_000; i++) {
                  x += i ^ (x >>> 3);
                }
              }
              if (x == 42) {
                System.out.print("");
              }
            },
            "bench-busy-loop");
    t.setDaemon(true);
    t.start();
    System.out.println("background load: a busy loop on one core started");
    return t;
  }

  /** One worker variant: its JVM, its task and workflow, its figures. */
  static final class Variant {
    final String name;
    final String task;
    final String workflow;
    final Process process;
    final PrintWriter in;
    final BufferedReader out;
    final List<Double> wfs = new ArrayList<>();
    final List<Double> p50 = new ArrayList<>();

    Variant(String name, String task, String workflow, Process process) {
      this.name = name;
      this.task = task;
      this.workflow = workflow;
      this.process = process;
      this.in =
          new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Variant start(ConductorClient client, String url, String variant) throws Exception {
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      String task = "bench_" + variant.replace('-', '_') + "_" + suffix;
      MetadataClient meta = new MetadataClient(client);
      TaskDef def = new TaskDef(task);
      def.setRetryCount(0);
      def.setResponseTimeoutSeconds(60);
      def.setTimeoutSeconds(300);
      def.setOwnerEmail("bench@idflow.io");
      meta.registerTaskDefs(List.of(def));
      WorkflowTask t = new WorkflowTask();
      t.setName(task);
      t.setTaskReferenceName("t");
      t.setInputParameters(Map.of("x", "${workflow.input.x}"));
      WorkflowDef wf = new WorkflowDef();
      wf.setName(task + "_wf");
      wf.setVersion(1);
      wf.setOwnerEmail("bench@idflow.io");
      wf.setTasks(List.of(t));
      meta.updateWorkflowDefs(List.of(wf));

      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      if (variant.endsWith("-v2")) {
        cmd.add("-DtaskUpdateV2=true");
      }
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(WorkerBench.class.getName());
      cmd.add("--child");
      cmd.add(variant);
      cmd.add(url);
      cmd.add(task);
      Process child =
          new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      return new Variant(variant, task, wf.getName(), child);
    }

    /** Sends a command to the worker JVM, waits for its acknowledgement and returns its rest. */
    String command(String c) throws Exception {
      in.println(c);
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ok " + c)) {
          return line.substring(("ok " + c).length()).trim();
        }
        // AnnotatedWorker prints its polling interval to stdout
      }
      throw new IllegalStateException(name + ": worker JVM ended (exit " + process.waitFor() + ")");
    }
  }

  static StartWorkflowRequest request(String name) {
    StartWorkflowRequest req = new StartWorkflowRequest();
    req.setName(name);
    req.setVersion(1);
    req.setInput(Map.of("x", "hello"));
    return req;
  }

  /** Starts one workflow and waits for it; returns {client ms, server ms}. */
  static long[] runOne(WorkflowClient workflows, String name) throws InterruptedException {
    long t0 = System.nanoTime();
    String id = workflows.startWorkflow(request(name));
    workflowIds.add(id);
    while (true) {
      Workflow w = workflows.getWorkflow(id, false);
      if (w.getStatus().isTerminal()) {
        long clientMs = (System.nanoTime() - t0) / 1_000_000;
        if (w.getStatus() != Workflow.WorkflowStatus.COMPLETED) {
          throw new IllegalStateException("workflow " + id + " ended " + w.getStatus());
        }
        return new long[] {clientMs, w.getEndTime() - w.getStartTime()};
      }
      Thread.sleep(2);
    }
  }

  static double throughput(WorkflowClient workflows, String name, int n) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    long t0 = System.nanoTime();
    List<Future<?>> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      started.add(
          starters.submit(
              () -> {
                String id = workflows.startWorkflow(request(name));
                ids.add(id);
                workflowIds.add(id);
              }));
    }
    for (Future<?> f : started) {
      f.get();
    }
    starters.shutdown();
    // Completions arrive roughly in start order: wait for each in turn.
    int done = 0;
    while (done < ids.size()) {
      Workflow w = workflows.getWorkflow(ids.get(done), false);
      if (w.getStatus().isTerminal()) {
        if (w.getStatus() != Workflow.WorkflowStatus.COMPLETED) {
          throw new IllegalStateException("workflow " + w.getWorkflowId() + " ended " + w.getStatus());
        }
        done++;
      } else {
        Thread.sleep(10);
      }
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  static long cpuNanos(Process p) {
    return p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }

  static String format(List<Double> ratios) {
    List<String> s = new ArrayList<>();
    for (double r : ratios) {
      s.add(String.format(Locale.ROOT, "%.2f", r));
    }
    return String.join(" ", s);
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "n/a";
    }
  }

  // ---- the worker JVM

  /** The trivial task: echoes its input. */
  public static class Noop {
    public Map<String, Object> noop(@InputParam("x") String x) {
      return Map.of("echo", x);
    }
  }

  /** A worker whose runner the parent starts and stops through stdin. */
  interface Runner {
    /** Stops the runner; returns "polls meanPollMs" for its run. */
    String stop() throws Exception;
  }

  /** Counts the poll requests a runner makes. */
  static final class PollCount {
    final java.util.concurrent.atomic.AtomicLong polls = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

    void add(Duration d) {
      polls.incrementAndGet();
      nanos.addAndGet(d.toNanos());
    }

    String summary() {
      long n = polls.get();
      return String.format(Locale.ROOT, "%d %.1f", n, n == 0 ? 0.0 : nanos.get() / 1e6 / n);
    }
  }

  static void child(String variant, String url, String task) throws Exception {
    Method m = Noop.class.getMethod("noop", String.class);
    Noop bean = new Noop();
    IdflowConfig config = config(url);
    ConductorClient conductor =
        variant.startsWith(IDFLOW)
            ? ConductorClients.create(config)
            : ConductorClient.builder().basePath(url + "/api").readTimeout(30_000).build();
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Runner running = null;
    String line;
    while ((line = stdin.readLine()) != null) {
      String reply = "";
      switch (line) {
        case "start" -> running = startRunner(variant, conductor, config, task, m, bean);
        case "stop" -> {
          reply = " " + running.stop();
          running = null;
        }
        default -> throw new IllegalArgumentException(line);
      }
      System.out.println("ok " + line + reply);
      System.out.flush();
    }
    if (running != null) {
      running.stop();
    }
    conductor.shutdown();
    System.exit(0);
  }

  static Runner startRunner(
      String variant,
      ConductorClient conductor,
      IdflowConfig config,
      String task,
      Method m,
      Object bean) {
    PollCount count = new PollCount();
    if (variant.startsWith(IDFLOW)) {
      WorkerMethod w = new WorkerMethod(task, m, bean, 0, 0, "", "bench");
      TaskRunner runner =
          TaskRunner.builder(conductor)
              .workers(List.of(w), WorkerConfig.of(config))
              .listener(
                  e -> {
                    if (e instanceof RunnerEvent.PollSucceeded p) {
                      count.add(p.duration());
                    }
                  })
              .build();
      runner.start();
      return () -> {
        runner.shutdown();
        runner.awaitTermination(Duration.ofSeconds(30));
        return count.summary();
      };
    }
    AnnotatedWorker w = new AnnotatedWorker(task, m, bean);
    w.setPollingInterval(5);
    TaskRunnerConfigurer configurer =
        new TaskRunnerConfigurer.Builder(new TaskClient(conductor), List.of(w))
            .withTaskThreadCount(Map.of(task, 10))
            .withTaskPollTimeout(0)
            .withListener(PollCompleted.class, e -> count.add(e.getDuration()))
            .build();
    configurer.init();
    return () -> {
      configurer.shutdown();
      return count.summary();
    };
  }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-worker:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
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
import io.idflow.conductor.ConductorClients;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Worker benchmark: trivial one-task workflows completed by the idflow runner with its defaults, by
 * a plain TaskRunnerConfigurer with the SDK's defaults, and by a TaskRunnerConfigurer tuned as
 * conductor-notes §4 recommends. Each worker runs in its own JVM so that its CPU time can be read.
 *
 * <pre>
 * scripts/jbang bench/WorkerBench.java [--server URL] [--n 300] [--latency 100] [--idle 30]
 * </pre>
 */
public class WorkerBench {

  static final String[] VARIANTS = {"idflow-defaults", "sdk-defaults", "sdk-tuned"};

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1], args[2], args[3]);
      return;
    }
    String server = null;
    int n = 300;
    int latencyRuns = 100;
    int idleSeconds = 30;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server" -> server = args[++i];
        case "--n" -> n = Integer.parseInt(args[++i]);
        case "--latency" -> latencyRuns = Integer.parseInt(args[++i]);
        case "--idle" -> idleSeconds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    IdflowConfig config = config(server);
    String url = config.conductorUrl();
    System.out.printf(
        "WorkerBench against %s: %d workflows for throughput, %d sequential for latency,"
            + " idle CPU over %d s; %d CPUs%n",
        url, n, latencyRuns, idleSeconds, Runtime.getRuntime().availableProcessors());
    ConductorClient client = ConductorClients.create(config);
    WorkflowClient workflows = new WorkflowClient(client);
    List<Variant> variants = new ArrayList<>();
    // One worker JVM at a time: an idle worker that polls hard (the tuned SDK's) would slow the
    // server down for the others.
    for (String name : VARIANTS) {
      Variant v = Variant.start(client, url, name);
      variants.add(v);
      try {
        for (int i = 0; i < 20; i++) {
          runOne(workflows, v.workflow);
        }
        System.out.printf("%s: latency run ...%n", v.name);
        for (int i = 0; i < latencyRuns; i++) {
          long c0 = cpuNanos(v.process);
          long[] r = runOne(workflows, v.workflow);
          v.cpuRun += cpuNanos(v.process) - c0;
          v.clientMs.add(r[0]);
          v.serverMs.add(r[1]);
        }
        System.out.printf("%s: throughput run ...%n", v.name);
        long c0 = cpuNanos(v.process);
        v.wfPerSecond = throughput(workflows, v.workflow, n);
        v.cpuRun += cpuNanos(v.process) - c0;
        System.out.printf("%s: first workflow after 3 s without work ...%n", v.name);
        for (int i = 0; i < 5; i++) {
          Thread.sleep(3000);
          v.afterIdleMs.add(runOne(workflows, v.workflow)[0]);
        }
        System.out.printf("%s: idle CPU over %d s ...%n", v.name, idleSeconds);
        Thread.sleep(3000);
        v.idle0 = cpuNanos(v.process);
        Thread.sleep(idleSeconds * 1000L);
        v.idleCpu = cpuNanos(v.process) - v.idle0;
      } finally {
        v.stop(client);
      }
    }
    System.out.println();
    System.out.printf(
        "%-16s %9s %8s %8s %10s %12s %14s %13s%n",
        "worker", "wf/s", "p50 ms", "p99 ms", "server p50", "after idle", "CPU s (run)",
        "idle CPU s");
    for (Variant v : variants) {
      System.out.printf(
          Locale.ROOT,
          "%-16s %9.1f %8d %8d %10d %12d %14.2f %13.2f%n",
          v.name,
          v.wfPerSecond,
          percentile(v.clientMs, 50),
          percentile(v.clientMs, 99),
          percentile(v.serverMs, 50),
          percentile(v.afterIdleMs, 50),
          v.cpuRun / 1e9,
          v.idleCpu / 1e9);
    }
    System.out.printf(
        "%nwf/s: %d workflows started by 8 threads, first start to last completion, one worker"
            + " at a time. p50/p99: %d sequential workflows per worker, each worker JVM running"
            + " alone; start to COMPLETED seen by the client (polling every 2 ms); server p50:"
            + " the workflow's endTime - startTime. after idle: median of 5 workflows, each"
            + " after 3 s without work. CPU s (run): the worker JVM's CPU time during its"
            + " latency and throughput runs; idle CPU s: its CPU time over %d s without"
            + " work.%n",
        n, latencyRuns, idleSeconds);
    client.shutdown();
    System.exit(0);
  }

  static IdflowConfig config(String server) {
    ConfigLoader loader = new ConfigLoader().workingDir(Path.of("").toAbsolutePath());
    loader.flag("conductor.server_url", server, "--server");
    return loader.load();
  }

  /** One worker variant: its JVM, its workflow, its figures. */
  static final class Variant {
    final String name;
    final String workflow;
    final Process process;
    final List<Long> clientMs = new ArrayList<>();
    final List<Long> serverMs = new ArrayList<>();
    final List<Long> afterIdleMs = new ArrayList<>();
    long cpuRun;
    long idle0;
    long idleCpu;
    double wfPerSecond;

    Variant(String name, String workflow, Process process) {
      this.name = name;
      this.workflow = workflow;
      this.process = process;
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

      System.out.printf("%s: starting the worker JVM ...%n", variant);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(WorkerBench.class.getName());
      cmd.add("--child");
      cmd.add(variant);
      cmd.add(url);
      cmd.add(task);
      Process child =
          new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader childOut =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = childOut.readLine()) != null && !line.equals("ready")) {
        // AnnotatedWorker prints its polling interval to stdout
      }
      return new Variant(variant, wf.getName(), child);
    }

    void stop(ConductorClient client) throws Exception {
      process.getOutputStream().close();
      process.waitFor();
      new MetadataClient(client).unregisterWorkflowDef(workflow, 1);
    }
  }

  /** Starts one workflow and waits for it; returns {client ms, server ms}. */
  static long[] runOne(WorkflowClient workflows, String name) throws InterruptedException {
    StartWorkflowRequest req = new StartWorkflowRequest();
    req.setName(name);
    req.setVersion(1);
    req.setInput(Map.of("x", "hello"));
    long t0 = System.nanoTime();
    String id = workflows.startWorkflow(req);
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
    ExecutorService starters = Executors.newFixedThreadPool(8);
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    long t0 = System.nanoTime();
    List<Future<?>> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      started.add(
          starters.submit(
              () -> {
                StartWorkflowRequest req = new StartWorkflowRequest();
                req.setName(name);
                req.setVersion(1);
                req.setInput(Map.of("x", "hello"));
                ids.add(workflows.startWorkflow(req));
              }));
    }
    for (Future<?> f : started) {
      f.get();
    }
    starters.shutdown();
    // Completions arrive roughly in start order: wait for each in turn.
    int done = 0;
    while (done < ids.size()) {
      if (workflows.getWorkflow(ids.get(done), false).getStatus().isTerminal()) {
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

  // ---- the worker JVM

  /** The trivial task: echoes its input. */
  public static class Noop {
    public Map<String, Object> noop(@InputParam("x") String x) {
      return Map.of("echo", x);
    }
  }

  static void child(String variant, String url, String task) throws Exception {
    Method m = Noop.class.getMethod("noop", String.class);
    Noop bean = new Noop();
    Runnable stop;
    switch (variant) {
      case "idflow-defaults" -> {
        IdflowConfig config = config(url);
        ConductorClient client = ConductorClients.create(config);
        WorkerMethod w = new WorkerMethod(task, m, bean, 0, 0, "", "bench");
        TaskRunner runner =
            TaskRunner.builder(client).workers(List.of(w), WorkerConfig.of(config)).build();
        runner.start();
        stop =
            () -> {
              runner.shutdown();
              try {
                runner.awaitTermination(Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              client.shutdown();
            };
      }
      case "sdk-defaults", "sdk-tuned" -> {
        boolean tuned = variant.equals("sdk-tuned");
        ConductorClient client =
            ConductorClient.builder().basePath(url + "/api").readTimeout(30_000).build();
        AnnotatedWorker w = new AnnotatedWorker(task, m, bean);
        TaskRunnerConfigurer.Builder b =
            new TaskRunnerConfigurer.Builder(new TaskClient(client), List.of(w));
        if (tuned) {
          w.setPollingInterval(5);
          b.withTaskThreadCount(Map.of(task, 10)).withTaskPollTimeout(0);
        } else {
          // @WorkerTask's defaults: threadCount 1, pollingInterval 100; the poll timeout stays 100.
          b.withTaskThreadCount(Map.of(task, 1));
        }
        TaskRunnerConfigurer configurer = b.build();
        configurer.init();
        stop =
            () -> {
              configurer.shutdown();
              client.shutdown();
            };
      }
      default -> throw new IllegalArgumentException(variant);
    }
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until the parent closes stdin
    }
    stop.run();
    System.exit(0);
  }
}

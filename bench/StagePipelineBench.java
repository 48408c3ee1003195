///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-stage:0.1.0-SNAPSHOT
//DEPS io.idflow:idflow-worker:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.stage.StageEngine;
import io.idflow.stage.StageLaunch;
import io.idflow.stage.StageTasks;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Stage pipeline benchmark: documents through two stages on a real Conductor, with idflow's
 * TaskRunner executing the stage system task ({@code update_stage_status}) and a trivial worker in
 * this JVM. Stage A runs one workflow of one trivial SIMPLE task (or INLINE, {@code --inline}) for
 * every document with {@code kind: bench}; stage B, which requires A done, runs another such
 * workflow. A document is added with the store ({@code doc add}), whose stage listener starts A;
 * the write that marks A done starts B.
 *
 * <p>Two phases, each interleaved with WorkerBench's bare workflow (one trivial task, started and
 * polled every 2 ms until COMPLETED) on the same worker: {@code --sequential K} documents one at a
 * time, each followed by its share of {@code --bare N} bare workflows; then {@code --docs N}
 * documents with {@code --concurrency C} in flight while a bare workflow runs every {@code
 * --bare-gap-ms}. A stage's done time is the modification time of its {@code stage.md} (written by
 * update_stage_status and, since the store skips unchanged files, never again), checked against the
 * update_stage_status task's times on Conductor; stage A is timed from the start of {@code
 * store.create}, stage B from A's done.
 *
 * <p>Everything registered is named {@code bench_<random>_...}; {@code stage_workflow} and {@code
 * update_stage_status} are registered only when missing. At the end every workflow execution the
 * run created and every definition it registered are deleted (unless {@code --keep}).
 *
 * <pre>
 * scripts/jbang bench/StagePipelineBench.java --server http://localhost:8080 [--docs 300]
 *     [--concurrency 4] [--sequential 30] [--bare 60] [--bare-gap-ms 1000] [--inline]
 *     [--timeout-s 90] [--stage-workflow workflows/stage_workflow/stage_workflow.json]
 *     [--no-fsync] [--keep]
 * </pre>
 */
public class StagePipelineBench {

  static final String OWNER = "bench@idflow.io";
  static final String STATUS_TASK = "update_stage_status";

  public static void main(String... args) throws Exception {
    String server = null;
    int docs = 300;
    int concurrency = 4;
    int sequential = 30;
    int bare = 60;
    int bareGapMs = 1000;
    int timeoutSeconds = 90;
    boolean inline = false;
    boolean keep = false;
    boolean fsync = true;
    Path stageWorkflowFile = Path.of("workflows/stage_workflow/stage_workflow.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server" -> server = args[++i];
        case "--docs" -> docs = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--sequential" -> sequential = Integer.parseInt(args[++i]);
        case "--bare" -> bare = Integer.parseInt(args[++i]);
        case "--bare-gap-ms" -> bareGapMs = Integer.parseInt(args[++i]);
        case "--timeout-s" -> timeoutSeconds = Integer.parseInt(args[++i]);
        case "--inline" -> inline = true;
        case "--keep" -> keep = true;
        case "--no-fsync" -> fsync = false;
        case "--stage-workflow" -> stageWorkflowFile = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    long t0 = System.nanoTime();
    String prefix = "bench_" + UUID.randomUUID().toString().substring(0, 8);
    Path project = Files.createTempDirectory("stagepipelinebench");
    Names names = new Names(prefix);
    writeProject(project, server, names, fsync);
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    System.out.printf(
        "StagePipelineBench against %s: stages %s -> %s (one %s task each), %d documents one at"
            + " a time with %d bare workflows, then %d documents with %d in flight; store fsync"
            + " %s; %d CPUs, Java %s%nload average at start: %s%n",
        config.conductorUrl(),
        names.stageA,
        names.stageB,
        inline ? "INLINE" : "SIMPLE",
        sequential,
        bare,
        docs,
        concurrency,
        fsync ? "on" : "off",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        loadAverage());

    IdflowConductorClient client = ConductorClients.create(config);
    Registry registry = new Registry(new MetadataClient(client));
    Set<String> executions = ConcurrentHashMap.newKeySet();
    List<Run> allRuns = new CopyOnWriteArrayList<>();
    TaskRunner runner = null;
    try {
      register(registry, names, inline, stageWorkflowFile);
      IdflowConductorClient runnerClient = ConductorClients.create(config);
      List<WorkerMethod> workers = new ArrayList<>(WorkerMethod.allOf(new StageTasks(config)));
      Method noop = Noop.class.getMethod("noop", String.class);
      workers.add(new WorkerMethod(names.task, noop, new Noop(), 0, 0, "", "bench"));
      runner =
          TaskRunner.builder(runnerClient)
              .gracePeriod(Duration.ofSeconds(10))
              .workers(workers, WorkerConfig.of(config))
              .build();
      runner.start();

      List<String> warnings = new CopyOnWriteArrayList<>();
      WorkflowClient workflows = new WorkflowClient(client);
      try (DocumentStore store =
          DocumentStores.open(
              config, DocumentStores.Options.defaults().withWarnings(warnings::add))) {
        Driver driver = new Driver(store, workflows, names, executions, allRuns);
        System.out.println("warm-up: 3 documents and 5 bare workflows ...");
        Phase warmUp = driver.sequential(3, 5, Duration.ofSeconds(timeoutSeconds));

        Phase one = null;
        if (sequential > 0) {
          System.out.printf(
              "phase 1: %d documents one at a time ... (%s)%n", sequential, elapsed(t0));
          one = driver.sequential(sequential, bare, Duration.ofSeconds(timeoutSeconds));
        }
        Phase two = null;
        if (docs > 0) {
          System.out.printf(
              "phase 2: %d documents, %d in flight ... (%s)%n", docs, concurrency, elapsed(t0));
          two = driver.concurrent(docs, concurrency, bareGapMs, Duration.ofSeconds(timeoutSeconds));
        }
        System.out.printf("reading the runs from Conductor ... (%s)%n", elapsed(t0));
        Analysis analysis = new Analysis(store, workflows, names, executions);
        analysis.read(warmUp, false);
        if (one != null) {
          analysis.read(one, true);
        }
        if (two != null) {
          analysis.read(two, true);
        }
        System.out.println();
        if (one != null) {
          report(
              "phase 1: "
                  + sequential
                  + " documents one at a time, "
                  + one.bareMs.size()
                  + " bare workflows between them",
              one,
              false);
        }
        if (two != null) {
          report(
              "phase 2: "
                  + docs
                  + " documents, "
                  + concurrency
                  + " in flight, a bare workflow"
                  + " every "
                  + bareGapMs
                  + " ms meanwhile",
              two,
              true);
        }
        analysis.printExecutions();
        analysis.printBreakdown();
        if (!warnings.isEmpty()) {
          System.out.printf("%nstore warnings: %d, first: %s%n", warnings.size(), warnings.get(0));
        }
      }
    } finally {
      if (runner != null) {
        runner.shutdown();
        runner.awaitTermination(Duration.ofSeconds(15));
      }
      if (keep) {
        System.out.printf("%nkept: project %s, definitions and executions%n", project);
      } else {
        cleanUp(new WorkflowClient(client), executions, allRuns, registry, names);
        deleteTree(project);
      }
      client.shutdown();
      System.out.printf("done (%s)%n", elapsed(t0));
    }
    System.exit(0);
  }

  // ---- set-up

  /** The names of this run. */
  static final class Names {
    final String task;
    final String workflowA;
    final String workflowB;
    final String bare;
    final String stageA;
    final String stageB;

    Names(String prefix) {
      task = prefix + "_noop";
      workflowA = prefix + "_a_wf";
      workflowB = prefix + "_b_wf";
      bare = prefix + "_bare_wf";
      stageA = prefix + "_a";
      stageB = prefix + "_b";
    }
  }

  static void writeProject(Path project, String server, Names names, boolean fsync)
      throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.createDirectories(project.resolve("stages"));
    Files.writeString(
        project.resolve("config/idflow.yml"),
        "base_dir: data\n"
            + (fsync ? "" : "fs_markdown:\n  fsync: false\n")
            + (server == null ? "" : "conductor:\n  server_url: " + server + "\n"));
    Files.writeString(
        project.resolve("stages/a.yml"),
        """
        name: %s
        workflows:
          - name: %s
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: bench}
        """
            .formatted(names.stageA, names.workflowA));
    Files.writeString(
        project.resolve("stages/b.yml"),
        """
        name: %s
        workflows:
          - name: %s
        requirements:
          stages:
            %s: {status: done}
        """
            .formatted(names.stageB, names.workflowB, names.stageA));
  }

  /** What this run registered, to be removed at the end. */
  static final class Registry {
    final MetadataClient meta;
    final List<String> taskDefs = new ArrayList<>();
    final List<String> workflowDefs = new ArrayList<>();

    Registry(MetadataClient meta) {
      this.meta = meta;
    }
  }

  static void register(Registry r, Names names, boolean inline, Path stageWorkflowFile)
      throws IOException {
    if (!taskDefExists(r.meta, STATUS_TASK)) {
      TaskDef status = new TaskDef(STATUS_TASK);
      // As StageTasks' @TaskDefinition says.
      status.setRetryCount(3);
      status.setRetryDelaySeconds(5);
      status.setTimeoutSeconds(120);
      status.setResponseTimeoutSeconds(60);
      status.setOwnerEmail(OWNER);
      r.meta.registerTaskDefs(List.of(status));
      r.taskDefs.add(STATUS_TASK);
      System.out.println("registered task definition " + STATUS_TASK + " (removed at the end)");
    }
    if (!workflowDefExists(r.meta, StageLaunch.STAGE_WORKFLOW)) {
      WorkflowDef def = new ObjectMapper().readValue(stageWorkflowFile.toFile(), WorkflowDef.class);
      r.meta.updateWorkflowDefs(List.of(def));
      r.workflowDefs.add(StageLaunch.STAGE_WORKFLOW);
      System.out.println(
          "registered "
              + StageLaunch.STAGE_WORKFLOW
              + " from "
              + stageWorkflowFile
              + " (removed at the end)");
    }
    if (!inline) {
      TaskDef def = new TaskDef(names.task);
      def.setRetryCount(0);
      def.setResponseTimeoutSeconds(60);
      def.setTimeoutSeconds(300);
      def.setOwnerEmail(OWNER);
      r.meta.registerTaskDefs(List.of(def));
      r.taskDefs.add(names.task);
    }
    List<WorkflowDef> defs = new ArrayList<>();
    for (String wf : List.of(names.workflowA, names.workflowB)) {
      defs.add(oneTask(wf, names.task, inline));
    }
    // The bare workflow is WorkerBench's: always the SIMPLE task on the in-process worker.
    if (inline) {
      TaskDef def = new TaskDef(names.task);
      def.setRetryCount(0);
      def.setResponseTimeoutSeconds(60);
      def.setTimeoutSeconds(300);
      def.setOwnerEmail(OWNER);
      r.meta.registerTaskDefs(List.of(def));
      r.taskDefs.add(names.task);
    }
    defs.add(oneTask(names.bare, names.task, false));
    r.meta.updateWorkflowDefs(defs);
    defs.forEach(d -> r.workflowDefs.add(d.getName()));
  }

  static boolean taskDefExists(MetadataClient meta, String name) {
    try {
      return meta.getTaskDef(name) != null;
    } catch (ConductorClientException e) {
      if (e.getStatus() == 404) {
        return false;
      }
      throw e;
    }
  }

  static boolean workflowDefExists(MetadataClient meta, String name) {
    try {
      return meta.getWorkflowDef(name, null) != null;
    } catch (ConductorClientException e) {
      if (e.getStatus() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** A workflow of one trivial task: the in-process worker's echo, or an INLINE expression. */
  static WorkflowDef oneTask(String name, String task, boolean inline) {
    WorkflowTask t = new WorkflowTask();
    if (inline) {
      t.setName("noop");
      t.setTaskReferenceName("t");
      t.setType("INLINE");
      t.setInputParameters(
          Map.of("evaluatorType", "graaljs", "expression", "$.x", "x", "${workflow.input.docId}"));
    } else {
      t.setName(task);
      t.setTaskReferenceName("t");
      t.setInputParameters(Map.of("x", "${workflow.input.docId}"));
    }
    WorkflowDef wf = new WorkflowDef();
    wf.setName(name);
    wf.setVersion(1);
    wf.setSchemaVersion(2);
    wf.setOwnerEmail(OWNER);
    wf.setTasks(List.of(t));
    return wf;
  }

  /** The trivial task: echoes its input. */
  public static class Noop {
    public Map<String, Object> noop(@InputParam("x") String x) {
      return Map.of("echo", x == null ? "" : x);
    }
  }

  // ---- driving documents and bare workflows

  /** One document through the pipeline. */
  static final class Run {
    final String docId;
    final Instant added;
    volatile boolean finished;
    volatile boolean read;
    volatile String failure;
    Instant aDone;
    Instant bDone;
    final Map<String, StageRun> stages = new LinkedHashMap<>();

    Run(String docId, Instant added) {
      this.docId = docId;
      this.added = added;
    }
  }

  /** One stage run of a document, as Conductor recorded it. */
  static final class StageRun {
    String workflowId;
    int executionsBySearch;
    int executionsByIds;
    long wfStart;
    long subStart;
    long subEnd;
    long statusScheduled;
    long statusStart;
    long statusEnd;
    long wfEnd;
  }

  /** The figures of one phase. */
  static final class Phase {
    final List<Run> runs = new ArrayList<>();
    final List<Long> bareMs = Collections.synchronizedList(new ArrayList<>());
    final List<Long> bareServerMs = Collections.synchronizedList(new ArrayList<>());
    String loadBefore;
    String loadAfter;
  }

  static final class Driver {
    final DocumentStore store;
    final WorkflowClient workflows;
    final Names names;
    final Set<String> executions;
    final List<Run> allRuns;
    final List<Long> bareMs = new ArrayList<>();
    final List<Long> bareServerMs = new ArrayList<>();

    Driver(
        DocumentStore store,
        WorkflowClient workflows,
        Names names,
        Set<String> executions,
        List<Run> allRuns) {
      this.store = store;
      this.workflows = workflows;
      this.names = names;
      this.executions = executions;
      this.allRuns = allRuns;
    }

    void reset() {
      bareMs.clear();
      bareServerMs.clear();
    }

    /** doc add: store.create, whose listener evaluates the stages and starts stage A. */
    Run add() {
      Document doc = Document.create().put("title", "Bench document").put("kind", "bench");
      Instant added = Instant.now();
      Run run = new Run(doc.id(), added);
      allRuns.add(run);
      store.create(doc);
      return run;
    }

    /** Checks a run once; true when it ended (B done, or a stage stopped). */
    boolean check(Run run) {
      Optional<Document> doc = store.find(run.docId);
      if (doc.isEmpty()) {
        run.failure = "document gone";
        run.finished = true;
        return true;
      }
      for (StageInstance s : doc.get().stages()) {
        StageStatus st = s.status();
        if (st == StageStatus.BLOCKED || st == StageStatus.CANCELLED) {
          run.failure = "stage " + s.name() + " " + st + ": " + s.get(StageEngine.FAILURE);
          run.finished = true;
          return true;
        }
      }
      Optional<StageInstance> b = doc.get().stage(names.stageB, 1);
      if (b.isPresent() && b.get().status() == StageStatus.DONE) {
        run.finished = true;
        return true;
      }
      return false;
    }

    void awaitOne(Run run, Duration timeout) throws InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      while (!check(run)) {
        if (Instant.now().isAfter(deadline)) {
          run.failure = "not done within " + timeout;
          return;
        }
        Thread.sleep(5);
      }
    }

    /** WorkerBench's bare workflow: start it, poll every 2 ms until COMPLETED. */
    void bare() throws InterruptedException {
      StartWorkflowRequest req = new StartWorkflowRequest();
      req.setName(names.bare);
      req.setVersion(1);
      req.setInput(Map.of("docId", "hello"));
      long t0 = System.nanoTime();
      String id = workflows.startWorkflow(req);
      executions.add(id);
      while (true) {
        Workflow w = workflows.getWorkflow(id, false);
        if (w.getStatus().isTerminal()) {
          long ms = (System.nanoTime() - t0) / 1_000_000;
          if (w.getStatus() != Workflow.WorkflowStatus.COMPLETED) {
            throw new IllegalStateException("bare workflow " + id + " ended " + w.getStatus());
          }
          synchronized (this) {
            bareMs.add(ms);
            bareServerMs.add(w.getEndTime() - w.getStartTime());
          }
          return;
        }
        Thread.sleep(2);
      }
    }

    Phase sequential(int k, int bare, Duration timeout) throws Exception {
      Phase phase = new Phase();
      reset();
      phase.loadBefore = loadAverage();
      int taken = 0;
      for (int i = 0; i < k; i++) {
        Run run = add();
        phase.runs.add(run);
        awaitOne(run, timeout);
        // This document's share of the bare workflows, right after it.
        while (taken < (long) (i + 1) * bare / k) {
          bare();
          taken++;
        }
      }
      phase.loadAfter = loadAverage();
      phase.bareMs.addAll(bareMs);
      phase.bareServerMs.addAll(bareServerMs);
      return phase;
    }

    Phase concurrent(int n, int inFlight, int bareGapMs, Duration timeout) throws Exception {
      Phase phase = new Phase();
      reset();
      phase.loadBefore = loadAverage();
      Semaphore permits = new Semaphore(inFlight);
      Set<Run> open = ConcurrentHashMap.newKeySet();
      AtomicBoolean over = new AtomicBoolean();
      ExecutorService threads = Executors.newFixedThreadPool(2);
      Future<?> poller =
          threads.submit(
              () -> {
                while (!over.get()) {
                  for (Run r : open) {
                    if (check(r)) {
                      open.remove(r);
                      permits.release();
                    }
                  }
                  Thread.sleep(20);
                }
                return null;
              });
      Future<?> bares =
          threads.submit(
              () -> {
                while (!over.get()) {
                  bare();
                  Thread.sleep(bareGapMs);
                }
                return null;
              });
      try {
        for (int i = 0; i < n; i++) {
          permits.acquire();
          Run run = add();
          phase.runs.add(run);
          open.add(run);
        }
        Instant deadline = Instant.now().plus(timeout);
        while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
          Thread.sleep(20);
        }
        for (Run r : open) {
          r.failure = "not done within " + timeout + " after the last add";
        }
      } finally {
        over.set(true);
        poller.get();
        bares.get();
        threads.shutdown();
      }
      phase.loadAfter = loadAverage();
      phase.bareMs.addAll(bareMs);
      phase.bareServerMs.addAll(bareServerMs);
      return phase;
    }
  }

  // ---- reading the runs back

  static final class Analysis {
    final DocumentStore store;
    final WorkflowClient workflows;
    final Names names;
    final Set<String> executionIds;
    final List<StageRun> all = new CopyOnWriteArrayList<>();
    final Map<String, List<Long>> parts = new LinkedHashMap<>();
    int mtimeChecks;
    int mtimeConsistent;

    Analysis(DocumentStore store, WorkflowClient workflows, Names names, Set<String> executionIds) {
      this.store = store;
      this.workflows = workflows;
      this.names = names;
      this.executionIds = executionIds;
    }

    /**
     * Done times from the stage files, Conductor's times and executions per stage run; the
     * executions found are collected for the clean-up.
     *
     * @param figures whether the phase counts in the executions and the breakdown (not the warm-up)
     */
    void read(Phase phase, boolean figures) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      for (Run run : phase.runs) {
        futures.add(pool.submit(() -> read(run, figures)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      if (figures) {
        for (Run run : phase.runs) {
          consistency(run);
        }
      }
    }

    private Void read(Run run, boolean figures) throws IOException {
      Document doc = store.get(run.docId);
      Path folder = store.locate(run.docId).orElseThrow().getParent();
      for (String stage : List.of(names.stageA, names.stageB)) {
        Optional<StageInstance> s = doc.stage(stage, 1);
        if (s.isEmpty()) {
          continue;
        }
        Path file = folder.resolve("stages").resolve(stage).resolve("1").resolve("stage.md");
        if (s.get().status() == StageStatus.DONE) {
          Instant done = Files.getLastModifiedTime(file).toInstant();
          if (stage.equals(names.stageA)) {
            run.aDone = done;
          } else {
            run.bDone = done;
          }
        }
        StageRun sr = new StageRun();
        Object id = s.get().get(StageEngine.WORKFLOW_ID);
        String correlationId = StageLaunch.correlationId(run.docId, stage, 1);
        SearchResult<WorkflowSummary> found =
            workflows.search(0, 20, null, "*", "correlationId=" + correlationId);
        Set<String> bySearch = new LinkedHashSet<>();
        if (found != null && found.getResults() != null) {
          found.getResults().stream()
              .filter(w -> correlationId.equals(w.getCorrelationId()))
              .forEach(w -> bySearch.add(w.getWorkflowId()));
        }
        sr.executionsBySearch = bySearch.size();
        executionIds.addAll(bySearch);
        if (id != null) {
          sr.workflowId = id.toString();
          Workflow wf = workflows.getWorkflow(sr.workflowId, true);
          Set<String> byIds = new LinkedHashSet<>();
          byIds.add(wf.getWorkflowId());
          sr.wfStart = wf.getStartTime();
          sr.wfEnd = wf.getEndTime();
          boolean forked = false;
          long firstScheduled = Long.MAX_VALUE;
          long lastEnded = 0;
          for (Task t : wf.getTasks()) {
            if ("SUB_WORKFLOW".equals(t.getTaskType())) {
              if (t.getSubWorkflowId() != null) {
                byIds.add(t.getSubWorkflowId());
              }
              forked = true;
              sr.subStart = t.getStartTime();
              sr.subEnd = t.getEndTime();
            } else if (STATUS_TASK.equals(t.getTaskDefName())) {
              if (t.getStatus() == Task.Status.COMPLETED) {
                sr.statusScheduled = t.getScheduledTime();
                sr.statusStart = t.getStartTime();
                sr.statusEnd = t.getEndTime();
              }
            } else {
              firstScheduled = Math.min(firstScheduled, t.getScheduledTime());
              lastEnded = Math.max(lastEnded, t.getEndTime());
            }
          }
          if (!forked && lastEnded > 0) {
            // A stage of one workflow runs folded: its tasks are the stage run's own.
            sr.subStart = firstScheduled;
            sr.subEnd = lastEnded;
          }
          sr.executionsByIds = byIds.size();
          executionIds.addAll(byIds);
        }
        run.stages.put(stage, sr);
        run.read = true;
        if (figures) {
          all.add(sr);
        }
      }
      return null;
    }

    /**
     * Checks the stage files' times against Conductor's: a stage's done is written while its
     * update_stage_status task runs, and B's stage workflow starts after A's done.
     */
    private void consistency(Run run) {
      StageRun a = run.stages.get(names.stageA);
      StageRun b = run.stages.get(names.stageB);
      if (run.aDone != null && a != null && a.statusStart > 0) {
        long done = run.aDone.toEpochMilli();
        mtimeChecks++;
        if (done >= a.statusStart - 1
            && done <= a.statusEnd + 1
            && (b == null || b.wfStart >= done - 1)) {
          mtimeConsistent++;
        }
        add("A", run.added, run.aDone, a);
      }
      if (run.bDone != null && b != null && b.statusStart > 0) {
        long done = run.bDone.toEpochMilli();
        mtimeChecks++;
        if (done >= b.statusStart - 1 && done <= b.statusEnd + 1) {
          mtimeConsistent++;
        }
        add("B", run.aDone, run.bDone, b);
      }
    }

    /** Where a stage's time went, in ms: trigger to stage workflow start, ..., to done written. */
    private void add(String stage, Instant trigger, Instant done, StageRun s) {
      long t = trigger.toEpochMilli();
      long d = done.toEpochMilli();
      part(stage, "1 trigger -> stage_workflow started", s.wfStart - t);
      part(stage, "2 started -> the workflow scheduled", s.subStart - s.wfStart);
      part(stage, "3 the workflow (scheduled to its end)", s.subEnd - s.subStart);
      part(stage, "4 -> update_stage_status scheduled", s.statusScheduled - s.subEnd);
      part(stage, "5 -> polled by the runner", s.statusStart - s.statusScheduled);
      part(stage, "6 -> stage done written", d - s.statusStart);
      part(stage, "7 done written -> task completed", s.statusEnd - d);
    }

    private void part(String stage, String what, long ms) {
      parts.computeIfAbsent(what + " [" + stage + "]", k -> new ArrayList<>()).add(ms);
    }

    void printExecutions() {
      Map<String, Integer> bySearch = new java.util.TreeMap<>();
      Map<String, Integer> byIds = new java.util.TreeMap<>();
      for (StageRun s : all) {
        bySearch.merge(String.valueOf(s.executionsBySearch), 1, Integer::sum);
        byIds.merge(String.valueOf(s.executionsByIds), 1, Integer::sum);
      }
      System.out.printf(
          "%nConductor workflow executions per stage run (%d stage runs; target <= 1 + 1 workflow"
              + " = 2; a stage of one workflow runs folded into one):%n  by search on the"
              + " correlation id: %s%n  by workflow ids (stage workflow + its sub-workflows):"
              + " %s%n  (executions -> stage runs)%n",
          all.size(), bySearch, byIds);
    }

    void printBreakdown() {
      System.out.printf(
          "%nwhere a stage's time goes (ms, from Conductor's task times and the stage files;"
              + " all phases;%n stage A is triggered by store.create, B by A's done; done times"
              + " consistent with Conductor's: %d of %d):%n",
          mtimeConsistent, mtimeChecks);
      System.out.printf("  %-52s %6s %6s %6s%n", "part", "p50", "p95", "max");
      parts.entrySet().stream()
          .sorted(
              Map.Entry.comparingByKey(Comparator.comparing(k -> k.substring(k.length() - 2) + k)))
          .forEach(
              e ->
                  System.out.printf(
                      "  %-52s %6d %6d %6d%n",
                      e.getKey(),
                      percentile(e.getValue(), 50),
                      percentile(e.getValue(), 95),
                      Collections.max(e.getValue())));
    }
  }

  // ---- figures

  static void report(String title, Phase phase, boolean throughput) {
    List<Long> total = new ArrayList<>();
    List<Long> a = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    for (Run r : phase.runs) {
      if (r.failure != null || r.aDone == null || r.bDone == null) {
        failures.add(
            r.docId
                + ": "
                + (r.failure != null ? r.failure : "no done time")
                + " (stage workflows "
                + r.stages.values().stream().map(x -> x.workflowId).toList()
                + ")");
        continue;
      }
      total.add(Duration.between(r.added, r.bDone).toMillis());
      a.add(Duration.between(r.added, r.aDone).toMillis());
      b.add(Duration.between(r.aDone, r.bDone).toMillis());
      first = first == null || r.added.isBefore(first) ? r.added : first;
      last = last == null || r.bDone.isAfter(last) ? r.bDone : last;
    }
    System.out.printf(
        "%s (load average %s before, %s after)%n", title, phase.loadBefore, phase.loadAfter);
    if (total.isEmpty()) {
      System.out.printf("  no document finished; failures: %s%n", failures);
      return;
    }
    double minutes = Duration.between(first, last).toMillis() / 60_000.0;
    List<Instant> doneTimes =
        phase.runs.stream()
            .filter(r -> r.failure == null && r.bDone != null)
            .map(r -> r.bDone)
            .sorted()
            .toList();
    Instant ninetyFive = doneTimes.get((int) Math.ceil(0.95 * doneTimes.size()) - 1);
    double minutes95 = Duration.between(first, ninetyFive).toMillis() / 60_000.0;
    long bareP50 = percentile(phase.bareMs, 50);
    System.out.printf(
        Locale.ROOT,
        "  documents finished: %d of %d; %s%n"
            + "  add -> last stage done: p50 %d ms, p95 %d ms%n"
            + "  stage A (add -> A done): p50 %d ms, p95 %d ms%n"
            + "  stage B (A done -> B done): p50 %d ms, p95 %d ms%n"
            + "  bare one-task workflow (%d samples): p50 %d ms, p95 %d ms (server p50 %d ms)%n"
            + "  stage p50 / bare p50: A %.1fx, B %.1fx (target <= 3x) -> %s%n",
        total.size(),
        phase.runs.size(),
        throughput
            ? String.format(
                Locale.ROOT,
                "%.1f documents per minute (first add to last done); the first 95 %% done after"
                    + " %.0f s (%.1f per minute)",
                total.size() / minutes,
                minutes95 * 60,
                Math.ceil(0.95 * doneTimes.size()) / minutes95)
            : "one at a time",
        percentile(total, 50),
        percentile(total, 95),
        percentile(a, 50),
        percentile(a, 95),
        percentile(b, 50),
        percentile(b, 95),
        phase.bareMs.size(),
        bareP50,
        percentile(phase.bareMs, 95),
        percentile(phase.bareServerMs, 50),
        percentile(a, 50) / (double) bareP50,
        percentile(b, 50) / (double) bareP50,
        Math.max(percentile(a, 50), percentile(b, 50)) <= 3 * bareP50 ? "met" : "MISSED");
    if (!failures.isEmpty()) {
      System.out.printf("  failures (%d), first: %s%n", failures.size(), failures.get(0));
    }
    phase.runs.stream()
        .filter(r -> r.failure == null && r.bDone != null)
        .sorted(Comparator.comparing((Run r) -> Duration.between(r.added, r.bDone)).reversed())
        .limit(3)
        .forEach(
            r ->
                System.out.printf(
                    "  slow: %s %d ms (stage workflows %s)%n",
                    r.docId,
                    Duration.between(r.added, r.bDone).toMillis(),
                    r.stages.values().stream().map(x -> x.workflowId).toList()));
  }

  static String elapsed(long t0) {
    return String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9);
  }

  static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    if (sorted.isEmpty()) {
      return -1;
    }
    Collections.sort(sorted);
    int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  // ---- clean-up

  static void cleanUp(
      WorkflowClient workflows, Set<String> executions, List<Run> runs, Registry r, Names names)
      throws Exception {
    // Every execution of this run's own workflows (the stage sub-workflows among them), also
    // when the run stopped before reading them back; stage_workflow's too when this run
    // registered it, else those of this run's documents that were not read back.
    List<String> types = new ArrayList<>(List.of(names.workflowA, names.workflowB, names.bare));
    if (r.workflowDefs.contains(StageLaunch.STAGE_WORKFLOW)) {
      types.add(StageLaunch.STAGE_WORKFLOW);
    } else {
      for (Run run : runs) {
        if (run.read) {
          continue;
        }
        for (String stage : List.of(names.stageA, names.stageB)) {
          String correlationId = StageLaunch.correlationId(run.docId, stage, 1);
          SearchResult<WorkflowSummary> found =
              workflows.search(0, 20, null, "*", "correlationId=" + correlationId);
          if (found != null && found.getResults() != null) {
            found.getResults().stream()
                .filter(w -> correlationId.equals(w.getCorrelationId()))
                .forEach(w -> executions.add(w.getWorkflowId()));
          }
        }
      }
    }
    for (String type : types) {
      for (int start = 0; ; start += 100) {
        SearchResult<WorkflowSummary> page =
            workflows.search(start, 100, null, "*", "workflowType=" + type);
        if (page == null || page.getResults() == null || page.getResults().isEmpty()) {
          break;
        }
        page.getResults().forEach(w -> executions.add(w.getWorkflowId()));
      }
    }
    System.out.printf(
        "%ncleaning up: %d workflow executions, workflow definitions %s, task definitions %s ...%n",
        executions.size(), r.workflowDefs, r.taskDefs);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    int[] failed = new int[1];
    for (String id : executions) {
      futures.add(
          pool.submit(
              () -> {
                try {
                  try {
                    workflows.deleteWorkflow(id, false);
                  } catch (ConductorClientException e) {
                    if (e.getStatus() == 404) {
                      return;
                    }
                    workflows.terminateWorkflow(id, "StagePipelineBench clean-up");
                    workflows.deleteWorkflow(id, false);
                  }
                } catch (ConductorClientException e) {
                  if (e.getStatus() != 404) {
                    synchronized (failed) {
                      failed[0]++;
                    }
                  }
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    for (String wf : r.workflowDefs) {
      r.meta.unregisterWorkflowDef(wf, 1);
    }
    for (String task : r.taskDefs) {
      r.meta.unregisterTaskDef(task);
    }
    System.out.printf("cleaned up (%d executions could not be deleted)%n", failed[0]);
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

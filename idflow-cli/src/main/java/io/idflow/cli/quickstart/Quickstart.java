package io.idflow.cli.quickstart;

import io.idflow.api.ConductorUnavailableException;
import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.InvalidDefinitionsException;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.cli.CommandException;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.DurationConverter;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.IdflowRoot;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.quickstart.SampleDocs.SampleDoc;
import io.idflow.cli.worker.WorkerCommand;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.conductor.task.DiscoveredTask;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDiscovery;
import io.idflow.stage.StageEngine;
import io.idflow.sync.Definition;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.LocalDefinitions;
import io.idflow.sync.RemoteDefinitions;
import io.idflow.sync.SyncApply;
import io.idflow.sync.SyncPlan;
import io.idflow.sync.internal.ConductorDefinitions;
import io.idflow.tooling.server.LocalServer;
import io.idflow.tooling.server.ServerSettings;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow quickstart}. */
@Command(
    name = "quickstart",
    description = {
      "Show idflow at work in one command: start the local Conductor server when none answers,"
          + " sync the definitions, run the workers in this JVM, add sample documents (or those"
          + " of --docs DIR), let their stages run with live progress, and sum up what ran, how"
          + " long it took and where the results are.",
      "Works in the current project; outside one it creates (or reuses) the project folder"
          + " ./idflow-quickstart (see --dir).",
      "It ends when no stage of the added documents runs or can start any more. Ctrl+C stops the"
          + " workers and the server it started; --keep-running leaves both up.",
      "Exit codes: 7 when a stage ended blocked or its workflow failed; 1 when --timeout passed"
          + " first; 2 a bad --docs folder; 5 an unreadable document or invalid definitions."
    })
public class Quickstart extends IdflowCommand {

  /** The folder of the project quickstart creates when the working directory is in none. */
  static final String DEFAULT_DIR = "idflow-quickstart";

  static final String CONFIG_TEXT =
      """
      # Created by `idflow quickstart`: a project of its own for the sample documents.
      # Documents live in data/, published results in publish/, the local server's files in
      # .idflow/. Stages, workflows and tasks come from idflow's core library unless you add
      # your own in stages/, workflows/ and tasks/.
      base_dir: data
      """;

  private static final Duration POLL = Duration.ofMillis(300);
  private static final Duration WORKFLOW_CHECK = Duration.ofSeconds(2);
  private static final Duration RETRY_START = Duration.ofSeconds(10);

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin OutputMixin output;

  @Option(
      names = "--docs",
      paramLabel = "DIR",
      description =
          "Add the Markdown files (*.md) of this folder instead of idflow's sample documents.")
  Path docs;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "The project folder to create or reuse when the working directory is not in a project"
              + " (default: ./"
              + DEFAULT_DIR
              + ").")
  Path dir;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "Stop waiting for the stages after this long, e.g. 90s or 10m (default:"
              + " ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--keep-running",
      description =
          "Leave the Conductor server up at the end and hand the workers over to a background"
              + " runner (`idflow worker stop quickstart` stops it).")
  boolean keepRunning;

  @Option(
      names = "--plain",
      description = "Append a line per change instead of redrawing the progress in place.")
  boolean plain;

  private IdflowConfig projectConfig;
  private final Steps steps = new Steps();
  private final Object cleanupLock = new Object();
  private final AtomicBoolean cleanedUp = new AtomicBoolean();
  private volatile boolean interrupted;
  private TaskRunner runner;
  private TaskCatalog taskCatalog;
  private IdflowConductorClient workerClient;
  private LocalServer localServer;
  private volatile boolean serverStarted;
  private volatile boolean serverWasRunning;
  private boolean serverStopped;
  private Progress progress;
  private long closing;

  @Override
  public IdflowConfig config() {
    return projectConfig != null ? projectConfig : super.config();
  }

  @Override
  protected ExitCode execute() throws Exception {
    long start = System.nanoTime();
    // Every document is read and checked before anything starts.
    List<SampleDoc> toAdd =
        docs == null
            ? SampleDocs.shipped()
            : SampleDocs.fromFolder(ctx().workingDir().resolve(docs), docs.toString());
    boolean created = chooseProject();
    IdflowConfig config = config();
    progress = new Progress(err(), !plain && liveTerminal(), colorAllowed());
    note(
        (created ? "Created the project " : "Working in the project ")
            + config.projectRoot()
            + (created ? " (the working directory is in no idflow project)" : ""));
    StageCatalog stages = StageCatalog.load(ResourceResolver.forConfig(config));
    failOnProblems(stages.problems(), "stage definition");
    if (stages.active().isEmpty()) {
      warn("the project has no active stages: the documents are added, but nothing will run");
    }

    Thread hook = new Thread(this::onInterrupt, "idflow-quickstart-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Summary summary;
    try {
      steps.time("server", this::server);
      steps.time("sync", this::sync);
      steps.time("workers", this::workers);
      summary = steps.timeValue("pipeline", () -> pipeline(toAdd));
    } finally {
      cleanUp(false);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already: the hook runs
      }
    }
    steps.total(System.nanoTime() - start);
    summary.print(this, created);
    return summary.exitCode();
  }

  // ---------------------------------------------------------------------------------- project

  /** Uses the current project, or creates the quickstart folder; true when it was created. */
  private boolean chooseProject() {
    IdflowConfig current = super.config();
    if (current.configFile().isPresent()) {
      projectConfig = current;
      return false;
    }
    Path folder = ctx().workingDir().resolve(dir == null ? Path.of(DEFAULT_DIR) : dir).normalize();
    Path configFile = folder.resolve(ConfigLoader.PROJECT_CONFIG);
    boolean created = false;
    try {
      if (!Files.exists(configFile)) {
        Files.createDirectories(configFile.getParent());
        Files.writeString(configFile, CONFIG_TEXT, StandardCharsets.UTF_8);
        created = true;
      }
    } catch (IOException e) {
      throw IdflowException.config("cannot create the project " + folder + ": " + e);
    }
    projectConfig = load(folder, connection.server());
    return created;
  }

  private IdflowConfig load(Path folder, String server) {
    return new ConfigLoader()
        .env(ctx().env())
        .workingDir(folder)
        .flag("conductor.server_url", server, "--server")
        .load();
  }

  // ----------------------------------------------------------------------------------- server

  private void server() {
    IdflowConfig config = config();
    String url = config.conductorUrl();
    ConductorClients.Health health = ConductorClients.health(url, Duration.ofSeconds(3));
    if (health.healthy()) {
      steps.note("server", "Conductor at " + url + " (already running)");
      note("Conductor answers at " + url);
      return;
    }
    if (!isLocal(url)) {
      throw new ConductorUnavailableException(
          url,
          "Conductor does not answer at "
              + url
              + " ("
              + health.detail()
              + "); quickstart starts a local server only for a localhost URL",
          null);
    }
    LocalServer server =
        new LocalServer(config.projectRoot().resolve(".idflow").resolve("server"), ctx().env());
    serverWasRunning = server.status().running();
    // Known before the start, so that Ctrl+C while it waits for the server stops it too.
    localServer = server;
    LocalServer.StartResult result =
        localServer.start(ServerSettings.from(config, null, null, null), this::note);
    LocalServer.State s = result.state();
    serverStarted = result.managed() && !result.alreadyRunning();
    if (!s.url().equals(url)) {
      projectConfig = load(config.projectRoot(), s.url());
    }
    steps.note(
        "server",
        serverStarted
            ? "started Conductor " + s.version() + " at " + s.url() + " (pid " + s.pid() + ")"
            : "Conductor at " + s.url() + " (already running)");
    note(
        serverStarted
            ? "Conductor " + s.version() + " is up at " + s.url() + " (pid " + s.pid() + ")"
            : "Conductor is already running at " + s.url());
  }

  static boolean isLocal(String url) {
    try {
      String host = URI.create(url).getHost();
      return host != null
          && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------- sync

  private void sync() {
    IdflowConfig config = config();
    CompletableFuture<RemoteDefinitions> remoteRead =
        CompletableFuture.supplyAsync(
            () ->
                new ConductorDefinitions(conductor().client())
                    .read(EnumSet.allOf(DefinitionKind.class)));
    try {
      taskCatalog = TaskDiscovery.builder(config).progress(this::note).build().discover();
    } catch (InvalidDefinitionsException e) {
      remoteRead.cancel(true);
      failOnProblems(e.problems(), "task method");
    }
    List<Definition> taskDefs = new ArrayList<>();
    for (DiscoveredTask t : taskCatalog.tasks()) {
      taskDefs.add(LocalDefinitions.taskDef(t));
    }
    LocalDefinitions local =
        LocalDefinitions.of(
            taskDefs, List.of(), WorkflowCatalog.load(ResourceResolver.forConfig(config)));
    RemoteDefinitions remote;
    try {
      remote = remoteRead.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    SyncPlan plan = SyncPlan.compute(local, remote, SyncPlan.Scope.all());
    failOnProblems(plan.problems(), "definition");
    List<SyncApply.Result> results =
        SyncApply.apply(plan, new ConductorDefinitions(conductor().client()), false);
    Map<SyncApply.Outcome, Integer> counts = SyncApply.counts(results);
    List<SyncApply.Result> failed =
        results.stream().filter(r -> r.outcome() == SyncApply.Outcome.FAILED).toList();
    if (!failed.isEmpty()) {
      throw new CommandException(
          failed.stream().allMatch(r -> r.error().startsWith("HTTP 400"))
              ? ExitCode.INVALID_DEFINITIONS
              : ExitCode.UNEXPECTED,
          "sync: Conductor refused "
              + failed.size()
              + " definition(s), first: "
              + failed.get(0).change().label()
              + ": "
              + failed.get(0).error());
    }
    List<String> refused =
        results.stream()
            .filter(r -> r.outcome() == SyncApply.Outcome.REFUSED)
            .map(r -> r.change().label())
            .toList();
    if (!refused.isEmpty()) {
      throw IdflowException.refused(
          "sync: Conductor has other content under the same name and version for "
              + String.join(", ", refused)
              + "; bump the version in the file, or run `idflow sync --force` first");
    }
    int written =
        counts.getOrDefault(SyncApply.Outcome.CREATED, 0)
            + counts.getOrDefault(SyncApply.Outcome.UPDATED, 0);
    steps.note(
        "sync",
        counts.getOrDefault(SyncApply.Outcome.CREATED, 0)
            + " created, "
            + counts.getOrDefault(SyncApply.Outcome.UPDATED, 0)
            + " updated, "
            + counts.getOrDefault(SyncApply.Outcome.UNCHANGED, 0)
            + " unchanged");
    steps.counts.putAll(
        Map.of(
            "created", counts.getOrDefault(SyncApply.Outcome.CREATED, 0),
            "updated", counts.getOrDefault(SyncApply.Outcome.UPDATED, 0),
            "unchanged", counts.getOrDefault(SyncApply.Outcome.UNCHANGED, 0)));
    note(
        "Synced the definitions to "
            + config.conductorUrl()
            + ": "
            + (written == 0 ? "all up to date" : written + " written"));
  }

  private void failOnProblems(List<DefinitionProblem> problems, String what) {
    if (problems.isEmpty()) {
      return;
    }
    for (DefinitionProblem p : problems) {
      err().println("  " + p);
    }
    err().flush();
    throw IdflowException.invalid(
        problems.size()
            + " invalid "
            + what
            + (problems.size() == 1 ? "" : "s")
            + " (listed above); fix them, or see `idflow doctor`");
  }

  // ---------------------------------------------------------------------------------- workers

  private void workers() {
    IdflowConfig config = config();
    if (taskCatalog.tasks().isEmpty()) {
      throw IdflowException.config(
          "no workers found: no @WorkerTask method in tasks/ or on the class path");
    }
    List<WorkerMethod> methods = new ArrayList<>();
    for (DiscoveredTask t : taskCatalog.tasks()) {
      methods.add(WorkerMethod.of(t, config));
    }
    WorkerConfig wc = WorkerConfig.of(config);
    workerClient = ConductorClients.create(config);
    runner =
        TaskRunner.builder(workerClient)
            .logging(false)
            .gracePeriod(wc.gracePeriod())
            .workerId(wc.workerId())
            .workers(methods, wc)
            .build();
    runner.start();
    steps.workers = runner.taskTypes();
    steps.note("workers", methods.size() + " workers: " + String.join(", ", runner.taskTypes()));
    note("Started " + methods.size() + " workers in this JVM");
  }

  // --------------------------------------------------------------------------------- pipeline

  private Summary pipeline(List<SampleDoc> toAdd) throws InterruptedException {
    IdflowConfig config = config();
    List<Added> added = new ArrayList<>();
    try (DocumentStore store =
            DocumentStores.open(
                config, DocumentStores.Options.defaults().withWarnings(this::warning));
        StageEngine engine = StageEngine.forConfig(config)) {
      for (SampleDoc doc : toAdd) {
        Document stored = store.create(doc.toDocument());
        added.add(new Added(stored.id(), doc.title(), doc.source()));
      }
      note(
          "Added "
              + added.size()
              + (added.size() == 1 ? " document" : " documents")
              + (docs == null ? " (idflow's samples)" : " from " + docs)
              + " to "
              + config.baseDir()
              + "; their stages start by themselves");
      Summary summary = watch(store, engine, added);
      closing = System.nanoTime();
      return summary;
    } finally {
      if (closing != 0) {
        debug("closed the document store in " + seconds(System.nanoTime() - closing));
      }
    }
  }

  /** A document quickstart added. */
  record Added(String id, String title, String source) {}

  private Summary watch(DocumentStore store, StageEngine engine, List<Added> added)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextWorkflowCheck = 0;
    int settledPolls = 0;
    Map<String, Document> current = new LinkedHashMap<>();
    Map<String, Long> startableSince = new HashMap<>();
    while (true) {
      boolean checkWorkflows = System.nanoTime() - nextWorkflowCheck >= 0;
      if (checkWorkflows) {
        nextWorkflowCheck = System.nanoTime() + WORKFLOW_CHECK.toNanos();
      }
      boolean settled = true;
      long pollStart = System.nanoTime();
      for (Added a : added) {
        Optional<Document> found = store.find(a.id());
        if (found.isEmpty()) {
          current.remove(a.id());
          continue;
        }
        Document d = found.get();
        current.put(a.id(), d);
        if (checkWorkflows) {
          d = reconcile(store, engine, d);
        }
        retryStarts(store, engine, d, startableSince);
        settled &= settled(engine, d);
      }
      long pollTime = System.nanoTime() - pollStart;
      if (pollTime > Duration.ofSeconds(1).toNanos()) {
        debug("a poll took " + seconds(pollTime));
      }
      List<Progress.Row> rows = rows(added, current);
      if (!root().quiet()) {
        progress.update(rows, seconds(System.nanoTime() - start), header(rows));
      }
      settledPolls = settled ? settledPolls + 1 : 0;
      // Twice in a row: a stage that ended in one write and a follow-up started in the next are
      // not taken for the end.
      if (settledPolls >= 2 || interrupted) {
        debug("settled after " + seconds(System.nanoTime() - start));
        progress.finish();
        return new Summary(this, added, current, false, interrupted);
      }
      if (System.nanoTime() - deadline >= 0) {
        progress.finish();
        return new Summary(this, added, current, true, false);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * Starts again what stayed scheduled although it can start (a start that failed, e.g. Conductor
   * was too slow to answer, is retried only by the document's next save otherwise).
   */
  private void retryStarts(
      DocumentStore store, StageEngine engine, Document d, Map<String, Long> startableSince) {
    if (engine.startable(d).isEmpty()) {
      startableSince.remove(d.id());
      return;
    }
    long now = System.nanoTime();
    long since = startableSince.computeIfAbsent(d.id(), k -> now);
    if (now - since >= RETRY_START.toNanos()) {
      startableSince.put(d.id(), now);
      engine.startScheduled(store, d.id(), this::warning);
    }
  }

  /** Whether nothing runs or can start for the document any more. */
  private static boolean settled(StageEngine engine, Document d) {
    for (StageInstance s : d.stages()) {
      if (s.status() == StageStatus.ACTIVE) {
        return false;
      }
    }
    if (!engine.startable(d).isEmpty()) {
      return false;
    }
    return engine.evaluate(d.copy(), null, false).created().isEmpty();
  }

  /**
   * Ends the active instances whose run ended on Conductor without recording it (terminated, or
   * failed where its failure workflow could not record it), as {@code stage show} does; returns the
   * document as it is then.
   */
  private Document reconcile(DocumentStore store, StageEngine engine, Document d) {
    try {
      return engine.reconcile(store, d.id()).isEmpty() ? d : store.get(d.id());
    } catch (RuntimeException e) {
      // Conductor busy or the document changed meanwhile: the next check asks again.
      debug("could not check the stage runs of " + d.id() + ": " + e.getMessage());
      return d;
    }
  }

  private static List<Progress.Row> rows(List<Added> added, Map<String, Document> current) {
    List<Progress.Row> rows = new ArrayList<>();
    for (Added a : added) {
      Document d = current.get(a.id());
      if (d == null) {
        rows.add(new Progress.Row(a.id(), a.title(), "", "deleted"));
        continue;
      }
      if (d.stages().isEmpty()) {
        rows.add(new Progress.Row(a.id(), a.title(), "", "no stage applies"));
        continue;
      }
      for (StageInstance s : d.stages()) {
        rows.add(
            new Progress.Row(
                a.id() + "/" + s.id(),
                a.title(),
                s.name() + " #" + s.counter(),
                s.status().fileName()));
      }
    }
    return rows;
  }

  private static String header(List<Progress.Row> rows) {
    long stages = rows.stream().filter(r -> !r.stage().isEmpty()).count();
    long done = rows.stream().filter(r -> r.status().equals("done")).count();
    return "Pipeline: " + done + " of " + stages + " stage runs done";
  }

  // ---------------------------------------------------------------------------------- cleanup

  private void onInterrupt() {
    if (cleanedUp.get()) {
      return;
    }
    interrupted = true;
    progress()
        .note(
            "interrupted: stopping the workers"
                + (serverStarted && !keepRunning
                    ? " and the Conductor server quickstart started"
                    : ""));
    cleanUp(true);
  }

  private Progress progress() {
    return progress != null ? progress : new Progress(err(), false, false);
  }

  /**
   * Stops what quickstart started: the workers (drained), and the server it started unless
   * --keep-running. With --keep-running (and not interrupted) a background runner takes over.
   */
  private void cleanUp(boolean onSignal) {
    synchronized (cleanupLock) {
      if (!cleanedUp.compareAndSet(false, true)) {
        return;
      }
      boolean handOver = keepRunning && !onSignal && runner != null;
      if (handOver) {
        handOverWorkers();
      }
      if (runner != null) {
        runner.shutdown();
        try {
          if (!runner.awaitTermination(
              runner.settings().isEmpty()
                  ? Duration.ofSeconds(5)
                  : WorkerConfig.of(config()).gracePeriod().plusSeconds(1))) {
            runner.shutdownNow();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          runner.shutdownNow();
        }
      }
      if (workerClient != null) {
        workerClient.shutdown();
      }
      if (taskCatalog != null) {
        taskCatalog.close();
      }
      if (localServer != null && !serverWasRunning && !keepRunning) {
        // Also a server still starting (Ctrl+C while quickstart waited for it).
        if (localServer.stop(Duration.ofSeconds(30)).isPresent()) {
          serverStopped = true;
          progress().note("Stopped the Conductor server quickstart started");
        }
      }
    }
  }

  /** Starts {@code idflow worker start --all --detach --name quickstart} for the project. */
  private void handOverWorkers() {
    List<String> args = new ArrayList<>(List.of("worker", "start", "--all", "--detach"));
    args.add("--name=quickstart");
    args.add("--server=" + config().conductorUrl());
    config().configFile().ifPresent(f -> args.add("--config=" + f));
    StringWriter talk = new StringWriter();
    PrintWriter w = new PrintWriter(talk);
    int code =
        IdflowRoot.execute(
            IdflowRoot.withSubcommands(WorkerCommand.class),
            ctx().withStreams(w, w),
            args.toArray(String[]::new));
    w.flush();
    if (code == 0) {
      steps.handedOver = true;
      note(
          "The workers keep running in the background: `idflow worker stop quickstart` stops them");
    } else {
      warn("the background runner did not start (exit " + code + "): " + talk.toString().strip());
    }
  }

  // ------------------------------------------------------------------------------------- talk

  private void note(String line) {
    if (!root().quiet()) {
      progress().note(line);
    }
  }

  private void warning(String message) {
    progress().note("warning: " + message);
  }

  private boolean liveTerminal() {
    String term = ctx().env().get("TERM");
    return term != null
        && !term.isBlank()
        && !term.equals("dumb")
        && isTerminal(Path.of("/proc/self/fd/2"));
  }

  private boolean colorAllowed() {
    String noColor = ctx().env().get("NO_COLOR");
    return noColor == null || noColor.isEmpty();
  }

  static boolean isTerminal(Path fd) {
    try {
      if (Files.isSymbolicLink(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
    return false;
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  // -------------------------------------------------------------------------- steps & summary

  /** The steps' times and what each did. */
  static final class Steps {
    final Map<String, Long> nanos = new LinkedHashMap<>();
    final Map<String, String> notes = new LinkedHashMap<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();
    List<String> workers = List.of();
    boolean handedOver;
    long total;

    void time(String step, Runnable work) {
      long start = System.nanoTime();
      try {
        work.run();
      } finally {
        nanos.put(step, System.nanoTime() - start);
      }
    }

    <T> T timeValue(String step, Work<T> work) throws InterruptedException {
      long start = System.nanoTime();
      try {
        return work.run();
      } finally {
        nanos.put(step, System.nanoTime() - start);
      }
    }

    void note(String step, String text) {
      notes.put(step, text);
    }

    void total(long n) {
      total = n;
    }
  }

  /** A step that returns a value. */
  interface Work<T> {
    T run() throws InterruptedException;
  }

  /** What the run did, as the summary and the JSON document say it. */
  static final class Summary {
    private final Quickstart q;
    private final List<Added> added;
    private final Map<String, Document> docs;
    private final boolean timedOut;
    private final boolean interrupted;

    Summary(
        Quickstart q,
        List<Added> added,
        Map<String, Document> docs,
        boolean timedOut,
        boolean interrupted) {
      this.q = q;
      this.added = List.copyOf(added);
      this.docs = new LinkedHashMap<>(docs);
      this.timedOut = timedOut;
      this.interrupted = interrupted;
    }

    private List<StageInstance> instances() {
      return docs.values().stream().flatMap(d -> d.stages().stream()).toList();
    }

    private long count(String status) {
      return instances().stream().filter(s -> s.status().fileName().equals(status)).count();
    }

    private boolean anyFailed() {
      return count("blocked") > 0;
    }

    ExitCode exitCode() {
      if (anyFailed()) {
        return ExitCode.RUN_FAILED;
      }
      if (timedOut || interrupted) {
        return ExitCode.UNEXPECTED;
      }
      return ExitCode.OK;
    }

    private List<Path> published() {
      Path dir = q.config().projectRoot().resolve("publish");
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .filter(
                f -> added.stream().anyMatch(a -> f.getFileName().toString().startsWith(a.id())))
            .sorted()
            .toList();
      } catch (IOException e) {
        return List.of();
      }
    }

    void print(Quickstart q, boolean created) {
      IdflowConfig config = q.config();
      if (q.output.json()) {
        OutputMixin.printJson(q.out(), json(created));
      } else {
        text(q.out(), config, created);
      }
      if (timedOut) {
        q.err()
            .println(
                "error: gave up waiting after "
                    + DurationConverter.format(q.timeout)
                    + ": "
                    + (count("active") + count("scheduled"))
                    + " stage runs are still open (see the summary)");
      } else if (anyFailed()) {
        q.err()
            .println(
                "error: "
                    + (count("blocked") + count("failed"))
                    + " stage run(s) ended blocked or failed (see the summary)");
      } else if (interrupted) {
        q.err().println("error: interrupted");
      }
      q.err().flush();
    }

    private void text(PrintWriter o, IdflowConfig config, boolean created) {
      Steps st = q.steps;
      int runs = instances().size();
      o.println();
      o.println(
          "Quickstart "
              + (timedOut ? "timed out" : interrupted ? "interrupted" : "finished")
              + " in "
              + seconds(st.total)
              + ": "
              + added.size()
              + (added.size() == 1 ? " document, " : " documents, ")
              + runs
              + (runs == 1 ? " stage run" : " stage runs")
              + breakdown());
      o.println();
      for (String step : List.of("server", "sync", "workers", "pipeline")) {
        Long n = st.nanos.get(step);
        o.println(
            "  "
                + Progress.pad(step, 9, false)
                + Progress.pad(n == null ? "-" : seconds(n), 8, true)
                + "  "
                + st.notes.getOrDefault(step, step.equals("pipeline") ? pipelineNote() : ""));
      }
      o.println("  " + Progress.pad("total", 9, false) + Progress.pad(seconds(st.total), 8, true));
      o.println();
      o.println("Documents (" + config.baseDir() + "):");
      for (Added a : added) {
        Document d = docs.get(a.id());
        o.println("  " + a.id() + "  " + a.title());
        if (d == null) {
          o.println("      (deleted meanwhile)");
        } else if (d.stages().isEmpty()) {
          o.println("      no stage applies");
        } else {
          for (StageInstance s : d.stages()) {
            String failure = failure(s);
            o.println(
                "      "
                    + s.name()
                    + " #"
                    + s.counter()
                    + ": "
                    + s.status().fileName()
                    + (s.results().isEmpty()
                        ? ""
                        : " (results: " + String.join(", ", s.results().keySet()) + ")")
                    + (failure.isEmpty() ? "" : ": " + failure));
          }
        }
      }
      List<Path> published = published();
      Path root = config.projectRoot();
      if (!published.isEmpty()) {
        o.println();
        o.println("Published (" + root.resolve("publish") + "):");
        published.forEach(p -> o.println("  " + root.relativize(p)));
      }
      o.println();
      o.println("Project: " + root + (created ? " (created by quickstart)" : ""));
      o.println("Conductor: " + config.conductorUrl() + serverFate());
      o.println();
      o.println("Look at the results:");
      String idflow = q.launcher();
      Path cwd = q.ctx().workingDir();
      if (!cwd.equals(root)) {
        o.println("  cd " + relative(cwd, root));
      }
      o.println("  " + idflow + " doc list");
      if (!added.isEmpty()) {
        String first = added.get(0).id();
        o.println("  " + idflow + " doc show " + first);
        o.println("  " + idflow + " stage show " + first);
      }
      if (!published.isEmpty()) {
        o.println("  ls publish/");
      }
      if (!q.keepRunning) {
        o.println("Run again with --keep-running to keep the server and workers up.");
      }
      o.flush();
    }

    private String serverFate() {
      if (q.serverStarted) {
        return q.serverStopped
            ? " (started by quickstart and stopped again)"
            : " (started by quickstart; still running: `idflow server stop` stops it)";
      }
      return " (was running; left alone)";
    }

    private String pipelineNote() {
      return added.size() + (added.size() == 1 ? " document" : " documents");
    }

    private String breakdown() {
      List<String> parts = new ArrayList<>();
      for (String status : List.of("done", "blocked", "active", "scheduled", "cancelled")) {
        long n = count(status);
        if (n > 0) {
          parts.add(n + " " + status);
        }
      }
      return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private String failure(StageInstance s) {
      Object f = s.get(StageEngine.FAILURE);
      if (f instanceof Map<?, ?> m && m.get("message") != null) {
        return m.get("message").toString();
      }
      return f == null ? "" : f.toString();
    }

    private Map<String, Object> json(boolean created) {
      Steps st = q.steps;
      IdflowConfig config = q.config();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("project", config.projectRoot().toString());
      m.put("projectCreated", created);
      Map<String, Object> server = new LinkedHashMap<>();
      server.put("url", config.conductorUrl());
      server.put("started", q.serverStarted);
      server.put("stopped", q.serverStopped);
      m.put("server", server);
      Map<String, Object> steps = new LinkedHashMap<>();
      st.nanos.forEach((k, v) -> steps.put(k + "Ms", v / 1_000_000));
      steps.put("totalMs", st.total / 1_000_000);
      m.put("steps", steps);
      m.put("sync", st.counts);
      m.put("workers", st.workers);
      m.put("workersHandedOver", st.handedOver);
      List<Map<String, Object>> documents = new ArrayList<>();
      for (Added a : added) {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("id", a.id());
        dm.put("title", a.title());
        dm.put("source", a.source());
        Document d = docs.get(a.id());
        dm.put("status", d == null ? null : d.status().folderName());
        List<Map<String, Object>> stages = new ArrayList<>();
        if (d != null) {
          for (StageInstance s : d.stages()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("counter", s.counter());
            sm.put("status", s.status().fileName());
            sm.put("results", new ArrayList<>(s.results().keySet()));
            String failure = failure(s);
            sm.put("failure", failure.isEmpty() ? null : failure);
            stages.add(sm);
          }
        }
        dm.put("stages", stages);
        documents.add(dm);
      }
      m.put("documents", documents);
      Path root = config.projectRoot();
      m.put("published", published().stream().map(p -> root.relativize(p).toString()).toList());
      m.put("timedOut", timedOut);
      m.put("interrupted", interrupted);
      m.put("exitCode", exitCode().code());
      return m;
    }
  }

  /**
   * How the user runs idflow: {@code IDFLOW_LAUNCHER} (set by {@code scripts/idflow}) relative to
   * the project folder, else {@code idflow}.
   */
  String launcher() {
    String l = ctx().env().get("IDFLOW_LAUNCHER");
    if (l == null || l.isBlank()) {
      return "idflow";
    }
    if (Path.of(l).isAbsolute()) {
      return l;
    }
    Path p = ctx().workingDir().resolve(l).normalize();
    return relative(config().projectRoot(), p);
  }

  static String relative(Path from, Path to) {
    try {
      String r = from.relativize(to).toString();
      return r.isEmpty() ? "." : r;
    } catch (IllegalArgumentException e) {
      return to.toString();
    }
  }
}

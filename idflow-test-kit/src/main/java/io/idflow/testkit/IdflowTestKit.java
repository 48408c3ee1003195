package io.idflow.testkit;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.definition.WorkflowTasks;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.api.resource.BaseType;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.Runs;
import io.idflow.conductor.run.StartRequest;
import io.idflow.conductor.task.DiscoveredTask;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDiscovery;
import io.idflow.conductor.task.TaskSource;
import io.idflow.stage.StageEngine;
import io.idflow.stage.StageLaunch;
import io.idflow.stage.StageTasks;
import io.idflow.sync.Definition;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.LocalDefinitions;
import io.idflow.sync.SyncApply;
import io.idflow.sync.SyncPlan;
import io.idflow.sync.internal.ConductorDefinitions;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testkit.internal.Renaming;
import io.idflow.worker.TaskHarness;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An idflow project on a real Conductor, for the project's own tests: one kit per test class (see
 * {@link IdflowTestKitExtension}), or started by hand with {@link #builder()}.
 *
 * <p>{@link Builder#start()}:
 *
 * <ol>
 *   <li>takes the Conductor of the test run: the builder's URL, else {@code
 *       IDFLOW_TEST_CONDUCTOR_URL}, else a server started once per test JVM (Docker when it
 *       answers, otherwise Conductor's boot jar, as {@code idflow server start} runs it);
 *   <li>discovers the project's tasks ({@code @WorkerTask} methods on the test class path, and the
 *       task scripts of {@code tasks/} when the project has that folder) and reads its workflows
 *       and stages;
 *   <li>gives the project's task definitions and workflows names of this kit, {@code
 *       <name>_<suffix>}, also where a renamed workflow or a stage file refers to them, and syncs
 *       them with idflow's sync engine;
 *   <li>writes a working copy of the project into a temporary folder: its configuration, its stage
 *       files with the renamed workflow names, and an empty document folder;
 *   <li>runs every discovered worker in this JVM with idflow's {@link TaskRunner}, polling the
 *       renamed task names.
 * </ol>
 *
 * <p>The stage engine's workflows ({@code stage_workflow}, {@code stage_workflow_failed}) and tasks
 * ({@code update_stage_status}, {@code stage_evaluation}) are renamed too, and the working copy's
 * configuration names the renamed {@code stage_workflow} ({@link StageLaunch#STAGE_WORKFLOW_KEY}),
 * so a kit's stages run through definitions and workers of its own. Two kits therefore never see
 * each other's definitions, runs, tasks or documents, even when their projects have the same names.
 * Other core definitions keep their names.
 *
 * <p>{@link #close()} stops the workers, terminates the runs of the kit's workflows and stages that
 * are still going, deletes every definition the kit registered, and deletes the working copy.
 *
 * <p>Thread-safe: tests may use one kit from several threads.
 */
public final class IdflowTestKit implements AutoCloseable {

  /** How long {@link #run} waits by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  /** The stage engine's workflows: each kit runs its stages through copies of its own. */
  private static final Set<String> STAGE_WORKFLOWS =
      Set.of(StageLaunch.STAGE_WORKFLOW, StageLaunch.STAGE_WORKFLOW_FAILED);

  private static final Set<String> IGNORED_ENV =
      Set.of("IDFLOW_CONFIG", "IDFLOW_BASE_DIR", "IDFLOW_CONFIG_DIR", "CONDUCTOR_SERVER_URL");

  private final String serverUrl;
  private final Path project;
  private final Path workDir;
  private final Renaming renaming;
  private final IdflowConfig config;
  private final IdflowConductorClient client;
  private final ConductorDefinitions conductor;
  private final TaskCatalog tasks;
  private final List<Definition> registered;
  private final TaskRunner runner;
  private final DocumentStore documents;
  private final Runs runs;
  private final Duration timeout;
  private volatile boolean closed;

  private IdflowTestKit(Builder b) {
    this.serverUrl =
        b.serverUrl != null ? b.serverUrl : ConductorServerExtension.server().url().toString();
    this.project = b.project != null ? b.project : findProject(Path.of("").toAbsolutePath());
    this.timeout = b.timeout;
    String suffix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    Map<String, String> env = new HashMap<>(b.env);
    IGNORED_ENV.forEach(env::remove);
    env.put("IDFLOW_CONDUCTOR_URL", serverUrl);
    IdflowConfig projectConfig = new ConfigLoader().env(env).workingDir(project).load();

    boolean scripts = b.scripts != null ? b.scripts : Files.isDirectory(project.resolve("tasks"));
    TaskCatalog catalog = TaskDiscovery.builder(projectConfig).scripts(scripts).build().discover();
    IdflowConductorClient c = null;
    Path dir = null;
    List<Definition> written = new ArrayList<>();
    TaskRunner r = null;
    try {
      ResourceResolver resolver = ResourceResolver.forConfig(projectConfig);
      List<Definition> taskDefs = new ArrayList<>();
      Set<String> ownTasks = new HashSet<>();
      for (DiscoveredTask t : catalog.tasks()) {
        taskDefs.add(LocalDefinitions.taskDef(t));
        if (ownedByProject(t) || t.method().getDeclaringClass() == StageTasks.class) {
          ownTasks.add(t.name());
        }
      }
      LocalDefinitions local =
          LocalDefinitions.of(taskDefs, List.of(), WorkflowCatalog.load(resolver));
      Set<String> ownWorkflows = new HashSet<>();
      local.workflows().stream()
          .filter(w -> w.origin() != Origin.STANDARD || STAGE_WORKFLOWS.contains(w.name()))
          .forEach(w -> ownWorkflows.add(w.name()));
      this.renaming = new Renaming(suffix, ownTasks, ownWorkflows);

      LocalDefinitions renamed = rename(local, catalog.names());
      c = ConductorClients.create(projectConfig);
      ConductorDefinitions target = new ConductorDefinitions(c);
      written.addAll(sync(renamed, target));

      dir = Files.createTempDirectory("idflow-test-kit-");
      writeWorkingCopy(dir, resolver, renamed);
      env.put("IDFLOW_BASE_DIR", dir.resolve("data").toString());
      this.config =
          new ConfigLoader()
              .env(env)
              .workingDir(dir)
              .flag(
                  StageLaunch.STAGE_WORKFLOW_KEY,
                  renaming.workflow(StageLaunch.STAGE_WORKFLOW),
                  "idflow-test-kit")
              .load();

      List<WorkerMethod> workers = new ArrayList<>();
      for (DiscoveredTask t : catalog.tasks()) {
        WorkerMethod m = WorkerMethod.of(t, config);
        workers.add(
            new WorkerMethod(
                renaming.task(m.taskName()),
                m.method(),
                m.bean(),
                m.threadCount(),
                m.pollingIntervalMs(),
                m.domain(),
                m.source()));
      }
      if (!workers.isEmpty()) {
        r =
            TaskRunner.builder(c)
                .logging(false)
                .gracePeriod(Duration.ofSeconds(5))
                .workers(workers, WorkerConfig.of(config))
                .build();
        r.start();
      }
      this.documents = DocumentStores.open(config);
      this.runs = Runs.on(c);
    } catch (RuntimeException | IOException e) {
      if (r != null) {
        r.shutdownNow();
      }
      if (c != null) {
        deleteDefinitions(new ConductorDefinitions(c), written, new ArrayList<>());
        c.shutdown();
      }
      catalog.close();
      if (dir != null) {
        deleteTree(dir);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
    this.client = c;
    this.conductor = new ConductorDefinitions(c);
    this.tasks = catalog;
    this.registered = List.copyOf(written);
    this.runner = r;
    this.workDir = dir;
  }

  /** A builder; {@link Builder#start()} starts the kit. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A server-free harness for one {@code @WorkerTask} method of an object: call it with an input
   * map and get the result idflow's runner would report (see {@link TaskHarness}).
   */
  public static TaskHarness harness(Object bean, String taskName) {
    return TaskHarness.of(bean, taskName);
  }

  // ---------------------------------------------------------------------------------- names

  /** The suffix of this kit's names ({@code t} and ten hex digits). */
  public String suffix() {
    return renaming.suffix();
  }

  /** The name a workflow of the project has in Conductor for this kit. */
  public String workflowName(String name) {
    return renaming.workflow(name);
  }

  /** The name a task of the project has in Conductor for this kit. */
  public String taskName(String name) {
    return renaming.task(name);
  }

  // ---------------------------------------------------------------------------------- runs

  /**
   * Starts a workflow of the project (by its name in the project) and returns the run id.
   *
   * @throws io.idflow.conductor.run.WorkflowNotFoundException when Conductor has no such workflow
   */
  public String start(String workflow, Map<String, ?> input) {
    return runs.start(StartRequest.of(workflowName(workflow)).withInput(copy(input)));
  }

  /**
   * Waits until the run ends and returns it (with its output); a run that failed is returned too.
   *
   * @throws io.idflow.conductor.run.RunTimeoutException when it has not ended within the timeout
   */
  public Run await(String runId, Duration timeout) {
    return runs.await(runId, timeout);
  }

  /** Starts a workflow and waits, up to the builder's timeout (default 2 minutes), for its end. */
  public Run run(String workflow, Map<String, ?> input) {
    return await(start(workflow, input), timeout);
  }

  /** The typed run operations (signal, terminate, search, ...) on the kit's server. */
  public Runs runs() {
    return runs;
  }

  // ---------------------------------------------------------------------------------- documents

  /**
   * Adds a document to the kit's store; saving it starts the stages whose requirements hold, as
   * {@code idflow doc add} does.
   *
   * @param properties the frontmatter (e.g. {@code title}, {@code tags})
   * @param body the Markdown body
   * @return the stored document (its id is a new UUID)
   */
  public Document addDocument(Map<String, ?> properties, String body) {
    return addDocument(
        Document.builder(UUID.randomUUID().toString())
            .properties(properties)
            .body(body == null ? "" : body)
            .build());
  }

  /** Adds a document built by the test (see {@link Document#builder(String)}). */
  public Document addDocument(Document draft) {
    return documents.create(draft);
  }

  /** The document as it is stored now, stages included. */
  public Document document(String id) {
    return documents.get(id);
  }

  /** The kit's document store (in the working copy's {@code data/}). */
  public DocumentStore documents() {
    return documents;
  }

  /**
   * Waits until the latest instance of a document's stage has the status, and returns it.
   *
   * @throws AssertionError when the instance ended with another status (naming it and its failure),
   *     or when the timeout passed first (naming what it last saw)
   */
  public StageInstance awaitStage(String docId, String stage, StageStatus status, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    long pauseMs = 50;
    while (true) {
      Optional<StageInstance> last =
          documents.get(docId).stages(stage).stream()
              .max(Comparator.comparingInt(StageInstance::counter));
      if (last.isPresent()) {
        StageInstance s = last.get();
        if (s.status() == status) {
          return s;
        }
        if (!s.status().isOpen()) {
          throw new AssertionError(
              "stage "
                  + stage
                  + " #"
                  + s.counter()
                  + " of document "
                  + docId
                  + " ended "
                  + s.status()
                  + ", not "
                  + status
                  + (s.get(StageEngine.FAILURE) == null
                      ? ""
                      : "; failure: " + s.get(StageEngine.FAILURE)));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "stage "
                + stage
                + " of document "
                + docId
                + " is not "
                + status
                + " after "
                + wait
                + "; last seen: "
                + last.map(StageInstance::toString).orElse("no instance"));
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for stage " + stage, e);
      }
      pauseMs = Math.min(500, pauseMs * 2);
    }
  }

  // ---------------------------------------------------------------------------------- context

  /** The Conductor server's base URL (without {@code /api}). */
  public String serverUrl() {
    return serverUrl;
  }

  /** The project the kit was made from. */
  public Path project() {
    return project;
  }

  /** The working copy: configuration, renamed stage files, {@code data/}; deleted on close. */
  public Path workDir() {
    return workDir;
  }

  /** The working copy's configuration (its Conductor is the kit's server). */
  public IdflowConfig config() {
    return config;
  }

  /** The definitions the kit registered, under their kit names. */
  public List<Definition> definitions() {
    return registered;
  }

  /** The task types the kit's workers poll. */
  public List<String> workerTaskTypes() {
    return runner == null ? List.of() : runner.taskTypes();
  }

  /**
   * Stops the workers (waiting up to 10 s for tasks in flight), terminates the kit's runs that are
   * still going, deletes the definitions it registered and its working copy. Idempotent.
   *
   * @throws IllegalStateException when something could not be cleaned up (after trying the rest)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<String> errors = new ArrayList<>();
    if (runner != null) {
      runner.shutdownNow();
      try {
        runner.awaitTermination(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    terminateRuns(errors);
    deleteDefinitions(conductor, registered, errors);
    documents.close();
    tasks.close();
    client.shutdown();
    deleteTree(workDir);
    if (!errors.isEmpty()) {
      throw new IllegalStateException("idflow test kit cleanup: " + String.join("; ", errors));
    }
  }

  // ---------------------------------------------------------------------------------- internals

  private void terminateRuns(List<String> errors) {
    List<String> active = new ArrayList<>();
    for (Definition d : registered) {
      if (d.kind() == DefinitionKind.WORKFLOW) {
        try {
          conductor.activeRuns(d.name()).forEach(w -> active.add(w.workflowId()));
        } catch (RuntimeException e) {
          errors.add("cannot list the runs of " + d.name() + ": " + e.getMessage());
        }
      }
    }
    for (String id : active.stream().distinct().toList()) {
      try {
        runs.terminate(id, "idflow test kit closed");
      } catch (RuntimeException e) {
        Run now = safeGet(id);
        if (now == null || !now.status().isEnded()) {
          errors.add("cannot terminate run " + id + ": " + e.getMessage());
        }
      }
    }
  }

  private Run safeGet(String id) {
    try {
      return runs.get(id);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void deleteDefinitions(
      ConductorDefinitions conductor, List<Definition> defs, List<String> errors) {
    for (Definition d : defs) {
      if (d.kind() == DefinitionKind.WORKFLOW) {
        try {
          conductor.deleteWorkflow(d.name(), d.version());
        } catch (RuntimeException e) {
          errors.add("cannot delete workflow " + d.label() + ": " + e.getMessage());
        }
      }
    }
    for (Definition d : defs) {
      if (d.kind() == DefinitionKind.TASK_DEF) {
        try {
          conductor.deleteTaskDef(d.name());
        } catch (RuntimeException e) {
          errors.add("cannot delete task definition " + d.name() + ": " + e.getMessage());
        }
      }
    }
  }

  /** The project's own task: a script of the project or a vendor, or a class outside idflow. */
  private static boolean ownedByProject(DiscoveredTask t) {
    if (t.source().kind() == TaskSource.Kind.SCRIPT) {
      return t.source().origin() != Origin.STANDARD;
    }
    return !t.method().getDeclaringClass().getName().startsWith("io.idflow.");
  }

  /**
   * The definitions to sync: every task definition and the project's workflows and the stage
   * engine's, those of the project and the stage engine renamed, and the other core workflows whose
   * worker tasks all have a worker here; no event handlers.
   */
  private LocalDefinitions rename(LocalDefinitions local, Set<String> taskNames) {
    List<Definition> taskDefs = new ArrayList<>();
    for (Definition d : local.taskDefs()) {
      taskDefs.add(renaming.tasks().contains(d.name()) ? renaming.taskDef(d) : d);
    }
    List<Definition> workflows = new ArrayList<>();
    for (Definition w : local.workflows()) {
      if (renaming.workflows().contains(w.name())) {
        workflows.add(renaming.workflow(w));
      } else if (taskNames.containsAll(WorkflowTasks.workerTaskNames(w.json()))) {
        workflows.add(w);
      }
    }
    return new LocalDefinitions(
        taskDefs, workflows, List.of(), local.taskProblems(), local.workflowProblems());
  }

  /** Syncs the definitions and returns those of this kit that were written. */
  private List<Definition> sync(LocalDefinitions local, ConductorDefinitions target) {
    SyncPlan plan =
        SyncPlan.compute(
            local,
            target.read(EnumSet.of(DefinitionKind.TASK_DEF, DefinitionKind.WORKFLOW)),
            new SyncPlan.Scope(EnumSet.of(DefinitionKind.TASK_DEF, DefinitionKind.WORKFLOW), null));
    if (!plan.problems().isEmpty()) {
      throw new IllegalStateException(
          "the project's definitions have problems: "
              + plan.problems().stream().map(Object::toString).toList());
    }
    List<SyncApply.Result> results = SyncApply.apply(plan, target, false);
    List<Definition> written = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (SyncApply.Result r : results) {
      Definition d = r.change().local();
      if (r.outcome() == SyncApply.Outcome.FAILED) {
        failed.add(r.change().name() + ": " + r.error());
      } else if (d != null && d.name().endsWith("_" + renaming.suffix())) {
        written.add(d);
      }
    }
    // Every definition of this kit, written or not, is removed on close (a failed start too).
    for (Definition d : local.taskDefs()) {
      if (d.name().endsWith("_" + renaming.suffix()) && !written.contains(d)) {
        written.add(d);
      }
    }
    for (Definition d : local.workflows()) {
      if (d.name().endsWith("_" + renaming.suffix()) && !written.contains(d)) {
        written.add(d);
      }
    }
    if (!failed.isEmpty()) {
      deleteDefinitions(target, written, new ArrayList<>());
      throw new IllegalStateException("Conductor refused definitions: " + failed);
    }
    return written;
  }

  private void writeWorkingCopy(Path dir, ResourceResolver resolver, LocalDefinitions renamed)
      throws IOException {
    Path configDir = project.resolve("config");
    Files.createDirectories(dir.resolve("config"));
    Path configFile = configDir.resolve("idflow.yml");
    if (Files.isRegularFile(configFile)) {
      Files.copy(configFile, dir.resolve("config/idflow.yml"));
    }
    if (Files.isDirectory(configDir.resolve("extras.d"))) {
      copyTree(configDir.resolve("extras.d"), dir.resolve("config/extras.d"));
    }
    Files.createDirectories(dir.resolve("data"));
    for (Definition w : renamed.workflows()) {
      if (w.name().endsWith("_" + renaming.suffix())) {
        Path file = dir.resolve("workflows").resolve(w.name()).resolve(w.name() + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, w.json().toPrettyString());
      }
    }
    Files.createDirectories(dir.resolve("stages"));
    for (ResourceFile f : resolver.stageFiles()) {
      if (f.base().type() == BaseType.PROJECT) {
        Files.writeString(
            dir.resolve("stages").resolve(f.fileName()),
            renaming.stageYaml(f.readString(), f.displayName()));
      }
    }
  }

  private static Path findProject(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("config/idflow.yml"))) {
        return p;
      }
    }
    return start;
  }

  private static Map<String, Object> copy(Map<String, ?> input) {
    return input == null ? Map.of() : new LinkedHashMap<>(input);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("idflow test kit: cannot delete " + dir + ": " + e.getMessage());
    }
  }

  /** Settings of a kit; every setting has a default. */
  public static final class Builder {
    private Path project;
    private String serverUrl;
    private Boolean scripts;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Map<String, String> env = System.getenv();

    private Builder() {}

    /**
     * The project root (the folder with {@code config/idflow.yml}); default: the working directory
     * or the nearest folder above it that has {@code config/idflow.yml}.
     */
    public Builder project(Path project) {
      this.project = project.toAbsolutePath().normalize();
      return this;
    }

    /**
     * The Conductor server; default: the test run's server ({@code IDFLOW_TEST_CONDUCTOR_URL}, else
     * one started once per test JVM).
     */
    public Builder serverUrl(String url) {
      this.serverUrl = url.replaceAll("/+$", "").replaceAll("/api$", "");
      return this;
    }

    /**
     * Whether to build and run the task scripts of {@code tasks/} (with JBang); default: when the
     * project has a {@code tasks/} folder.
     */
    public Builder scripts(boolean scripts) {
      this.scripts = scripts;
      return this;
    }

    /** How long {@link IdflowTestKit#run} waits for a run's end; default 2 minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The environment the configuration is read with; default {@link System#getenv()}. */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /**
     * Starts the kit: server, sync under the kit's names, working copy, workers.
     *
     * @throws io.idflow.api.IdflowException when the project's tasks cannot be discovered
     * @throws IllegalStateException when its definitions have problems or Conductor refuses them
     */
    public IdflowTestKit start() {
      return new IdflowTestKit(this);
    }
  }
}

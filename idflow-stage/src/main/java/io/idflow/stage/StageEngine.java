package io.idflow.stage;

import io.idflow.api.IdflowException;
import io.idflow.api.InvalidRequestException;
import io.idflow.api.RefusedException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.LocalWorkflow;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.api.extras.ExtrasCatalog;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.maven.MavenArtifacts;
import io.idflow.stage.internal.ConductorStageLauncher;
import io.idflow.stage.internal.TaskDomains;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The stage engine of one project: its stage definitions, the pure {@link StageEvaluator}, and the
 * {@link StageLauncher} that starts stage runs on Conductor. The store's listener ({@link
 * StageListener}), the {@code stage} commands and the stage system tasks all go through it.
 *
 * <p>Two halves, so that no network call happens under a document's lock: {@link #evaluate} and
 * {@link #lifecycle} change a document in memory (new {@code scheduled} instances, statuses) and
 * are called inside the store's write; {@link #startScheduled} runs after the write, starts {@code
 * stage_workflow} for every scheduled instance whose requirements hold and marks it {@code active}
 * with its workflow id. A start that fails (Conductor unreachable) leaves the instance {@code
 * scheduled} with one warning; the next save of the document, or {@code stage evaluate}, starts it.
 *
 * <p>Definitions, local workflow versions, the {@code when} evaluator and the Conductor connection
 * are created on first use. Thread-safe; {@link #close()} releases the connection.
 */
public final class StageEngine implements AutoCloseable {

  /** Instance property: the stage workflow's execution id. */
  public static final String WORKFLOW_ID = "workflow_id";

  /** Instance property: the workflows the run started. */
  public static final String WORKFLOWS = "workflows";

  /** Instance property: the workflows skipped because their {@code when} was false. */
  public static final String SKIPPED_WORKFLOWS = "skipped_workflows";

  /** Instance property: why the run failed ({@code workflow}, {@code task}, {@code message}). */
  public static final String FAILURE = "failure";

  /**
   * Instance property: {@code <token> <epoch ms>} while one process starts the instance, so that
   * two processes saving the same document at once start one run (Conductor OSS 3.32.3 ignores
   * idempotency keys). A claim older than {@link #CLAIM_TIMEOUT} (its process died) is taken over.
   */
  public static final String START_CLAIM = "start_claim";

  /** How long a start claim holds. */
  public static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(60);

  private final Supplier<StageCatalog> catalogSource;
  private final Supplier<StageLauncher> launcherSource;
  private final Supplier<Function<String, Integer>> versionsSource;
  private final Supplier<WhenEvaluator> whenSource;
  private final StageEvaluator evaluator;
  private final Object lock = new Object();
  private StageCatalog catalog;
  private StageLauncher launcher;
  private ForkPlan fork;
  private WhenEvaluator when;

  private StageEngine(Builder b) {
    this.catalogSource = b.catalog;
    this.launcherSource = b.launcher;
    this.versionsSource = b.localVersions;
    this.whenSource = b.when;
    this.evaluator = new StageEvaluator(new RequirementChecker(b.extraInstalled));
  }

  /**
   * The engine of a project: definitions from its {@code stages/} (over the core library's), local
   * workflow versions from its {@code workflows/}, and the Conductor server of the configuration,
   * where it starts the workflow named by {@link StageLaunch#STAGE_WORKFLOW_KEY} (default {@code
   * stage_workflow}) for each stage, its tasks in the domains the project's workers poll ({@code
   * worker.all.domain}, {@code worker.<task>.domain}).
   */
  public static StageEngine forConfig(IdflowConfig config) {
    ResourceResolver resolver = ResourceResolver.forConfig(config);
    return builder()
        .catalog(() -> StageCatalog.load(resolver))
        .localVersions(() -> latestVersions(WorkflowCatalog.load(resolver)))
        .launcher(
            () ->
                new ConductorStageLauncher(
                    ConductorClients.create(config),
                    true,
                    config.string(StageLaunch.STAGE_WORKFLOW_KEY, StageLaunch.STAGE_WORKFLOW),
                    TaskDomains.of(config)))
        .extras(extrasInstalled(resolver, new MavenArtifacts(config.env())))
        .build();
  }

  /**
   * Whether an extra is installed: all its artifacts are in the local Maven repository. The extras
   * files are read once, on the first question; a file problem makes every extra not installed (the
   * requirement then fails and names the extra; {@code idflow extras list} names the file).
   */
  static Predicate<String> extrasInstalled(ResourceResolver resolver, MavenArtifacts maven) {
    Object lock = new Object();
    ExtrasCatalog[] catalog = new ExtrasCatalog[1];
    return name -> {
      ExtrasCatalog c;
      synchronized (lock) {
        if (catalog[0] == null) {
          catalog[0] = ExtrasCatalog.load(resolver);
        }
        c = catalog[0];
      }
      return c.installed(name, maven::path);
    };
  }

  /** A builder, for tests and embedding. */
  public static Builder builder() {
    return new Builder();
  }

  private static Function<String, Integer> latestVersions(WorkflowCatalog workflows) {
    return name ->
        workflows.versions(name).stream()
            .map(LocalWorkflow::version)
            .max(Comparator.naturalOrder())
            .orElse(null);
  }

  /** The stage definitions (loaded on first use; problems are in {@link StageCatalog#problems}). */
  public StageCatalog catalog() {
    synchronized (lock) {
      if (catalog == null) {
        catalog = catalogSource.get();
      }
      return catalog;
    }
  }

  /** The definitions that are evaluated: active ones, in evaluation order. */
  public List<StageDefinition> active() {
    return catalog().active();
  }

  /** The definition problems, for warnings: each names the file, line and field. */
  public List<DefinitionProblem> problems() {
    return catalog().problems();
  }

  private StageLauncher launcher() {
    synchronized (lock) {
      if (launcher == null) {
        launcher = launcherSource.get();
      }
      return launcher;
    }
  }

  private ForkPlan fork() {
    synchronized (lock) {
      if (fork == null) {
        when = whenSource.get();
        WhenEvaluator evaluator = when;
        fork =
            new ForkPlan(
                (workflow, expression, doc) ->
                    evaluator.test(workflow, WhenCondition.of(expression), doc),
                versionsSource.get());
      }
      return fork;
    }
  }

  /**
   * Evaluates the document's stages in place (under the document's lock; no network).
   *
   * @param stage only this stage, or null for every active definition
   * @throws InvalidRequestException when {@code stage} names no active definition
   */
  public StageEvaluation evaluate(Document document, String stage, boolean allowRerun) {
    return evaluator.evaluate(document, selected(stage), allowRerun);
  }

  private List<StageDefinition> selected(String stage) {
    List<StageDefinition> defs = active();
    if (stage == null) {
      return defs;
    }
    return List.of(definition(stage));
  }

  /**
   * The active definition of this name.
   *
   * @throws InvalidRequestException naming the available stages when there is none
   */
  public StageDefinition definition(String stage) {
    return active().stream()
        .filter(d -> d.name().equals(stage))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "stage '"
                        + io.idflow.api.text.Printable.escape(stage)
                        + "' not found; available stages: "
                        + String.join(
                            ", ", active().stream().map(StageDefinition::name).toList())));
  }

  /**
   * Whether the document meets the requirements of an active stage now, checked as the engine
   * checks them before a start; when not, the reason names the first requirement not met. A {@code
   * no_eval} stage never meets them.
   *
   * @throws InvalidRequestException naming the available stages when the stage is unknown
   */
  public RequirementResult requirements(Document document, String stage) {
    return evaluator.checker().check(document, definition(stage));
  }

  /** Applies the document's status to its open instances, in place (under the lock). */
  public List<StageChange> lifecycle(Document document) {
    return evaluator.lifecycle(document, active());
  }

  /** The scheduled instances of the document that {@link #startScheduled} would start now. */
  public List<StageInstance> startable(Document document) {
    return evaluator.startable(document, active());
  }

  /**
   * Starts every startable scheduled instance of a stored document and marks it {@code active} with
   * its workflow id (or {@code done} when no workflow is left to run, {@code blocked} when a {@code
   * when} condition fails). Call it after the document was written, without its lock.
   *
   * @param warnings where a start that failed is reported; the instance stays scheduled
   * @return one outcome per instance tried
   */
  public List<Start> startScheduled(
      DocumentStore store, String documentId, Consumer<String> warnings) {
    List<Start> out = new ArrayList<>();
    // The writes below run the store's listener again on this thread; it must not start (or retry)
    // the same document's instances from inside: this loop picks up what those writes schedule.
    if (!STARTING.get().add(documentId)) {
      return out;
    }
    try {
      Set<String> tried = new HashSet<>();
      while (true) {
        Optional<Document> found = store.find(documentId);
        if (found.isEmpty()) {
          return out;
        }
        Optional<StageInstance> next =
            startable(found.get()).stream()
                .filter(s -> !tried.contains(s.id()) && !claimedByOther(s))
                .findFirst();
        if (next.isEmpty()) {
          return out;
        }
        StageInstance s = next.get();
        tried.add(s.id());
        String token = UUID.randomUUID().toString();
        Optional<Document> claimed = claim(store, documentId, s.id(), token);
        if (claimed.isPresent()) {
          StageInstance mine = claimed.get().stageById(s.id()).orElseThrow();
          out.add(start(store, claimed.get(), mine, warnings));
        }
      }
    } finally {
      STARTING.get().remove(documentId);
    }
  }

  private static final ThreadLocal<Set<String>> STARTING = ThreadLocal.withInitial(HashSet::new);

  private static boolean claimedByOther(StageInstance s) {
    Object claim = s.get(START_CLAIM);
    if (claim == null) {
      return false;
    }
    String[] parts = claim.toString().split(" ");
    try {
      long at = Long.parseLong(parts[parts.length - 1]);
      return System.currentTimeMillis() - at < CLAIM_TIMEOUT.toMillis();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Claims the start of a scheduled instance under the document's lock; empty if not ours. */
  private static Optional<Document> claim(
      DocumentStore store, String documentId, String instanceId, String token) {
    AtomicReference<Boolean> won = new AtomicReference<>(false);
    Document after =
        store.update(
            documentId,
            d ->
                d.stageById(instanceId)
                    .filter(i -> i.status() == StageStatus.SCHEDULED && !claimedByOther(i))
                    .ifPresent(
                        i -> {
                          i.put(START_CLAIM, token + " " + System.currentTimeMillis());
                          won.set(true);
                        }));
    return won.get() ? Optional.of(after) : Optional.empty();
  }

  private static void release(DocumentStore store, String documentId, String instanceId) {
    store.update(documentId, d -> d.stageById(instanceId).ifPresent(i -> i.remove(START_CLAIM)));
  }

  private Start start(
      DocumentStore store, Document document, StageInstance s, Consumer<String> warnings) {
    StageDefinition def = definition(s.name());
    StageLaunch launch;
    try {
      launch = fork().launch(document, def, s.counter());
    } catch (WhenConditionException e) {
      finish(
          store,
          document.id(),
          s.id(),
          StageStatus.BLOCKED,
          Map.of(FAILURE, failure(e.workflow(), null, e.getMessage())));
      return new Start(s.name(), s.counter(), null, 0, e.getMessage());
    }
    if (launch.workflows().isEmpty()) {
      update(store, document.id(), s.id(), StageStatus.DONE, null, launch);
      return new Start(s.name(), s.counter(), null, 0, null);
    }
    String workflowId;
    try {
      workflowId = launcher().start(launch);
    } catch (IdflowException e) {
      String message =
          "stage "
              + s.name()
              + " ("
              + s.counter()
              + ") of document "
              + document.id()
              + " stays scheduled: "
              + e.getMessage();
      warnings.accept(message);
      release(store, document.id(), s.id());
      return new Start(s.name(), s.counter(), null, 0, e.getMessage());
    }
    update(store, document.id(), s.id(), StageStatus.ACTIVE, workflowId, launch);
    return new Start(s.name(), s.counter(), workflowId, launch.workflows().size(), null);
  }

  private static Map<String, Object> failure(String workflow, String task, String message) {
    Map<String, Object> f = new LinkedHashMap<>();
    if (workflow != null) {
      f.put("workflow", workflow);
    }
    if (task != null) {
      f.put("task", task);
    }
    f.put("message", message);
    return f;
  }

  /**
   * Ends the start of a scheduled instance under the document's lock: its new status, and what the
   * start recorded (any of the properties may be absent). When its run ended and was recorded
   * before this write (the instance names the same run), only what the start recorded is added;
   * when another writer changed the instance's status otherwise, nothing happens.
   */
  private static void finish(
      DocumentStore store,
      String documentId,
      String instanceId,
      StageStatus status,
      Map<String, Object> recorded) {
    store.update(
        documentId,
        d ->
            d.stageById(instanceId)
                .ifPresent(
                    i -> {
                      if (i.status() == StageStatus.SCHEDULED) {
                        i.setStatus(status);
                        i.remove(START_CLAIM);
                        recorded.forEach(i::put);
                      } else if (i.get(WORKFLOW_ID) != null
                          && i.get(WORKFLOW_ID).equals(recorded.get(WORKFLOW_ID))) {
                        recorded.forEach(i::put);
                      }
                    }));
  }

  private static void update(
      DocumentStore store,
      String documentId,
      String instanceId,
      StageStatus status,
      String workflowId,
      StageLaunch launch) {
    Map<String, Object> recorded = new LinkedHashMap<>();
    if (workflowId != null) {
      recorded.put(WORKFLOW_ID, workflowId);
    }
    recorded.put(WORKFLOWS, launch.workflows().stream().map(StageLaunch.Run::name).toList());
    if (!launch.skipped().isEmpty()) {
      recorded.put(SKIPPED_WORKFLOWS, launch.skipped());
    }
    finish(store, documentId, instanceId, status, recorded);
  }

  /**
   * Adds a new instance of a stage to a document ({@code stage run}): {@code scheduled}, started at
   * once by the store's listener when its requirements hold, else when they come to hold.
   *
   * @throws RefusedException when the stage has an open instance on the document
   * @throws InvalidRequestException when the stage is unknown or inactive
   */
  public StageInstance run(DocumentStore store, String documentId, String stage) {
    StageDefinition def = definition(stage);
    AtomicReference<StageInstance> created = new AtomicReference<>();
    store.update(
        documentId,
        d -> {
          d.stages(def.name()).stream()
              .filter(s -> s.status().isOpen())
              .findFirst()
              .ifPresent(
                  s -> {
                    throw new RefusedException(
                        "stage "
                            + stage
                            + " of document "
                            + documentId
                            + " is "
                            + s.status()
                            + " already (run "
                            + s.counter()
                            + "); cancel it first with 'idflow stage cancel'");
                  });
          created.set(d.addStage(def.name()));
          if (d.status() == DocumentStatus.INBOX) {
            d.setStatus(DocumentStatus.ACTIVE);
          }
        });
    return store.get(documentId).stageById(created.get().id()).orElseThrow();
  }

  /**
   * Cancels the open instance of a stage on a document: terminates its run on Conductor (if it
   * started) and marks it {@code cancelled}.
   *
   * @throws InvalidRequestException when the stage has no open instance on the document
   */
  public StageInstance cancel(DocumentStore store, String documentId, String stage) {
    Document doc = store.get(documentId);
    StageInstance open =
        doc.stages(stage).stream()
            .filter(s -> s.status().isOpen())
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "stage " + stage + " of document " + documentId + " is not running"));
    Object workflowId = open.get(WORKFLOW_ID);
    if (workflowId != null) {
      launcher().terminate(workflowId.toString(), "cancelled with idflow stage cancel");
    }
    store.update(
        documentId,
        d ->
            d.stageById(open.id())
                .filter(s -> s.status().isOpen())
                .ifPresent(s -> s.setStatus(StageStatus.CANCELLED)));
    return store.get(documentId).stageById(open.id()).orElseThrow();
  }

  /**
   * Records a stage run's outcome on its instance, under the document's lock: the output {@code
   * doc} of every workflow that completed becomes a result, and the instance ends {@code done} when
   * nothing failed, else {@code blocked} with the failure. Only an open instance changes: an {@code
   * active} one whose workflow id is the run's, or a {@code scheduled} one whose start is not
   * recorded yet (a run can end before its starter's write). That save evaluates the document
   * again, which starts the stages that waited for this one.
   *
   * @param run the run, read when all its workflows have ended ({@link
   *     StageRunState#workflowsEnded})
   * @return the instance's status after
   * @throws IllegalStateException when the run's workflows have not all ended, or the document has
   *     no such instance
   * @throws io.idflow.api.document.DocumentNotFoundException when the document is gone
   */
  public StageStatus record(DocumentStore store, StageRunState run) {
    if (run.documentId() == null || run.stage() == null) {
      throw new IllegalStateException(
          "run " + run.workflowId() + " is not a stage run (its input names no document)");
    }
    return record(store, run.documentId(), run.stage(), run.counter(), run);
  }

  private static StageStatus record(
      DocumentStore store, String documentId, String stage, int counter, StageRunState run) {
    if (!run.workflowsEnded()) {
      throw new IllegalStateException(
          "the workflows of stage run " + run.workflowId() + " have not all ended");
    }
    AtomicReference<StageStatus> status = new AtomicReference<>();
    store.update(
        documentId,
        d -> {
          StageInstance s =
              d.stage(stage, counter)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "document "
                                  + documentId
                                  + " has no stage "
                                  + stage
                                  + " ("
                                  + counter
                                  + ")"));
          status.set(s.status());
          Object id = s.get(WORKFLOW_ID);
          // A scheduled instance is one whose start is not recorded yet: a fast run can end before
          // the process that started it marks it active (the run's input names the instance, so
          // it is this instance's run); the start's own write then leaves the ended instance alone.
          boolean open = s.status() == StageStatus.ACTIVE || s.status() == StageStatus.SCHEDULED;
          if (!open || (id != null && !id.toString().equals(run.workflowId()))) {
            return;
          }
          s.put(WORKFLOW_ID, run.workflowId());
          s.remove(START_CLAIM);
          run.results().forEach(s::putResult);
          if (run.failure() != null) {
            s.put(FAILURE, run.failure());
            s.setStatus(StageStatus.BLOCKED);
          } else {
            s.setStatus(StageStatus.DONE);
          }
          status.set(s.status());
        });
    return status.get();
  }

  /**
   * Ends the {@code active} instances of a document whose run has ended on Conductor without
   * recording it: Conductor terminated it (an operator, or a server error while it scheduled a
   * task), or it failed before {@code update_stage_status} ran and its failure workflow could not
   * record it either. Each is recorded as {@link #record} does; a run Conductor does not know
   * blocks its instance. Reads one run per active instance; runs that still go on are left alone.
   *
   * @return the instances that changed
   * @throws io.idflow.api.ConductorUnavailableException when Conductor cannot be reached
   */
  public List<StageChange> reconcile(DocumentStore store, String documentId) {
    List<StageChange> changes = new ArrayList<>();
    for (StageInstance s : store.get(documentId).stages()) {
      Object id = s.get(WORKFLOW_ID);
      if (s.status() != StageStatus.ACTIVE || id == null) {
        continue;
      }
      StageRunState run = launcher().read(id.toString());
      if (!run.ended()) {
        continue;
      }
      StageStatus after = record(store, documentId, s.name(), s.counter(), run);
      if (after != StageStatus.ACTIVE) {
        changes.add(new StageChange(s.name(), s.counter(), s.id(), StageStatus.ACTIVE, after));
      }
    }
    return changes;
  }

  /**
   * Terminates the runs of instances that a write stopped (active before, cancelled or blocked
   * after), best effort: a failure is reported as a warning.
   */
  public void terminateStopped(Document before, Document after, Consumer<String> warnings) {
    for (StageInstance was : before.stages()) {
      if (was.status() != StageStatus.ACTIVE || was.get(WORKFLOW_ID) == null) {
        continue;
      }
      Optional<StageInstance> now = after.stageById(was.id());
      boolean stopped =
          now.isEmpty()
              || now.get().status() == StageStatus.CANCELLED
              || now.get().status() == StageStatus.BLOCKED;
      if (stopped) {
        try {
          launcher()
              .terminate(
                  was.get(WORKFLOW_ID).toString(),
                  "stage " + was.name() + " of document " + after.id() + " stopped");
        } catch (IdflowException e) {
          warnings.accept(
              "could not terminate the run of stage " + was.name() + ": " + e.getMessage());
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (launcher != null) {
        launcher.close();
        launcher = null;
      }
      if (when != null) {
        when.close();
        when = null;
        fork = null;
      }
    }
  }

  /**
   * What happened to one scheduled instance in {@link #startScheduled}.
   *
   * @param stage the stage's name
   * @param counter the instance's counter
   * @param workflowId the stage run's id when it started, else null
   * @param workflows how many workflows the run started
   * @param error why it did not start, else null
   */
  public record Start(String stage, int counter, String workflowId, int workflows, String error) {}

  /** Builds an engine from its parts. */
  public static final class Builder {
    private Supplier<StageCatalog> catalog;
    private Supplier<StageLauncher> launcher;
    private Supplier<Function<String, Integer>> localVersions = () -> name -> null;
    private Predicate<String> extraInstalled = name -> false;
    private Supplier<WhenEvaluator> when = WhenEvaluator::create;

    private Builder() {}

    /** Where the definitions come from; required. */
    public Builder catalog(Supplier<StageCatalog> catalog) {
      this.catalog = catalog;
      return this;
    }

    /** The launcher; required. */
    public Builder launcher(Supplier<StageLauncher> launcher) {
      this.launcher = launcher;
      return this;
    }

    /** The local workflow version for a name (null: latest); default none. */
    public Builder localVersions(Supplier<Function<String, Integer>> localVersions) {
      this.localVersions = localVersions;
      return this;
    }

    /** Whether an extra is installed; default none is. */
    public Builder extras(Predicate<String> extraInstalled) {
      this.extraInstalled = extraInstalled;
      return this;
    }

    /** The {@code when} evaluator; default {@link WhenEvaluator#create()}. */
    public Builder when(Supplier<WhenEvaluator> when) {
      this.when = when;
      return this;
    }

    /** The engine. */
    public StageEngine build() {
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(launcher, "launcher");
      return new StageEngine(this);
    }
  }
}

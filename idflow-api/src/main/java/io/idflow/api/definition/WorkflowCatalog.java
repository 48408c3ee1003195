package io.idflow.api.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.resource.ResourceDir;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.resource.ResourceKind;
import io.idflow.api.resource.ResourceResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The local workflows and event handlers: every {@code workflows/<dir>/**}{@code /*.json} of the
 * effective workflow folders (the project's folder replaces the core library's folder of the same
 * name). Files named {@code event_handlers.json} hold event handlers (an array, or one object);
 * every other {@code .json} file is one workflow definition, identified by its {@code name} and
 * {@code version} (default 1).
 *
 * <p>Loading never fails: invalid JSON, a definition that fails validation, and a name (and
 * version) defined twice are collected as {@link #problems()}, each with file, JSON path and
 * reason, and the definitions concerned are left out of {@link #workflows()} and {@link
 * #eventHandlers()}. Validation covers a missing name, a bad version, no tasks, tasks without name
 * or reference name, duplicate reference names and {@code ${...}} expressions pointing at unknown
 * task references, at any nesting depth (fork branches, switch cases, loops, inline sub-workflows).
 * References to task definitions need to know the tasks: see {@link #unknownTasks(Predicate)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkflowCatalog {

  /** The file name that holds event handlers instead of a workflow. */
  public static final String EVENT_HANDLERS_FILE = "event_handlers.json";

  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final List<LocalWorkflow> workflows;
  private final List<LocalEventHandler> eventHandlers;
  private final List<DefinitionProblem> problems;

  private WorkflowCatalog(
      List<LocalWorkflow> workflows,
      List<LocalEventHandler> eventHandlers,
      List<DefinitionProblem> problems) {
    this.workflows = List.copyOf(workflows);
    this.eventHandlers = List.copyOf(eventHandlers);
    this.problems = List.copyOf(problems);
  }

  /**
   * Reads every workflow folder of the resolver.
   *
   * @throws java.io.UncheckedIOException when a folder or file cannot be read
   */
  public static WorkflowCatalog load(ResourceResolver resolver) {
    List<LocalWorkflow> workflows = new ArrayList<>();
    List<LocalEventHandler> handlers = new ArrayList<>();
    List<DefinitionProblem> problems = new ArrayList<>();
    Map<String, LocalWorkflow> byId = new LinkedHashMap<>();
    Map<String, LocalEventHandler> byName = new LinkedHashMap<>();
    // Reading, parsing and checking each file is independent: done in parallel, in order.
    List<Parsed> parsed =
        resolver.directories(ResourceKind.WORKFLOWS).parallelStream()
            .flatMap(
                dir ->
                    dir.files().stream()
                        .filter(f -> f.fileName().endsWith(".json"))
                        .map(f -> parse(dir, f)))
            .toList();
    for (Parsed p : parsed) {
      if (p.error() != null) {
        problems.add(new DefinitionProblem(p.file().displayName(), "$", p.error()));
      } else if (p.file().fileName().equals(EVENT_HANDLERS_FILE)) {
        readHandlers(p.dir(), p.file(), p.json(), handlers, byName, problems);
      } else {
        readWorkflow(p, workflows, byId, problems);
      }
    }
    workflows.sort(
        Comparator.comparing(LocalWorkflow::name).thenComparingInt(LocalWorkflow::version));
    handlers.sort(Comparator.comparing(LocalEventHandler::name));
    return new WorkflowCatalog(workflows, handlers, problems);
  }

  /** One file read, parsed and (for workflows) validated. */
  private record Parsed(
      ResourceDir dir,
      ResourceFile file,
      JsonNode json,
      String error,
      List<WorkflowValidator.Problem> invalid) {}

  private static Parsed parse(ResourceDir dir, ResourceFile file) {
    JsonNode json;
    try {
      json = STRICT.readTree(file.readString());
    } catch (JsonProcessingException e) {
      return new Parsed(dir, file, null, jsonError(e), List.of());
    }
    if (json == null || json.isMissingNode()) {
      return new Parsed(dir, file, null, "the file is empty", List.of());
    }
    List<WorkflowValidator.Problem> invalid =
        file.fileName().equals(EVENT_HANDLERS_FILE) ? List.of() : WorkflowValidator.validate(json);
    return new Parsed(dir, file, json, null, invalid);
  }

  private static void readWorkflow(
      Parsed parsed,
      List<LocalWorkflow> workflows,
      Map<String, LocalWorkflow> byId,
      List<DefinitionProblem> problems) {
    ResourceDir dir = parsed.dir();
    ResourceFile file = parsed.file();
    JsonNode json = parsed.json();
    List<WorkflowValidator.Problem> found = parsed.invalid();
    if (!found.isEmpty()) {
      for (WorkflowValidator.Problem p : found) {
        problems.add(new DefinitionProblem(file.displayName(), p.path(), p.reason()));
      }
      return;
    }
    LocalWorkflow wf =
        new LocalWorkflow(
            json.path("name").asText(),
            WorkflowValidator.version(json),
            (ObjectNode) json,
            file,
            dir.origin());
    LocalWorkflow other = byId.putIfAbsent(wf.name() + "\u0000" + wf.version(), wf);
    if (other != null) {
      problems.add(
          new DefinitionProblem(
              file.displayName(),
              "$.name",
              "workflow " + wf.label() + " is also defined in " + other.source().displayName()));
      return;
    }
    workflows.add(wf);
  }

  private static void readHandlers(
      ResourceDir dir,
      ResourceFile file,
      JsonNode json,
      List<LocalEventHandler> handlers,
      Map<String, LocalEventHandler> byName,
      List<DefinitionProblem> problems) {
    List<JsonNode> items = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    if (json.isArray()) {
      for (int i = 0; i < json.size(); i++) {
        items.add(json.get(i));
        paths.add("$[" + i + "]");
      }
    } else {
      items.add(json);
      paths.add("$");
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode h = items.get(i);
      String path = paths.get(i);
      int before = problems.size();
      if (!h.isObject()) {
        problems.add(
            new DefinitionProblem(
                file.displayName(), path, "an event handler must be a JSON object"));
        continue;
      }
      if (!h.path("name").isTextual() || h.path("name").asText().isBlank()) {
        problems.add(
            new DefinitionProblem(file.displayName(), path + ".name", "missing handler name"));
      } else if (DefinitionNames.problem("event handler name", h.path("name").asText()) != null) {
        problems.add(
            new DefinitionProblem(
                file.displayName(),
                path + ".name",
                DefinitionNames.problem("event handler name", h.path("name").asText())));
      }
      if (!h.path("event").isTextual() || h.path("event").asText().isBlank()) {
        problems.add(new DefinitionProblem(file.displayName(), path + ".event", "missing event"));
      }
      JsonNode actions = h.path("actions");
      if (!actions.isArray() || actions.isEmpty()) {
        problems.add(
            new DefinitionProblem(
                file.displayName(),
                path + ".actions",
                "an event handler needs at least one action"));
      } else {
        for (int a = 0; a < actions.size(); a++) {
          JsonNode action = actions.get(a).path("action");
          if (!action.isTextual() || action.asText().isBlank()) {
            problems.add(
                new DefinitionProblem(
                    file.displayName(), path + ".actions[" + a + "].action", "missing action"));
          }
        }
      }
      if (problems.size() > before) {
        continue;
      }
      LocalEventHandler handler =
          new LocalEventHandler(h.path("name").asText(), (ObjectNode) h, file, dir.origin());
      LocalEventHandler other = byName.putIfAbsent(handler.name(), handler);
      if (other != null) {
        problems.add(
            new DefinitionProblem(
                file.displayName(),
                path + ".name",
                "event handler '"
                    + handler.name()
                    + "' is also defined in "
                    + other.source().displayName()));
        continue;
      }
      handlers.add(handler);
    }
  }

  private static String jsonError(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where =
        loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    String msg = e.getOriginalMessage();
    int nl = msg.indexOf('\n');
    msg = (nl < 0 ? msg : msg.substring(0, nl)).strip();
    // Jackson names the (redacted) source inside nested locations; the file is named already.
    msg = msg.replaceAll("\\[Source: [^;\\]]*; ", "[");
    return "invalid JSON: " + msg + where;
  }

  /** The valid workflows, sorted by name and version. */
  public List<LocalWorkflow> workflows() {
    return workflows;
  }

  /** The valid event handlers, sorted by name. */
  public List<LocalEventHandler> eventHandlers() {
    return eventHandlers;
  }

  /** What is wrong with the files, in folder and file order; empty when all are valid. */
  public List<DefinitionProblem> problems() {
    return problems;
  }

  /** The workflow names, sorted. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    workflows.forEach(w -> names.add(w.name()));
    return names;
  }

  /** The workflow with this name and version, if valid and present. */
  public Optional<LocalWorkflow> workflow(String name, int version) {
    return workflows.stream()
        .filter(w -> w.name().equals(name) && w.version() == version)
        .findFirst();
  }

  /** Every version of a workflow name, lowest first. */
  public List<LocalWorkflow> versions(String name) {
    return workflows.stream().filter(w -> w.name().equals(name)).toList();
  }

  /**
   * The worker tasks (type {@code SIMPLE} or none) of the valid workflows, at any depth, whose
   * {@code name} is not a known task and that carry no inline {@code taskDefinition}.
   *
   * @param knownTask whether a task name is known (declared by a task method, or defined in
   *     Conductor)
   * @return one problem per reference, in workflow order
   */
  public List<DefinitionProblem> unknownTasks(Predicate<String> knownTask) {
    List<DefinitionProblem> out = new ArrayList<>();
    for (LocalWorkflow wf : workflows) {
      WorkflowTasks.unknownWorkerTasks(
          wf.definition(),
          knownTask,
          (path, name) ->
              out.add(
                  new DefinitionProblem(
                      wf.source().displayName(),
                      path,
                      "unknown task '"
                          + name
                          + "': no task method declares it and no task definition has that name")));
    }
    return out;
  }

  /**
   * This catalog, when it has no problems.
   *
   * @throws InvalidDefinitionsException (exit 5) listing every problem
   */
  public WorkflowCatalog requireValid() {
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionsException(problems);
    }
    return this;
  }
}

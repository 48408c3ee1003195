package io.idflow.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Conductor has, read with one bulk request per kind. Only the kinds in {@link #loaded()} were
 * read; the others are empty.
 *
 * @param taskDefs every task definition
 * @param workflows every version of every workflow definition
 * @param eventHandlers every event handler
 * @param loaded the kinds that were read
 */
public record RemoteDefinitions(
    List<ObjectNode> taskDefs,
    List<ObjectNode> workflows,
    List<ObjectNode> eventHandlers,
    Set<DefinitionKind> loaded) {

  /** Copies the lists. */
  public RemoteDefinitions {
    taskDefs = List.copyOf(taskDefs);
    workflows = List.copyOf(workflows);
    eventHandlers = List.copyOf(eventHandlers);
    loaded = Set.copyOf(loaded);
  }

  /** The definitions of one kind. */
  public List<ObjectNode> of(DefinitionKind kind) {
    return switch (kind) {
      case TASK_DEF -> taskDefs;
      case WORKFLOW -> workflows;
      case EVENT_HANDLER -> eventHandlers;
    };
  }

  /** The task definition names, sorted. */
  public Set<String> taskNames() {
    Set<String> names = new TreeSet<>();
    taskDefs.forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  /** Workflow name to its versions, both sorted. */
  public Map<String, Set<Integer>> workflowVersions() {
    Map<String, Set<Integer>> out = new TreeMap<>();
    for (JsonNode w : workflows) {
      out.computeIfAbsent(w.path("name").asText(), k -> new TreeSet<>())
          .add(w.path("version").asInt(1));
    }
    return out;
  }

  /** The identity of a remote definition, as {@link Definition#key()}. */
  static String key(DefinitionKind kind, JsonNode json) {
    return Definition.key(
        json.path("name").asText(),
        kind == DefinitionKind.WORKFLOW ? json.path("version").asInt(1) : null);
  }
}

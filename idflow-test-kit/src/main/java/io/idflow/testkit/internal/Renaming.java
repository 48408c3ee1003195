package io.idflow.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.idflow.api.definition.WorkflowTasks;
import io.idflow.sync.Definition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;

/**
 * Gives a project's own definitions the names of one test kit: {@code <name>_<suffix>}. Task
 * definitions and workflows of the project are renamed, and so is every reference to them in a
 * renamed workflow (worker tasks, sub-workflows, the failure workflow) and in a stage file (the
 * stage's workflows). Names of the core library stay as they are. Immutable and thread-safe.
 *
 * @param suffix appended to every renamed name, with an underscore
 * @param tasks the original names of the task definitions to rename
 * @param workflows the original names of the workflows to rename
 */
public record Renaming(String suffix, Set<String> tasks, Set<String> workflows) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Copies the sets. */
  public Renaming {
    Objects.requireNonNull(suffix, "suffix");
    tasks = Set.copyOf(tasks);
    workflows = Set.copyOf(workflows);
  }

  /** The name a task or workflow has in Conductor: renamed when it is the project's. */
  public String task(String name) {
    return tasks.contains(name) ? name + "_" + suffix : name;
  }

  /** The name a workflow has in Conductor: renamed when it is the project's. */
  public String workflow(String name) {
    return workflows.contains(name) ? name + "_" + suffix : name;
  }

  /** A task definition under its new name. */
  public Definition taskDef(Definition def) {
    ObjectNode json = def.json();
    String name = task(def.name());
    json.put("name", name);
    return new Definition(def.kind(), name, null, json, def.source(), def.origin());
  }

  /** A workflow under its new name, with its references to renamed definitions renamed. */
  public Definition workflow(Definition def) {
    ObjectNode json = workflowJson(def.json());
    return new Definition(
        def.kind(), json.path("name").asText(), def.version(), json, def.source(), def.origin());
  }

  /** A workflow's JSON (a copy) with its name and references renamed. */
  public ObjectNode workflowJson(ObjectNode original) {
    ObjectNode json = original.deepCopy();
    json.put("name", workflow(json.path("name").asText()));
    if (json.path("failureWorkflow").isTextual()) {
      json.put("failureWorkflow", workflow(json.path("failureWorkflow").asText()));
    }
    WorkflowTasks.walkAll(
        json,
        "$",
        (path, node) -> {
          if (!(node instanceof ObjectNode task)) {
            return;
          }
          if (WorkflowTasks.isSimple(task) && task.path("name").isTextual()) {
            task.put("name", task(task.path("name").asText()));
            if (task.path("taskDefinition") instanceof ObjectNode inline
                && inline.path("name").isTextual()) {
              inline.put("name", task(inline.path("name").asText()));
            }
          }
          if (task.path("subWorkflowParam") instanceof ObjectNode sub
              && sub.path("name").isTextual()) {
            sub.put("name", workflow(sub.path("name").asText()));
          }
        });
    return json;
  }

  /**
   * A stage file (YAML) with the names of its workflows renamed. The file is written back as YAML
   * without its comments; everything else is kept.
   *
   * @throws IllegalArgumentException when the text is not a YAML mapping
   */
  public String stageYaml(String yaml, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (!(tree instanceof ObjectNode stage)) {
      throw new IllegalArgumentException(source + ": a stage file must hold a mapping");
    }
    if (stage.path("workflows") instanceof ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        JsonNode w = list.get(i);
        if (w.isTextual()) {
          list.set(i, workflow(w.asText()));
        } else if (w instanceof ObjectNode entry && entry.path("name").isTextual()) {
          entry.put("name", workflow(entry.path("name").asText()));
        }
      }
    }
    try {
      return YAML.writeValueAsString(stage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

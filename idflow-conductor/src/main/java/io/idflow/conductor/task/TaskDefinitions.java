package io.idflow.conductor.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import io.idflow.api.IdflowException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link TaskDefinition} (or its absence) into Conductor's {@link TaskDef}. Stateless and
 * thread-safe.
 */
public final class TaskDefinitions {

  // A plain mapper: the Conductor client's (with its Kotlin module) costs most of a second to
  // set up, and TaskDef needs none of it.
  private static final ObjectMapper TASK_DEF_JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Audit fields the model carries (as 0 or null) that the server fills in. */
  private static final List<String> AUDIT_FIELDS =
      List.of("createTime", "updateTime", "createdBy", "updatedBy", "ownerApp");

  private static final TaskDefinition DEFAULTS;

  static {
    try {
      DEFAULTS =
          TaskDefinitions.class
              .getDeclaredMethod("defaultsCarrier")
              .getAnnotation(TaskDefinition.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private TaskDefinitions() {}

  // Carries an annotation with every default, so the defaults live in one place: the annotation.
  @TaskDefinition
  private static void defaultsCarrier() {}

  /** An annotation instance holding every default, as a method without the annotation gets. */
  public static TaskDefinition defaults() {
    return DEFAULTS;
  }

  /**
   * The definition of a method's task: its {@link TaskDefinition}, or the defaults without one.
   *
   * @param name the task name (the {@code @WorkerTask} value)
   * @param method the worker method
   * @param defaultDescription the description when the annotation gives none
   * @throws IdflowException (exit 5) when the values are invalid
   */
  public static TaskDef toTaskDef(String name, Method method, String defaultDescription) {
    TaskDefinition ann = method.getAnnotation(TaskDefinition.class);
    return toTaskDef(name, ann == null ? DEFAULTS : ann, defaultDescription);
  }

  /**
   * Converts an annotation to a task definition, built with {@code new TaskDef(name)} and setters
   * (so Conductor's own defaults hold for every field the annotation does not carry).
   *
   * @param name the task name
   * @param definition the annotation; {@link #defaults()} for a method without one
   * @param defaultDescription the description when the annotation's is empty
   * @throws IdflowException (exit 5) naming every invalid value, e.g. a response time-out longer
   *     than the time-out (Conductor would refuse the definition with HTTP 400)
   */
  public static TaskDef toTaskDef(
      String name, TaskDefinition definition, String defaultDescription) {
    Objects.requireNonNull(definition, "definition");
    if (name == null || name.isBlank()) {
      throw IdflowException.invalid("a task name must not be blank");
    }
    String nameProblem = io.idflow.api.definition.DefinitionNames.problem("task name", name);
    if (nameProblem != null) {
      throw IdflowException.invalid(nameProblem);
    }
    List<String> problems = problems(definition);
    if (!problems.isEmpty()) {
      throw IdflowException.invalid(
          "invalid @TaskDefinition of task '" + name + "': " + String.join("; ", problems));
    }
    TaskDef def = new TaskDef(name);
    def.setDescription(
        definition.description().isEmpty() ? defaultDescription : definition.description());
    def.setRetryCount(definition.retryCount());
    def.setRetryLogic(definition.retryLogic());
    def.setRetryDelaySeconds(definition.retryDelaySeconds());
    def.setBackoffScaleFactor(definition.backoffScaleFactor());
    def.setTimeoutSeconds(definition.timeoutSeconds());
    def.setTimeoutPolicy(definition.timeoutPolicy());
    def.setResponseTimeoutSeconds(definition.responseTimeoutSeconds());
    if (definition.pollTimeoutSeconds() >= 0) {
      def.setPollTimeoutSeconds(definition.pollTimeoutSeconds());
    }
    def.setConcurrentExecLimit(definition.concurrentExecLimit());
    def.setRateLimitPerFrequency(definition.rateLimitPerFrequency());
    def.setRateLimitFrequencyInSeconds(definition.rateLimitFrequencyInSeconds());
    def.setOwnerEmail(definition.ownerEmail().isEmpty() ? null : definition.ownerEmail());
    def.setInputKeys(new ArrayList<>(List.of(definition.inputKeys())));
    def.setOutputKeys(new ArrayList<>(List.of(definition.outputKeys())));
    if (!definition.isolationGroupId().isEmpty()) {
      def.setIsolationGroupId(definition.isolationGroupId());
    }
    if (!definition.executionNameSpace().isEmpty()) {
      def.setExecutionNameSpace(definition.executionNameSpace());
    }
    return def;
  }

  /** What is wrong with an annotation's values; empty when nothing is. */
  public static List<String> problems(TaskDefinition d) {
    List<String> p = new ArrayList<>();
    if (d.retryCount() < 0) {
      p.add("retryCount must be >= 0, not " + d.retryCount());
    }
    if (d.retryDelaySeconds() < 0) {
      p.add("retryDelaySeconds must be >= 0, not " + d.retryDelaySeconds());
    }
    if (d.backoffScaleFactor() < 1) {
      p.add("backoffScaleFactor must be >= 1, not " + d.backoffScaleFactor());
    }
    if (d.timeoutSeconds() < 0) {
      p.add("timeoutSeconds must be >= 0, not " + d.timeoutSeconds());
    }
    if (d.responseTimeoutSeconds() < 1) {
      p.add("responseTimeoutSeconds must be >= 1, not " + d.responseTimeoutSeconds());
    }
    if (d.timeoutSeconds() > 0 && d.responseTimeoutSeconds() > d.timeoutSeconds()) {
      p.add(
          "responseTimeoutSeconds ("
              + d.responseTimeoutSeconds()
              + ") must not exceed timeoutSeconds ("
              + d.timeoutSeconds()
              + ")");
    }
    if (d.pollTimeoutSeconds() < -1) {
      p.add("pollTimeoutSeconds must be >= 0 (or -1 for none), not " + d.pollTimeoutSeconds());
    }
    if (d.concurrentExecLimit() < 0) {
      p.add("concurrentExecLimit must be >= 0, not " + d.concurrentExecLimit());
    }
    if (d.rateLimitPerFrequency() < 0) {
      p.add("rateLimitPerFrequency must be >= 0, not " + d.rateLimitPerFrequency());
    }
    if (d.rateLimitFrequencyInSeconds() < 1) {
      p.add("rateLimitFrequencyInSeconds must be >= 1, not " + d.rateLimitFrequencyInSeconds());
    }
    return p;
  }

  /** A deep copy of a task definition (Conductor's model is mutable). */
  public static TaskDef copy(TaskDef def) {
    return TASK_DEF_JSON.convertValue(def, TaskDef.class);
  }

  /**
   * A task definition as the JSON Conductor receives: no null fields, and none of the audit fields
   * ({@code createTime}, {@code updateTime}, {@code createdBy}, {@code updatedBy}, {@code
   * ownerApp}) that the server fills in.
   */
  public static ObjectNode toJson(TaskDef def) {
    ObjectNode json = TASK_DEF_JSON.valueToTree(def);
    json.remove(AUDIT_FIELDS);
    return json;
  }
}

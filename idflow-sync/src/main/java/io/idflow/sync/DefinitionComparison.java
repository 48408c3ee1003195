package io.idflow.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.idflow.api.internal.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a local definition with Conductor's copy as JSON trees, ignoring what the server fills
 * in: the audit fields ({@code createTime}, {@code updateTime}, {@code createdBy}, {@code
 * updatedBy}), an {@code ownerEmail} the local file does not set, and every field the local JSON
 * leaves out whose value in Conductor is the server's default (empty, zero, false, or the specific
 * defaults below, such as a task definition's {@code retryCount} 3 or a task's {@code type}
 * SIMPLE). Inside user data ({@code inputParameters}, {@code outputParameters}, {@code
 * inputTemplate}, {@code variables}) every key counts. Numbers compare by value.
 *
 * <p>Comparing trees, not the client's model classes, keeps the fields the 4.x client does not know
 * ({@code items}, {@code maskedFields}, ...). Stateless and thread-safe.
 */
public final class DefinitionComparison {

  private static final Set<String> AUDIT =
      Set.of("createTime", "updateTime", "createdBy", "updatedBy");

  private enum Shape {
    TASK_DEF,
    WORKFLOW,
    TASK,
    TASK_LIST,
    TASK_LIST_LIST,
    TASK_LIST_MAP,
    SUB_WORKFLOW_PARAM,
    EVENT_HANDLER,
    ACTION_LIST,
    STRUCT,
    DATA
  }

  private static final Map<Shape, Map<String, JsonNode>> DEFAULTS =
      Map.of(
          Shape.TASK_DEF,
          Map.of(
              "retryCount", IntNode.valueOf(3),
              "timeoutPolicy", TextNode.valueOf("TIME_OUT_WF"),
              "retryLogic", TextNode.valueOf("FIXED"),
              "retryDelaySeconds", IntNode.valueOf(60),
              "responseTimeoutSeconds", IntNode.valueOf(3600),
              "rateLimitFrequencyInSeconds", IntNode.valueOf(1),
              "backoffScaleFactor", IntNode.valueOf(1),
              "taskStatusListenerEnabled", BooleanNode.TRUE),
          Shape.WORKFLOW,
          Map.of(
              "version", IntNode.valueOf(1),
              "schemaVersion", IntNode.valueOf(2),
              "restartable", BooleanNode.TRUE,
              "timeoutPolicy", TextNode.valueOf("ALERT_ONLY"),
              "enforceSchema", BooleanNode.TRUE),
          Shape.TASK,
          Map.of("type", TextNode.valueOf("SIMPLE")));

  private DefinitionComparison() {}

  /**
   * What differs between a local definition and Conductor's, one line per difference ({@code
   * <path>: <in Conductor> -> <local>}); empty when they are the same.
   */
  public static List<String> differences(DefinitionKind kind, JsonNode local, JsonNode remote) {
    List<String> out = new ArrayList<>();
    Shape shape =
        switch (kind) {
          case TASK_DEF -> Shape.TASK_DEF;
          case WORKFLOW -> Shape.WORKFLOW;
          case EVENT_HANDLER -> Shape.EVENT_HANDLER;
        };
    compare(shape, "", local, remote, out);
    return out;
  }

  private static void compare(Shape shape, String path, JsonNode l, JsonNode r, List<String> out) {
    if (l.isObject() && r.isObject()) {
      compareObjects(shape, path, (ObjectNode) l, (ObjectNode) r, out);
    } else if (l.isArray() && r.isArray()) {
      if (l.size() != r.size()) {
        out.add(at(path) + ": " + r.size() + " items -> " + l.size() + " items");
        return;
      }
      Shape element = element(shape);
      for (int i = 0; i < l.size(); i++) {
        compare(element, path + "[" + i + "]", l.get(i), r.get(i), out);
      }
    } else if (l.isNumber() && r.isNumber()) {
      if (l.decimalValue().compareTo(r.decimalValue()) != 0) {
        out.add(at(path) + ": " + show(r) + " -> " + show(l));
      }
    } else if (!l.equals(r)) {
      out.add(at(path) + ": " + show(r) + " -> " + show(l));
    }
  }

  private static void compareObjects(
      Shape shape, String path, ObjectNode l, ObjectNode r, List<String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = l.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (AUDIT.contains(key) && shape != Shape.DATA) {
        continue;
      }
      JsonNode lv = e.getValue();
      JsonNode rv = r.get(key);
      String child = path.isEmpty() ? key : path + "." + key;
      boolean localAbsent = lv.isNull();
      boolean remoteAbsent = rv == null || rv.isNull();
      if (localAbsent && remoteAbsent) {
        continue;
      }
      if (localAbsent) {
        if (!isDefault(shape, key, rv)) {
          out.add(child + ": " + show(rv) + " -> (not set)");
        }
      } else if (remoteAbsent) {
        if (!isDefault(shape, key, lv)) {
          out.add(child + ": (not set) -> " + show(lv));
        }
      } else {
        compare(child(shape, key), child, lv, rv, out);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> rit = r.fields();
    while (rit.hasNext()) {
      Map.Entry<String, JsonNode> e = rit.next();
      String key = e.getKey();
      if (l.has(key) || e.getValue().isNull()) {
        continue;
      }
      if (shape != Shape.DATA
          && (AUDIT.contains(key)
              || (key.equals("ownerEmail")
                  && (shape == Shape.TASK_DEF || shape == Shape.WORKFLOW)))) {
        continue;
      }
      if (!isDefault(shape, key, e.getValue())) {
        String child = path.isEmpty() ? key : path + "." + key;
        out.add(child + ": " + show(e.getValue()) + " -> (not set)");
      }
    }
  }

  /** Whether a value counts as "not set": the server's default for that field. */
  private static boolean isDefault(Shape shape, String key, JsonNode v) {
    if (shape == Shape.DATA) {
      return v.isNull();
    }
    JsonNode specific = DEFAULTS.getOrDefault(shape, Map.of()).get(key);
    if (specific != null) {
      return specific.isNumber() && v.isNumber()
          ? specific.decimalValue().compareTo(v.decimalValue()) == 0
          : specific.equals(v);
    }
    return v.isNull()
        || (v.isBoolean() && !v.booleanValue())
        || (v.isNumber() && v.decimalValue().signum() == 0)
        || (v.isTextual() && v.asText().isEmpty())
        || (v.isContainerNode() && v.isEmpty());
  }

  private static Shape child(Shape shape, String key) {
    return switch (shape) {
      case WORKFLOW ->
          switch (key) {
            case "tasks" -> Shape.TASK_LIST;
            case "inputParameters", "outputParameters", "inputTemplate", "variables" -> Shape.DATA;
            default -> Shape.STRUCT;
          };
      case TASK ->
          switch (key) {
            case "forkTasks" -> Shape.TASK_LIST_LIST;
            case "decisionCases" -> Shape.TASK_LIST_MAP;
            case "defaultCase", "loopOver" -> Shape.TASK_LIST;
            case "subWorkflowParam" -> Shape.SUB_WORKFLOW_PARAM;
            case "taskDefinition" -> Shape.TASK_DEF;
            case "inputParameters" -> Shape.DATA;
            default -> Shape.STRUCT;
          };
      case SUB_WORKFLOW_PARAM -> key.equals("workflowDefinition") ? Shape.WORKFLOW : Shape.STRUCT;
      case TASK_DEF -> key.equals("inputTemplate") ? Shape.DATA : Shape.STRUCT;
      case EVENT_HANDLER -> key.equals("actions") ? Shape.ACTION_LIST : Shape.STRUCT;
      case TASK_LIST_MAP -> Shape.TASK_LIST;
      case DATA -> Shape.DATA;
      default -> Shape.STRUCT;
    };
  }

  private static Shape element(Shape shape) {
    return switch (shape) {
      case TASK_LIST -> Shape.TASK;
      case TASK_LIST_LIST -> Shape.TASK_LIST;
      case DATA -> Shape.DATA;
      default -> Shape.STRUCT;
    };
  }

  private static String at(String path) {
    return path.isEmpty() ? "(whole definition)" : path;
  }

  private static String show(JsonNode v) {
    String s = Json.compact(v);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}

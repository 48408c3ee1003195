package io.idflow.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.netflix.conductor.sdk.workflow.executor.task.NonRetryableException;
import com.netflix.conductor.sdk.workflow.executor.task.TaskContext;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkflowInstanceIdInputParam;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls a worker method for a task: binds the task input to the parameters, runs the method and
 * turns what it returned or threw into a {@link TaskResult}. Thread-safe; never throws.
 */
final class TaskInvoker {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
          .findAndRegisterModules();

  private static final int MAX_LOGGED_FRAMES = 30;

  private final WorkerMethod worker;
  private final Binder[] binders;

  TaskInvoker(WorkerMethod worker) {
    this.worker = worker;
    Method m = worker.method();
    Parameter[] params = m.getParameters();
    binders = new Binder[params.length];
    for (int i = 0; i < params.length; i++) {
      binders[i] = binderFor(params[i]);
    }
  }

  /** Runs the method for this task; the result carries the status to report. */
  TaskResult invoke(Task task) {
    TaskContext context = TaskContext.set(task);
    TaskResult result = context.getTaskResult();
    try {
      Object[] args = new Object[binders.length];
      for (int i = 0; i < binders.length; i++) {
        args[i] = binders[i].bind(task);
      }
      Object returned = worker.method().invoke(worker.bean(), args);
      return complete(task, returned, result);
    } catch (InputException e) {
      return fail(result, TaskResult.Status.FAILED_WITH_TERMINAL_ERROR, e.getMessage(), null);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      TaskResult.Status status =
          cause instanceof NonRetryableException
              ? TaskResult.Status.FAILED_WITH_TERMINAL_ERROR
              : TaskResult.Status.FAILED;
      return fail(result, status, reason(cause), cause);
    } catch (IllegalAccessException | RuntimeException e) {
      return fail(result, TaskResult.Status.FAILED, reason(e), e);
    } finally {
      TaskContext.TASK_CONTEXT_INHERITABLE_THREAD_LOCAL.remove();
    }
  }

  private TaskResult complete(Task task, Object returned, TaskResult result) {
    if (returned instanceof TaskResult own) {
      if (own.getTaskId() == null) {
        own.setTaskId(task.getTaskId());
      }
      if (own.getWorkflowInstanceId() == null) {
        own.setWorkflowInstanceId(task.getWorkflowInstanceId());
      }
      if (own.getStatus() == null) {
        own.setStatus(TaskResult.Status.COMPLETED);
      }
      return own;
    }
    try {
      // The SDK's AnnotatedWorker mapping, so that a worker's output is the same under both
      // runners.
      com.netflix.conductor.sdk.workflow.task.OutputParam named =
          worker
              .method()
              .getAnnotatedReturnType()
              .getAnnotation(com.netflix.conductor.sdk.workflow.task.OutputParam.class);
      if (returned != null && named != null) {
        result.getOutputData().put(named.value(), toJson(returned));
      } else if (returned instanceof Map<?, ?> map) {
        Map<String, Object> output = new LinkedHashMap<>();
        map.forEach((k, v) -> output.put(String.valueOf(k), toJson(v)));
        result.getOutputData().putAll(output);
      } else if (returned instanceof String
          || returned instanceof Number
          || returned instanceof Boolean
          || returned instanceof java.util.Collection<?>
          || (returned != null && returned.getClass().isArray())) {
        result.getOutputData().put("result", toJson(returned));
      } else if (returned != null) {
        Object json = toJson(returned);
        if (json instanceof Map<?, ?> fields) {
          fields.forEach((k, v) -> result.getOutputData().put(String.valueOf(k), v));
        } else {
          result.getOutputData().put("result", json);
        }
      }
    } catch (IllegalArgumentException e) {
      return fail(
          result,
          TaskResult.Status.FAILED_WITH_TERMINAL_ERROR,
          "the result of " + worker.source() + " cannot be converted to JSON: " + e.getMessage(),
          null);
    }
    // TaskContext.setCallbackAfter(n) asks to be called again later (as the SDK does).
    result.setStatus(
        result.getCallbackAfterSeconds() > 0
            ? TaskResult.Status.IN_PROGRESS
            : TaskResult.Status.COMPLETED);
    return result;
  }

  private static Object toJson(Object value) {
    return value == null ? null : MAPPER.convertValue(value, Object.class);
  }

  private static TaskResult fail(
      TaskResult result, TaskResult.Status status, String reason, Throwable error) {
    result.setStatus(status);
    result.setCallbackAfterSeconds(0);
    result.setReasonForIncompletion(reason);
    if (error != null) {
      result.log(stackTrace(error));
    }
    return result;
  }

  private static String reason(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getName() : message;
  }

  /** The exception and its frames down to the reflective call into the worker method. */
  private static String stackTrace(Throwable t) {
    StringBuilder sb = new StringBuilder(t.toString());
    int n = 0;
    for (StackTraceElement e : t.getStackTrace()) {
      String cls = e.getClassName();
      if (cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")) {
        break;
      }
      if (n++ == MAX_LOGGED_FRAMES) {
        sb.append("\n\t...");
        break;
      }
      sb.append("\n\tat ").append(e);
    }
    if (t.getCause() != null && t.getCause() != t) {
      sb.append("\nCaused by: ").append(t.getCause());
    }
    return sb.toString();
  }

  // ---- parameter binding

  @FunctionalInterface
  private interface Binder {
    Object bind(Task task) throws InputException;
  }

  private Binder binderFor(Parameter p) {
    if (p.getType() == Task.class) {
      return task -> task;
    }
    if (p.isAnnotationPresent(WorkflowInstanceIdInputParam.class)) {
      return Task::getWorkflowInstanceId;
    }
    if (WorkerMethod.wholeInput(p)) {
      return Task::getInputData;
    }
    InputParam named = p.getAnnotation(InputParam.class);
    String key = named != null ? named.value() : p.getName();
    JavaType type = MAPPER.getTypeFactory().constructType(p.getParameterizedType());
    Class<?> raw = p.getType();
    String described = raw.getSimpleName() + " " + p.getName();
    return task -> {
      Map<String, Object> input = task.getInputData();
      Object value = input == null ? null : input.get(key);
      if (value == null) {
        if (raw.isPrimitive()) {
          throw new InputException(
              "input '" + key + "' is missing; " + worker.source() + " needs it for " + described);
        }
        return null;
      }
      if (raw.isInstance(value) && !type.isContainerType() && !type.hasGenericTypes()) {
        return value;
      }
      try {
        return MAPPER.convertValue(value, type);
      } catch (IllegalArgumentException e) {
        throw new InputException(
            "input '"
                + key
                + "' cannot be converted to "
                + type.toCanonical()
                + " for "
                + worker.source()
                + ": "
                + firstLine(e.getMessage()));
      }
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The task input does not fit the method: retrying the same input cannot help. */
  private static final class InputException extends Exception {
    InputException(String message) {
      super(message, null, false, false);
    }
  }
}

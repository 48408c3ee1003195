package io.idflow.conductor.task;

import com.netflix.conductor.common.metadata.tasks.TaskDef.RetryLogic;
import com.netflix.conductor.common.metadata.tasks.TaskDef.TimeoutPolicy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Conductor task definition of a worker method. It sits beside Conductor's {@code @WorkerTask}
 * (which names the task and sets the polling); idflow uploads the definition it describes.
 *
 * <pre>{@code
 * @WorkerTask("keyword_extract")
 * @TaskDefinition(retryCount = 1, timeoutSeconds = 120, responseTimeoutSeconds = 60,
 *     description = "Extracts keywords from the document body")
 * public Map<String, Object> extract(@InputParam("docId") String docId) { ... }
 * }</pre>
 *
 * <p>A {@code @WorkerTask} method without this annotation gets every default below, which are the
 * values the original idflow uploaded for every task. See {@link TaskDefinitions#toTaskDef} for the
 * conversion and the checks made on the values.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TaskDefinition {

  /** The description; empty (the default) means {@code Task from <source>}. */
  String description() default "";

  /** How often a failed task is retried; default 3. */
  int retryCount() default 3;

  /** How retries are spaced; default {@code FIXED}. */
  RetryLogic retryLogic() default RetryLogic.FIXED;

  /** Seconds before a retry (the base delay for the back-off policies); default 60. */
  int retryDelaySeconds() default 60;

  /** Multiplier for {@code LINEAR_BACKOFF}; default 1 (must be at least 1). */
  int backoffScaleFactor() default 1;

  /**
   * Seconds the task may take overall, retries excluded; default 600; 0 means no limit. When
   * positive it must be at least {@link #responseTimeoutSeconds()}.
   */
  long timeoutSeconds() default 600;

  /** What Conductor does when {@link #timeoutSeconds()} passes; default {@code TIME_OUT_WF}. */
  TimeoutPolicy timeoutPolicy() default TimeoutPolicy.TIME_OUT_WF;

  /**
   * Seconds a worker may hold the task without an update before it is rescheduled; default 300
   * (must be at least 1).
   */
  long responseTimeoutSeconds() default 300;

  /** Seconds the task may wait in the queue for a worker; default -1 meaning no limit (unset). */
  int pollTimeoutSeconds() default -1;

  /** Maximum number of executions at once; default 100; 0 means no limit. */
  int concurrentExecLimit() default 100;

  /** Executions allowed per {@link #rateLimitFrequencyInSeconds()}; default 50; 0 means off. */
  int rateLimitPerFrequency() default 50;

  /** The window of {@link #rateLimitPerFrequency()} in seconds; default 1. */
  int rateLimitFrequencyInSeconds() default 1;

  /** The owner's e-mail address; default {@code idflow@example.com}. */
  String ownerEmail() default "idflow@example.com";

  /** The input keys the task expects (documentation for Conductor's UI); default none. */
  String[] inputKeys() default {};

  /** The output keys the task produces (documentation for Conductor's UI); default none. */
  String[] outputKeys() default {};

  /** Conductor's isolation group; default empty meaning none. */
  String isolationGroupId() default "";

  /** Conductor's execution name space; default empty meaning none. */
  String executionNameSpace() default "";
}

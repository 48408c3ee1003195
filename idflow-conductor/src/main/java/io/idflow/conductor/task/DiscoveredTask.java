package io.idflow.conductor.task;

import com.netflix.conductor.common.metadata.tasks.TaskDef;
import io.idflow.api.config.IdflowConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Optional;

/**
 * A task worker method found by {@link TaskDiscovery}: everything a runner needs to poll for and
 * execute the task, and the task definition to upload.
 *
 * @param name the task name ({@code @WorkerTask} value)
 * @param method the public worker method (annotated with {@code @WorkerTask})
 * @param classLoader the loader of the method's class: the caller's for class-path tasks, the
 *     script's own (whose parent is the caller's) for task scripts
 * @param threadCount {@code @WorkerTask.threadCount}
 * @param pollingInterval {@code @WorkerTask.pollingInterval}, milliseconds
 * @param domain {@code @WorkerTask.domain}, or null when the annotation gives none
 * @param taskDef the task definition ({@link TaskDefinitions#toTaskDef}); {@link #taskDef()}
 *     returns a copy
 * @param source where the method was declared
 */
public record DiscoveredTask(
    String name,
    Method method,
    ClassLoader classLoader,
    int threadCount,
    int pollingInterval,
    String domain,
    TaskDef taskDef,
    TaskSource source) {

  /** Validates the fields. */
  public DiscoveredTask {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(classLoader, "classLoader");
    Objects.requireNonNull(taskDef, "taskDef");
    Objects.requireNonNull(source, "source");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (domain != null && domain.isBlank()) {
      domain = null;
    }
    taskDef = TaskDefinitions.copy(taskDef);
  }

  /** A copy of the task definition (Conductor's model is mutable). */
  @Override
  public TaskDef taskDef() {
    return TaskDefinitions.copy(taskDef);
  }

  /** The domain, if the annotation gives one. */
  public Optional<String> domainIfAny() {
    return Optional.ofNullable(domain);
  }

  /** The class declaring the method. */
  public Class<?> beanClass() {
    return method.getDeclaringClass();
  }

  /** Whether the method is static (then {@link #newBean()} is not needed: invoke on null). */
  public boolean isStatic() {
    return Modifier.isStatic(method.getModifiers());
  }

  /**
   * A new instance of the declaring class, through its public no-arg constructor (discovery has
   * checked that it has one, or one taking an {@link IdflowConfig}). Each call creates a new
   * instance.
   *
   * @throws io.idflow.api.InvalidContentException naming the class when the constructor fails or
   *     the class only has a constructor that takes the configuration
   */
  public Object newBean() {
    return newBean(null);
  }

  /**
   * A new instance of the declaring class: through its public constructor taking an {@link
   * IdflowConfig} when it has one and {@code config} is given, else its public no-arg constructor.
   * So a worker can read its own settings (an endpoint, a model) from the project's configuration.
   * Each call creates a new instance.
   *
   * @param config the configuration the runner was started with, or null
   * @throws io.idflow.api.InvalidContentException naming the class when no usable constructor
   *     exists or the constructor fails
   */
  public Object newBean(IdflowConfig config) {
    Class<?> type = beanClass();
    try {
      if (config != null && hasConfigConstructor(type)) {
        return type.getConstructor(IdflowConfig.class).newInstance(config);
      }
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new io.idflow.api.InvalidContentException(
          "cannot create " + type.getName() + " (" + source + "): " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new io.idflow.api.InvalidContentException(
          "cannot create " + type.getName() + " (" + source + "): " + e, e);
    }
  }

  /** Whether the class has a public constructor taking just an {@link IdflowConfig}. */
  static boolean hasConfigConstructor(Class<?> type) {
    try {
      type.getConstructor(IdflowConfig.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** {@code Class#method}, for messages. */
  public String methodName() {
    return beanClass().getName() + "#" + method.getName();
  }

  @Override
  public String toString() {
    return name + " (" + methodName() + ", " + source + ")";
  }
}

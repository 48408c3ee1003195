package io.idflow.worker;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import com.netflix.conductor.sdk.workflow.task.WorkflowInstanceIdInputParam;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.task.DiscoveredTask;
import io.idflow.conductor.task.TaskSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task worker: a method that executes tasks of one Conductor task type, the object it is called
 * on, and the polling settings its {@link WorkerTask} annotation asks for. This is what task
 * discovery produces and what a {@link TaskRunner} runs.
 *
 * <p>The canonical constructor checks that the method can be called by the runner: it must be
 * public (or made accessible), an instance method needs a bean of its class, and every parameter
 * must be bindable (see {@link TaskRunner} for the binding rules); a parameter without a name (the
 * class was compiled without {@code -parameters}) and without {@code @InputParam} is refused.
 *
 * @param taskName the Conductor task type (task definition name) the method executes
 * @param method the method to call
 * @param bean the object to call it on; null for a static method
 * @param threadCount the annotation's {@code threadCount}, or 0 when it left the default
 * @param pollingIntervalMs the annotation's {@code pollingInterval}, or 0 when it left the default
 * @param domain the annotation's {@code domain}, or empty for none
 * @param source where the worker comes from, for messages: {@code com.acme.Tasks#echo} or a {@code
 *     tasks/} file
 */
public record WorkerMethod(
    String taskName,
    Method method,
    Object bean,
    int threadCount,
    int pollingIntervalMs,
    String domain,
    String source) {

  /** The SDK annotation's defaults; equal values count as "not set" (see {@link #of}). */
  static final int SDK_DEFAULT_THREAD_COUNT = 1;

  static final int SDK_DEFAULT_POLLING_INTERVAL = 100;

  /**
   * Validates the worker.
   *
   * @throws IdflowException (exit code 5) naming the class and method when the method cannot be run
   *     as a worker
   */
  public WorkerMethod {
    Objects.requireNonNull(method, "method");
    if (taskName == null || taskName.isBlank()) {
      throw invalid(method, "the task name is empty");
    }
    if (threadCount < 0) {
      throw invalid(method, "threadCount must not be negative: " + threadCount);
    }
    if (pollingIntervalMs < 0) {
      throw invalid(method, "pollingInterval must not be negative: " + pollingIntervalMs);
    }
    domain = domain == null ? "" : domain.trim();
    source = source == null || source.isBlank() ? describe(method) : source;
    boolean isStatic = Modifier.isStatic(method.getModifiers());
    if (!isStatic && bean == null) {
      throw invalid(method, "an instance method needs an object of its class to be called on");
    }
    if (!isStatic && !method.getDeclaringClass().isInstance(bean)) {
      throw invalid(
          method,
          "the object to call it on is a "
              + bean.getClass().getName()
              + ", not a "
              + method.getDeclaringClass().getName());
    }
    if (!Modifier.isPublic(method.getModifiers())
        || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
      try {
        method.setAccessible(true);
      } catch (RuntimeException e) {
        throw invalid(method, "it is not accessible (" + e.getMessage() + "); make it public");
      }
    }
    checkParameters(method);
  }

  /**
   * The worker of one {@link WorkerTask}-annotated method.
   *
   * <p>Annotation values equal to the SDK's defaults ({@code threadCount = 1}, {@code
   * pollingInterval = 100}) count as "not set", so that idflow's defaults apply; set the value in
   * the configuration ({@code worker.<task>.threads: 1}) to force it.
   *
   * @param bean the object to call the method on (null for a static method)
   * @param method a method annotated with {@link WorkerTask}
   * @throws IdflowException (exit code 5) when the method is not annotated or cannot be run
   */
  public static WorkerMethod of(Object bean, Method method) {
    WorkerTask annotation = method.getAnnotation(WorkerTask.class);
    if (annotation == null) {
      throw invalid(method, "it is not annotated with @WorkerTask");
    }
    return new WorkerMethod(
        annotation.value(),
        method,
        Modifier.isStatic(method.getModifiers()) ? null : bean,
        annotation.threadCount() == SDK_DEFAULT_THREAD_COUNT ? 0 : annotation.threadCount(),
        annotation.pollingInterval() == SDK_DEFAULT_POLLING_INTERVAL
            ? 0
            : annotation.pollingInterval(),
        annotation.domain(),
        describe(method));
  }

  /**
   * The worker of a task found by discovery ({@code idflow-api}'s {@code TaskDiscovery}): creates
   * the object to call the method on (none for a static method) and applies the same rule to the
   * annotation's values as {@link #of(Object, Method)}. The object is created with its no-arg
   * constructor; see {@link #of(DiscoveredTask, IdflowConfig)} to hand it the configuration.
   *
   * @throws IdflowException (exit code 5) naming the class when it cannot be created or the method
   *     cannot be run
   */
  public static WorkerMethod of(DiscoveredTask task) {
    return of(task, (IdflowConfig) null);
  }

  /**
   * The worker of a task found by discovery, its object created with the constructor that takes the
   * runner's configuration when the class has one ({@code public MyTasks(IdflowConfig c)}), else
   * with its no-arg constructor.
   *
   * @param config the configuration the runner runs with, or null
   * @throws IdflowException (an {@code InvalidContentException}) naming the class when it cannot be
   *     created or the method cannot be run
   */
  public static WorkerMethod of(DiscoveredTask task, IdflowConfig config) {
    Object bean = task.isStatic() ? null : task.newBean(config);
    String source =
        task.source().kind() == TaskSource.Kind.SCRIPT
            ? task.source().location()
            : describe(task.method());
    return new WorkerMethod(
        task.name(),
        task.method(),
        bean,
        task.threadCount() == SDK_DEFAULT_THREAD_COUNT ? 0 : Math.max(0, task.threadCount()),
        task.pollingInterval() == SDK_DEFAULT_POLLING_INTERVAL
            ? 0
            : Math.max(0, task.pollingInterval()),
        task.domainIfAny().orElse(""),
        source);
  }

  /**
   * Every {@link WorkerTask} method of an object's class (public methods, inherited ones included),
   * in task-name order.
   *
   * @throws IdflowException (exit code 5) when one of them cannot be run
   */
  public static List<WorkerMethod> allOf(Object bean) {
    List<WorkerMethod> found = new ArrayList<>();
    for (Method m : bean.getClass().getMethods()) {
      if (m.isAnnotationPresent(WorkerTask.class)) {
        found.add(of(bean, m));
      }
    }
    found.sort(Comparator.comparing(WorkerMethod::taskName));
    return List.copyOf(found);
  }

  /** The same worker with another source description. */
  public WorkerMethod withSource(String newSource) {
    return new WorkerMethod(
        taskName, method, bean, threadCount, pollingIntervalMs, domain, newSource);
  }

  /** {@code com.acme.Tasks#echo}: the class and method, for messages. */
  public static String describe(Method method) {
    return method.getDeclaringClass().getName() + "#" + method.getName();
  }

  private static void checkParameters(Method method) {
    Parameter[] params = method.getParameters();
    if (params.length == 1 && wholeInput(params[0])) {
      return;
    }
    for (Parameter p : params) {
      if (p.getType() == Task.class || p.isAnnotationPresent(InputParam.class)) {
        continue;
      }
      if (p.isAnnotationPresent(WorkflowInstanceIdInputParam.class)) {
        if (p.getType() != String.class) {
          throw invalid(method, "@WorkflowInstanceIdInputParam parameter must be a String");
        }
        continue;
      }
      if (!p.isNamePresent()) {
        throw invalid(
            method,
            "parameter "
                + p.getName()
                + " has no name; compile with -parameters or annotate it with @InputParam");
      }
    }
  }

  /** A lone, unannotated {@code Map} parameter receives the whole task input (as in the SDK). */
  static boolean wholeInput(Parameter p) {
    return p.getType() == Map.class
        && p.getAnnotations().length == 0
        && p.getDeclaringExecutable().getParameterCount() == 1;
  }

  private static IdflowException invalid(Method method, String why) {
    return IdflowException.invalid("cannot load worker " + describe(method) + ": " + why);
  }
}

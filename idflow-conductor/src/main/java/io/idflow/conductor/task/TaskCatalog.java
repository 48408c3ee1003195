package io.idflow.conductor.task;

import com.netflix.conductor.common.metadata.tasks.TaskDef;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a {@link TaskDiscovery}: every task, by name, with no name twice. Holds the class
 * loaders of the task scripts; {@link #close()} releases them (and makes the script tasks' methods
 * unusable), so a runner keeps the catalog open while it runs the tasks.
 *
 * <p>Thread-safe for reading.
 */
public final class TaskCatalog implements AutoCloseable {

  private final Map<String, DiscoveredTask> tasks;
  private final List<String> built;
  private final List<URLClassLoader> loaders;

  TaskCatalog(List<DiscoveredTask> tasks, List<String> built, List<URLClassLoader> loaders) {
    Map<String, DiscoveredTask> byName = new LinkedHashMap<>();
    tasks.stream()
        .sorted(java.util.Comparator.comparing(DiscoveredTask::name))
        .forEach(t -> byName.put(t.name(), t));
    this.tasks = java.util.Collections.unmodifiableMap(byName);
    this.built = List.copyOf(built);
    this.loaders = new ArrayList<>(loaders);
  }

  /** Every task, sorted by name. */
  public List<DiscoveredTask> tasks() {
    return List.copyOf(tasks.values());
  }

  /** The task of this name, if any. */
  public Optional<DiscoveredTask> task(String name) {
    return Optional.ofNullable(tasks.get(name));
  }

  /** The task names, sorted. */
  public Set<String> names() {
    return new LinkedHashSet<>(tasks.keySet());
  }

  /** The task definitions of every task (fresh copies), sorted by name. */
  public List<TaskDef> taskDefs() {
    return tasks.values().stream().map(DiscoveredTask::taskDef).toList();
  }

  /**
   * The task scripts JBang compiled during this discovery, as their bases name them; empty when
   * every script came from the cache.
   */
  public List<String> scriptsBuilt() {
    return built;
  }

  /** Closes the task scripts' class loaders. Idempotent. */
  @Override
  public synchronized void close() {
    for (URLClassLoader l : loaders) {
      try {
        l.close();
      } catch (IOException e) {
        // Closing only releases open jar files; nothing is lost if it fails.
      }
    }
    loaders.clear();
  }
}

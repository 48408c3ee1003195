package io.idflow.stage.internal;

import io.idflow.api.config.IdflowConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The task domains a project's workers poll, as the {@code taskToDomain} of the stage runs it
 * starts: {@code worker.all.domain} becomes {@code "*"} (every task of the run, sub-workflows
 * included), {@code worker.<task>.domain} that task; the system properties {@code
 * idflow.worker.all.domain} and {@code idflow.worker.<task>.domain} win over the file, as they do
 * for the workers. Two projects that share a Conductor server keep their stage runs apart this way:
 * each project's runner takes only its own {@code update_stage_status} and worker tasks.
 */
public final class TaskDomains {

  private static final String SECTION = "worker";
  private static final String ALL = "all";
  private static final String DOMAIN = "domain";
  private static final String PROPERTY_PREFIX = "idflow." + SECTION + ".";

  private TaskDomains() {}

  /** The mapping for a project's stage runs; empty when no worker has a domain. */
  public static Map<String, String> of(IdflowConfig config) {
    return of(config, System.getProperties());
  }

  static Map<String, String> of(IdflowConfig config, Properties system) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Object> workers = config.map(SECTION);
    for (Map.Entry<String, Object> e : workers.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> settings && settings.get(DOMAIN) != null) {
        put(out, e.getKey(), String.valueOf(settings.get(DOMAIN)));
      }
    }
    for (String name : system.stringPropertyNames()) {
      if (name.startsWith(PROPERTY_PREFIX) && name.endsWith("." + DOMAIN)) {
        String task = name.substring(PROPERTY_PREFIX.length(), name.length() - DOMAIN.length() - 1);
        if (!task.isEmpty()) {
          put(out, task, system.getProperty(name));
        }
      }
    }
    return out;
  }

  private static void put(Map<String, String> out, String task, String domain) {
    String key = ALL.equals(task) ? "*" : task;
    String d = domain.trim();
    if (d.isEmpty()) {
      out.remove(key);
    } else {
      out.put(key, d);
    }
  }
}

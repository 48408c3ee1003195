package io.idflow.worker;

import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Resolves each worker's {@link WorkerSettings} and the runner-wide options from idflow's
 * configuration.
 *
 * <p>Per-worker keys are {@code worker.all.<prop>} (every worker) and {@code worker.<task>.<prop>}
 * (one task type) in {@code config/idflow.yml}, and the same keys prefixed with {@code idflow.} as
 * JVM system properties ({@code -Didflow.worker.all.threads=16}). Properties: {@value #THREADS},
 * {@value #POLLING_INTERVAL_MS}, {@value #BATCH_SIZE}, {@value #DOMAIN}, {@value #PAUSED}, {@value
 * #IDLE_AFTER_MS}, {@value #IDLE_POLL_TIMEOUT_MS}.
 *
 * <p>For each property the first of these that has a value wins:
 *
 * <ol>
 *   <li>a command-line flag ({@code --threads});
 *   <li>the system property {@code idflow.worker.<task>.<prop>}, then {@code
 *       idflow.worker.all.<prop>};
 *   <li>the configuration's {@code worker.<task>.<prop>}, then a {@code worker.all.<prop>} that the
 *       config file (or environment) sets;
 *   <li>the worker's {@code @WorkerTask} annotation ({@code threadCount}, {@code pollingInterval},
 *       {@code domain}) where it differs from the SDK's defaults;
 *   <li>idflow-worker's shipped default ({@code worker.all.<prop>} in its {@code
 *       META-INF/idflow/config-defaults.yml}).
 * </ol>
 *
 * <p>Runner-wide keys live under {@code worker_runner}: {@code grace_period_seconds}, {@code port},
 * {@code worker_id}. Immutable and thread-safe.
 */
public final class WorkerConfig {

  /** Threads per task type. */
  public static final String THREADS = "threads";

  /** Sleep after an empty poll while busy, in milliseconds. */
  public static final String POLLING_INTERVAL_MS = "polling_interval_ms";

  /** Most tasks per poll; 0 means as many as there are free threads. */
  public static final String BATCH_SIZE = "batch_size";

  /** Task domain. */
  public static final String DOMAIN = "domain";

  /** Start paused. */
  public static final String PAUSED = "paused";

  /** Time without tasks after which a worker counts as idle, in milliseconds. */
  public static final String IDLE_AFTER_MS = "idle_after_ms";

  /** Long-poll timeout while idle, in milliseconds. */
  public static final String IDLE_POLL_TIMEOUT_MS = "idle_poll_timeout_ms";

  /** The configuration section of per-worker settings. */
  public static final String SECTION = "worker";

  /** The key under {@value #SECTION} whose settings apply to every worker. */
  public static final String ALL = "all";

  /** The configuration section of runner-wide settings. */
  public static final String RUNNER_SECTION = "worker_runner";

  /** The prefix that turns a configuration key into a system property. */
  public static final String SYSTEM_PROPERTY_PREFIX = "idflow.";

  private static final String DEFAULT_SOURCE = "default";

  private final IdflowConfig config;
  private final Map<String, String> systemProperties;
  private final Integer threadsFlag;

  private WorkerConfig(
      IdflowConfig config, Map<String, String> systemProperties, Integer threadsFlag) {
    this.config = Objects.requireNonNull(config, "config");
    this.systemProperties = Map.copyOf(systemProperties);
    this.threadsFlag = threadsFlag;
  }

  /** The worker configuration of this idflow configuration and the JVM's system properties. */
  public static WorkerConfig of(IdflowConfig config) {
    return of(config, System.getProperties());
  }

  /** The worker configuration of this idflow configuration and these system properties. */
  public static WorkerConfig of(IdflowConfig config, Properties systemProperties) {
    Map<String, String> props = new LinkedHashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith(SYSTEM_PROPERTY_PREFIX + SECTION + ".")
          || name.startsWith(SYSTEM_PROPERTY_PREFIX + RUNNER_SECTION + ".")) {
        props.put(name, systemProperties.getProperty(name));
      }
    }
    return new WorkerConfig(config, props, null);
  }

  /**
   * The same configuration with the {@code --threads} flag applied to every worker.
   *
   * @param threads the flag's value, or null when not given
   */
  public WorkerConfig withThreads(Integer threads) {
    if (threads != null && threads < 1) {
      throw IdflowException.usage("--threads must be at least 1, not " + threads);
    }
    return new WorkerConfig(config, systemProperties, threads);
  }

  /** The idflow configuration this reads. */
  public IdflowConfig idflowConfig() {
    return config;
  }

  /**
   * The settings of one worker.
   *
   * @throws IdflowException (exit code 3) when a value is of the wrong type or out of range, naming
   *     the key and where it was set
   */
  public WorkerSettings settingsFor(WorkerMethod worker) {
    String task = worker.taskName();
    WorkerSettings d = WorkerSettings.defaults();
    int threads =
        threadsFlag != null
            ? threadsFlag
            : intValue(task, THREADS, worker.threadCount() > 0 ? worker.threadCount() : null)
                .orElse(d.threads());
    long polling =
        longValue(
                task,
                POLLING_INTERVAL_MS,
                worker.pollingIntervalMs() > 0 ? (long) worker.pollingIntervalMs() : null)
            .orElse(d.pollingInterval().toMillis());
    int batch = intValue(task, BATCH_SIZE, null).orElse(0);
    String domain = stringValue(task, DOMAIN, worker.domain().isEmpty() ? null : worker.domain());
    boolean paused = boolValue(task, PAUSED).orElse(false);
    long idleAfter = longValue(task, IDLE_AFTER_MS, null).orElse(d.idleAfter().toMillis());
    long idlePoll =
        longValue(task, IDLE_POLL_TIMEOUT_MS, null).orElse(d.idlePollTimeout().toMillis());
    check(task, THREADS, threads >= 1, "must be at least 1");
    check(task, POLLING_INTERVAL_MS, polling >= 0, "must not be negative");
    check(task, BATCH_SIZE, batch >= 0, "must not be negative");
    check(task, IDLE_AFTER_MS, idleAfter >= 0, "must not be negative");
    check(
        task,
        IDLE_POLL_TIMEOUT_MS,
        idlePoll >= 0 && idlePoll <= WorkerSettings.MAX_IDLE_POLL_TIMEOUT.toMillis(),
        "must be between 0 and " + WorkerSettings.MAX_IDLE_POLL_TIMEOUT.toMillis());
    return new WorkerSettings(
        threads,
        Duration.ofMillis(polling),
        batch == 0 ? threads : Math.min(batch, threads),
        domain,
        paused,
        Duration.ofMillis(idleAfter),
        Duration.ofMillis(idlePoll));
  }

  /** How long in-flight tasks may take to finish after a shutdown request; default 30 s. */
  public Duration gracePeriod() {
    long seconds = runnerLong("grace_period_seconds", 30);
    if (seconds < 0) {
      throw IdflowException.config(RUNNER_SECTION + ".grace_period_seconds must not be negative");
    }
    return Duration.ofSeconds(seconds);
  }

  /** The port for {@code /health} and {@code /metrics}, if one is configured (0 = any free). */
  public OptionalInt port() {
    String v = runnerString("port");
    if (v == null) {
      return OptionalInt.empty();
    }
    int port = parseInt(v, runnerSource("port"));
    if (port < 0 || port > 65535) {
      throw IdflowException.config(RUNNER_SECTION + ".port must be between 0 and 65535: " + v);
    }
    return OptionalInt.of(port);
  }

  /** The worker id reported to Conductor, or null for the runner's default. */
  public String workerId() {
    return runnerString("worker_id");
  }

  // ---- lookup

  private record Found(String value, String where) {}

  /** The first value in the layers above the annotation, or null. */
  private Found lookup(String task, String prop) {
    String sys = systemProperties.get(SYSTEM_PROPERTY_PREFIX + SECTION + "." + task + "." + prop);
    if (sys != null && !sys.isBlank()) {
      return new Found(sys.trim(), "system property idflow.worker." + task + "." + prop);
    }
    sys = systemProperties.get(SYSTEM_PROPERTY_PREFIX + SECTION + "." + ALL + "." + prop);
    if (sys != null && !sys.isBlank()) {
      return new Found(sys.trim(), "system property idflow.worker.all." + prop);
    }
    Object own = sectionValue(task, prop);
    if (own != null) {
      String key = SECTION + "." + task + "." + prop;
      return new Found(String.valueOf(own).trim(), key + " (" + config.source(key) + ")");
    }
    String allKey = SECTION + "." + ALL + "." + prop;
    Object all = sectionValue(ALL, prop);
    if (all != null && !DEFAULT_SOURCE.equals(config.source(allKey))) {
      return new Found(String.valueOf(all).trim(), allKey + " (" + config.source(allKey) + ")");
    }
    return null;
  }

  /** The shipped default ({@code worker.all.<prop>} from a defaults file), or null. */
  private Found shippedDefault(String prop) {
    String allKey = SECTION + "." + ALL + "." + prop;
    Object all = sectionValue(ALL, prop);
    return all == null ? null : new Found(String.valueOf(all).trim(), allKey + " (default)");
  }

  /** worker.<task>.<prop> without splitting the task name on dots. */
  private Object sectionValue(String task, String prop) {
    Object perTask = config.map(SECTION).get(task);
    if (perTask instanceof Map<?, ?> m) {
      Object v = m.get(prop);
      if (v != null && !(v instanceof String s && s.isBlank() && !prop.equals(DOMAIN))) {
        return v;
      }
    }
    return null;
  }

  private Found resolve(String task, String prop, Object annotation) {
    Found f = lookup(task, prop);
    if (f != null) {
      return f;
    }
    if (annotation != null) {
      return new Found(String.valueOf(annotation), "@WorkerTask of " + task);
    }
    return shippedDefault(prop);
  }

  private java.util.Optional<Integer> intValue(String task, String prop, Integer annotation) {
    Found f = resolve(task, prop, annotation);
    return f == null || f.value().isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(parseInt(f.value(), f.where()));
  }

  private java.util.Optional<Long> longValue(String task, String prop, Long annotation) {
    Found f = resolve(task, prop, annotation);
    if (f == null || f.value().isEmpty()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Long.parseLong(f.value()));
    } catch (NumberFormatException e) {
      throw IdflowException.config(f.where() + " must be a whole number, not: " + f.value());
    }
  }

  private String stringValue(String task, String prop, String annotation) {
    Found f = resolve(task, prop, annotation);
    return f == null ? "" : f.value();
  }

  private java.util.Optional<Boolean> boolValue(String task, String prop) {
    Found f = resolve(task, prop, null);
    if (f == null || f.value().isEmpty()) {
      return java.util.Optional.empty();
    }
    String v = f.value().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw IdflowException.config(f.where() + " must be true or false, not: " + f.value());
    }
    return java.util.Optional.of(Boolean.parseBoolean(v));
  }

  private void check(String task, String prop, boolean ok, String rule) {
    if (!ok) {
      Found f = lookup(task, prop);
      String where = f == null ? "worker." + task + "." + prop : f.where();
      throw IdflowException.config(where + " " + rule);
    }
  }

  private static int parseInt(String value, String where) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw IdflowException.config(where + " must be a whole number, not: " + value);
    }
  }

  private String runnerString(String key) {
    String sys = systemProperties.get(SYSTEM_PROPERTY_PREFIX + RUNNER_SECTION + "." + key);
    if (sys != null && !sys.isBlank()) {
      return sys.trim();
    }
    Object v = config.map(RUNNER_SECTION).get(key);
    return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).trim();
  }

  private String runnerSource(String key) {
    String sys = systemProperties.get(SYSTEM_PROPERTY_PREFIX + RUNNER_SECTION + "." + key);
    if (sys != null && !sys.isBlank()) {
      return "system property " + SYSTEM_PROPERTY_PREFIX + RUNNER_SECTION + "." + key;
    }
    String k = RUNNER_SECTION + "." + key;
    return k + " (" + config.source(k) + ")";
  }

  private long runnerLong(String key, long fallback) {
    String v = runnerString(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw IdflowException.config(runnerSource(key) + " must be a whole number, not: " + v);
    }
  }
}

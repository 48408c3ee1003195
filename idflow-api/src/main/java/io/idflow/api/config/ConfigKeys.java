package io.idflow.api.config;

import io.idflow.api.IdflowException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The type of every configuration key that idflow reads, checked once when the configuration loads,
 * so that a bad value fails at once, naming the key, where it was set and what it should be,
 * instead of being misread (a negative time-out) or failing later somewhere else. Keys that idflow
 * does not know are left alone (modules and projects may add their own).
 */
final class ConfigKeys {

  private static final int MAX_MS = 3_600_000;
  private static final int MAX_SECONDS = 86_400;

  private interface Check {
    /** Null when the value is fine, else what it should be. */
    String problem(Object value);
  }

  private static final Check TEXT = v -> v instanceof Map || v instanceof List ? "text" : null;
  private static final Check BOOL =
      v ->
          v instanceof Boolean
                  || (!(v instanceof Map || v instanceof List)
                      && (String.valueOf(v).trim().equalsIgnoreCase("true")
                          || String.valueOf(v).trim().equalsIgnoreCase("false")))
              ? null
              : "true or false";
  private static final Check MAPPING = v -> v instanceof Map ? null : "a mapping";
  private static final Check PACKAGES =
      v ->
          (v instanceof List<?> l && l.stream().allMatch(e -> e instanceof String))
                  || v instanceof String
              ? null
              : "a list of package names (or one name)";

  private static Check integer(int min, int max) {
    String expected = "an integer from " + min + " to " + max;
    return v -> {
      if (v instanceof Map || v instanceof List || v instanceof Boolean) {
        return expected;
      }
      BigInteger n;
      try {
        n = new BigInteger(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        return expected;
      }
      return n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0
          ? expected
          : null;
    };
  }

  private static final Map<String, Check> KEYS =
      Map.ofEntries(
          Map.entry("base_dir", TEXT),
          Map.entry("config_dir", TEXT),
          Map.entry("document_implementation", TEXT),
          Map.entry("conductor_server_url", TEXT),
          Map.entry("fs_markdown", MAPPING),
          Map.entry("fs_markdown.fsync", BOOL),
          Map.entry("conductor", MAPPING),
          Map.entry("conductor.server_url", TEXT),
          Map.entry("conductor.api_key_env_var", TEXT),
          Map.entry("conductor.auth_key_env_var", TEXT),
          Map.entry("conductor.auth_secret_env_var", TEXT),
          Map.entry("conductor.connect_timeout_ms", integer(0, MAX_MS)),
          Map.entry("conductor.read_timeout_ms", integer(0, MAX_MS)),
          Map.entry("server", MAPPING),
          Map.entry("server.port", integer(1, 65535)),
          Map.entry("server.address", TEXT),
          Map.entry("server.data_dir", TEXT),
          Map.entry("server.version", TEXT),
          Map.entry("server.java", TEXT),
          Map.entry("server.java_opts", TEXT),
          Map.entry("server.start_timeout_seconds", integer(1, MAX_SECONDS)),
          Map.entry("tasks", MAPPING),
          Map.entry("tasks.scan_class_path", BOOL),
          Map.entry("tasks.scan_packages", PACKAGES),
          Map.entry("tasks.scripts", BOOL),
          Map.entry("tasks.build_timeout_seconds", integer(1, MAX_SECONDS)),
          Map.entry("jbang", MAPPING),
          Map.entry("jbang.version", TEXT),
          Map.entry("worker", MAPPING),
          Map.entry("worker_runner", MAPPING),
          Map.entry("worker_runner.grace_period_seconds", integer(0, MAX_SECONDS)),
          Map.entry("worker_runner.port", integer(0, 65535)),
          Map.entry("worker_runner.worker_id", TEXT));

  private ConfigKeys() {}

  /**
   * Checks every known key.
   *
   * @throws IdflowException (exit 3) for the first bad value, naming the key and its source
   */
  static void validate(IdflowConfig config) {
    for (Map.Entry<String, Check> e : KEYS.entrySet()) {
      check(config, e.getKey(), e.getValue());
    }
    // The settings inside a worker section are checked by idflow-worker's WorkerConfig, which
    // knows their ranges; here only that each section is a mapping.
    for (String task : config.map("worker").keySet()) {
      check(config, "worker." + task, MAPPING);
    }
  }

  private static void check(IdflowConfig config, String key, Check check) {
    Object value = config.get(key).orElse(null);
    // An empty value means "the default" everywhere idflow reads a key.
    if (value == null || (value instanceof String s && s.isBlank())) {
      return;
    }
    String expected = check.problem(value);
    if (expected != null) {
      throw IdflowException.config(
          "configuration key "
              + key
              + " ("
              + config.source(key)
              + ") must be "
              + expected
              + ", not: "
              + abbreviate(String.valueOf(value)));
    }
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 60 ? one.substring(0, 57) + "..." : one;
  }
}

package io.idflow.api.config;

import io.idflow.api.IdflowException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: a deep map of values, the layer each value came from, and the
 * project it belongs to. Immutable and thread-safe. Built by {@link ConfigLoader}.
 *
 * <p>Keys are dotted paths into the map ({@code conductor.server_url}). Typed accessors validate on
 * access and throw {@link IdflowException} (exit code 3) naming the key and its source.
 */
public final class IdflowConfig {

  /** One effective value and where it came from, as {@code config show} prints it. */
  public record Entry(String key, Object value, String source, boolean secret) {}

  private final Map<String, Object> values;
  private final Map<String, String> sources;
  private final Path projectRoot;
  private final Path configFile;
  private final Map<String, String> env;

  IdflowConfig(
      Map<String, Object> values,
      Map<String, String> sources,
      Path projectRoot,
      Path configFile,
      Map<String, String> env) {
    this.values = Collections.unmodifiableMap(values);
    this.sources = Map.copyOf(sources);
    this.projectRoot = projectRoot.toAbsolutePath().normalize();
    this.configFile = configFile;
    this.env = Map.copyOf(env);
  }

  /** Loads the configuration for the given environment and working directory. */
  public static IdflowConfig load(Map<String, String> env, Path workingDir) {
    return new ConfigLoader().env(env).workingDir(workingDir).load();
  }

  /**
   * The project root: the folder holding {@code config/idflow.yml}, or the working directory when
   * no config file was found.
   */
  public Path projectRoot() {
    return projectRoot;
  }

  /** The config file that was read, if any. */
  public Optional<Path> configFile() {
    return Optional.ofNullable(configFile);
  }

  /** The environment the configuration was loaded with (for secrets and tool look-ups). */
  public Map<String, String> env() {
    return env;
  }

  /**
   * The document base directory, absolute; a relative {@code base_dir} is resolved against the
   * project root.
   */
  public Path baseDir() {
    return projectRoot.resolve(string("base_dir")).normalize();
  }

  /** The configured document store implementation, e.g. {@code fs_markdown}. */
  public String documentImplementation() {
    return string("document_implementation");
  }

  /**
   * The Conductor server's base URL without a trailing {@code /} or {@code /api}, for example
   * {@code http://localhost:8080}.
   */
  public String conductorUrl() {
    return normaliseServerUrl(string("conductor.server_url"), source("conductor.server_url"));
  }

  /** The Conductor REST base: {@link #conductorUrl()} plus {@code /api}. */
  public String conductorApiUrl() {
    return conductorUrl() + "/api";
  }

  /** A path under the project root (absolute paths are kept). */
  public Path projectPath(String pathOrRelative) {
    return projectRoot.resolve(pathOrRelative).normalize();
  }

  /** The value at a dotted key, or empty. */
  public Optional<Object> get(String key) {
    return Optional.ofNullable(lookup(values, key));
  }

  /**
   * The source of a key's value ({@code default}, {@code file:...}, {@code env:...}, {@code
   * flag:...}).
   */
  public String source(String key) {
    String s = sources.get(key);
    if (s != null) {
      return s;
    }
    for (Map.Entry<String, String> e : sources.entrySet()) {
      if (e.getKey().startsWith(key + ".")) {
        return e.getValue();
      }
    }
    return "default";
  }

  /**
   * The string at a key.
   *
   * @throws IdflowException (exit 3) when the key is missing or holds a map or list
   */
  public String string(String key) {
    Object v = lookup(values, key);
    if (v == null) {
      throw IdflowException.config("configuration key " + key + " is not set");
    }
    if (v instanceof Map || v instanceof List) {
      throw IdflowException.config(
          "configuration key " + key + " (" + source(key) + ") must be a single value");
    }
    return String.valueOf(v);
  }

  /** The string at a key, or the fallback when the key is missing or blank. */
  public String string(String key, String fallback) {
    Object v = lookup(values, key);
    if (v == null || String.valueOf(v).isBlank()) {
      return fallback;
    }
    return string(key);
  }

  /**
   * The integer at a key, or the fallback when missing.
   *
   * @throws IdflowException (exit 3) when the value is not an integer
   */
  public int integer(String key, int fallback) {
    Object v = lookup(values, key);
    if (v == null || String.valueOf(v).isBlank()) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw IdflowException.config(
          "configuration key " + key + " (" + source(key) + ") must be an integer, not: " + v);
    }
  }

  /**
   * The boolean at a key, or the fallback when missing.
   *
   * @throws IdflowException (exit 3) when the value is not {@code true} or {@code false}
   */
  public boolean bool(String key, boolean fallback) {
    Object v = lookup(values, key);
    if (v == null || String.valueOf(v).isBlank()) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw IdflowException.config(
        "configuration key " + key + " (" + source(key) + ") must be true or false, not: " + v);
  }

  /** The map at a key (empty when missing or not a map). The result is a read-only view. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    Object v = lookup(values, key);
    return v instanceof Map ? Collections.unmodifiableMap((Map<String, Object>) v) : Map.of();
  }

  /** The value of an environment variable, or empty when unset or blank. */
  public Optional<String> envValue(String name) {
    String v = name == null ? null : env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /**
   * Every effective value with its source, leaves only, in key order, followed by the credentials
   * read from the environment (masked).
   */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    flatten("", values, out);
    out.sort(java.util.Comparator.comparing(Entry::key));
    out.add(secretEntry("conductor.api_key", string("conductor.api_key_env_var", null)));
    out.add(secretEntry("conductor.auth_key", string("conductor.auth_key_env_var", null)));
    out.add(secretEntry("conductor.auth_secret", string("conductor.auth_secret_env_var", null)));
    return out;
  }

  private Entry secretEntry(String key, String envVar) {
    boolean set = envValue(envVar).isPresent();
    return new Entry(key, set ? "****" : null, "env:" + envVar, true);
  }

  @SuppressWarnings("unchecked")
  private void flatten(String prefix, Map<String, Object> map, List<Entry> out) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty()) {
        flatten(key + ".", (Map<String, Object>) m, out);
      } else {
        out.add(new Entry(key, e.getValue(), source(key), false));
      }
    }
  }

  /**
   * Normalises a Conductor URL: trims, removes trailing slashes and a trailing {@code /api}.
   *
   * @throws IdflowException (exit 3) when the URL is not an absolute http(s) URL
   */
  public static String normaliseServerUrl(String url, String source) {
    String u = url == null ? "" : url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith("/api")) {
      u = u.substring(0, u.length() - 4);
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    try {
      URI uri = new URI(u);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        throw new URISyntaxException(u, "not an http(s) URL with a host");
      }
    } catch (URISyntaxException e) {
      throw IdflowException.config(
          "conductor.server_url (" + source + ") is not a valid http(s) URL: " + url);
    }
    return u;
  }

  @SuppressWarnings("unchecked")
  static Object lookup(Map<String, Object> map, String dottedKey) {
    Object current = map;
    for (String part : dottedKey.split("\\.")) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(part);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> map, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    Map<String, Object> current = map;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = current.get(parts[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        current.put(parts[i], next);
      }
      current = (Map<String, Object>) next;
    }
    current.put(parts[parts.length - 1], value);
  }
}

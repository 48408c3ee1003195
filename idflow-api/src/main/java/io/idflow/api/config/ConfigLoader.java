package io.idflow.api.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.idflow.api.IdflowException;
import io.idflow.api.IdflowVersion;
import io.idflow.api.internal.Json;
import io.idflow.api.internal.StrictYaml;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads idflow's configuration from layers, each overriding the one before:
 *
 * <ol>
 *   <li>defaults: every {@value #DEFAULTS_RESOURCE} on the class path (each module ships its own);
 *   <li>the config file: {@code --config}, else {@code IDFLOW_CONFIG}, else the nearest {@code
 *       config/idflow.yml} walking up from the working directory;
 *   <li>the environment ({@code IDFLOW_CONDUCTOR_URL}, {@code CONDUCTOR_SERVER_URL}, {@code
 *       IDFLOW_BASE_DIR}, ...; see {@link #ENV_OVERRIDES});
 *   <li>command-line flags.
 * </ol>
 *
 * <p>Maps are deep-merged; any other value replaces the one below it. The environment and the
 * working directory are parameters, so tests never read the real ones. Instances are not
 * thread-safe; the {@link IdflowConfig} they produce is immutable.
 */
public final class ConfigLoader {

  /** The class-path resource that holds a module's configuration defaults. */
  public static final String DEFAULTS_RESOURCE = "META-INF/idflow/config-defaults.yml";

  /** The config file's path relative to a project root. */
  public static final Path PROJECT_CONFIG = Path.of("config", "idflow.yml");

  /**
   * Environment variables that override configuration keys, in precedence order per key: for {@code
   * conductor.server_url}, {@code IDFLOW_CONDUCTOR_URL} wins over {@code CONDUCTOR_SERVER_URL}.
   */
  public static final List<Map.Entry<String, String>> ENV_OVERRIDES =
      List.of(
          Map.entry("CONDUCTOR_SERVER_URL", "conductor.server_url"),
          Map.entry("IDFLOW_CONDUCTOR_URL", "conductor.server_url"),
          Map.entry("IDFLOW_BASE_DIR", "base_dir"),
          Map.entry("IDFLOW_CONFIG_DIR", "config_dir"),
          Map.entry("IDFLOW_DOCUMENT_IMPL", "document_implementation"),
          Map.entry("IDFLOW_SERVER_JAVA", "server.java"));

  /** Top-level keys of the original project accepted as aliases of their canonical keys. */
  private static final Map<String, String> ALIASES =
      Map.of(
          "conductor_server_url", "conductor.server_url",
          "conductor_api_key_env_var", "conductor.api_key_env_var");

  private Map<String, String> env = System.getenv();
  private Path workingDir = Path.of("").toAbsolutePath();
  private Path configFile;
  private final Map<String, Object> flags = new LinkedHashMap<>();
  private ClassLoader classLoader = ConfigLoader.class.getClassLoader();

  /** Uses this environment instead of {@link System#getenv()}. */
  public ConfigLoader env(Map<String, String> env) {
    this.env = Map.copyOf(env);
    return this;
  }

  /** Resolves the project from this directory instead of the process's working directory. */
  public ConfigLoader workingDir(Path workingDir) {
    this.workingDir = workingDir.toAbsolutePath().normalize();
    return this;
  }

  /** Reads this config file (the {@code --config} flag) instead of looking one up. */
  public ConfigLoader configFile(Path configFile) {
    this.configFile = configFile;
    return this;
  }

  /**
   * Sets a key from a command-line flag (highest precedence).
   *
   * @param key a dotted key such as {@code conductor.server_url}
   * @param value the value; null leaves the key alone
   * @param flag the flag's name for {@code config show}, such as {@code --server}
   */
  public ConfigLoader flag(String key, Object value, String flag) {
    if (value != null) {
      flags.put(key, new FlagValue(value, flag));
    }
    return this;
  }

  /** Loads defaults from this class loader's resources (default: idflow-api's own). */
  public ConfigLoader classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader);
    return this;
  }

  /**
   * Loads the configuration.
   *
   * @throws IdflowException with exit code 3 when the config file is missing, unreadable or
   *     invalid, or a value is of the wrong type
   */
  public IdflowConfig load() {
    Layered layered = new Layered();
    loadDefaults(layered);

    Path file = locateConfigFile();
    Path projectRoot = workingDir;
    if (file != null) {
      layered.merge(readConfigFile(file), "file:" + displayPath(file));
      projectRoot = projectRootOf(file);
    }

    for (Map.Entry<String, String> e : ENV_OVERRIDES) {
      String value = env.get(e.getKey());
      if (value != null && !value.isBlank()) {
        layered.set(e.getValue(), value.trim(), "env:" + e.getKey());
      }
    }
    flags.forEach(
        (key, v) -> {
          FlagValue fv = (FlagValue) v;
          layered.set(key, fv.value(), "flag:" + fv.flag());
        });

    IdflowConfig config = new IdflowConfig(layered.values, layered.sources, projectRoot, file, env);
    ConfigKeys.validate(config);
    return config;
  }

  private void loadDefaults(Layered layered) {
    Map<String, Object> programmatic = new LinkedHashMap<>();
    programmatic.put("server", new LinkedHashMap<>(Map.of("version", versionDefault())));
    layered.merge(programmatic, "default");
    try {
      Enumeration<URL> urls = classLoader.getResources(DEFAULTS_RESOURCE);
      for (URL url : Collections.list(urls)) {
        try (InputStream in = url.openStream()) {
          Map<String, Object> map = Json.YAML.readValue(in, new TypeReference<>() {});
          if (map != null) {
            layered.merge(map, "default");
          }
        }
      }
    } catch (IOException e) {
      throw new IdflowException("cannot read configuration defaults: " + e, e);
    }
  }

  private static String versionDefault() {
    return IdflowVersion.conductorServerVersion();
  }

  private Path locateConfigFile() {
    if (configFile != null) {
      Path f = workingDir.resolve(configFile).normalize();
      if (!Files.isRegularFile(f)) {
        throw IdflowException.config("config file not found: " + configFile);
      }
      return f;
    }
    String fromEnv = env.get("IDFLOW_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path f = workingDir.resolve(fromEnv.trim()).normalize();
      if (!Files.isRegularFile(f)) {
        throw IdflowException.config("IDFLOW_CONFIG names a file that does not exist: " + fromEnv);
      }
      return f;
    }
    for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(PROJECT_CONFIG);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * The project root that a config file belongs to: the folder holding {@code config/idflow.yml},
   * or the file's own folder for a file elsewhere.
   */
  static Path projectRootOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent.getFileName() != null
        && parent.getFileName().toString().equals("config")
        && parent.getParent() != null) {
      return parent.getParent();
    }
    return parent;
  }

  private String displayPath(Path file) {
    try {
      return workingDir.relativize(file).toString();
    } catch (IllegalArgumentException e) {
      return file.toString();
    }
  }

  private Map<String, Object> readConfigFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw IdflowException.config("cannot read config file " + file + ": " + e.getMessage());
    }
    if (text.isBlank()) {
      return Map.of();
    }
    Object parsed;
    try {
      // The frontmatter's reader: a duplicate key, !!binary or an alias without its anchor is an
      // error, not a value read wrong. A file of comments only has no keys, and is not an error.
      parsed = StrictYaml.read(text);
    } catch (StrictYaml.Refused e) {
      throw IdflowException.config(
          "invalid config file " + displayPath(file) + atLine(e.line()) + ": " + e.getMessage());
    } catch (JsonProcessingException e) {
      throw yamlError(
          displayPath(file), e, e.getLocation() == null ? 0 : e.getLocation().getLineNr());
    } catch (YAMLException e) {
      throw yamlError(displayPath(file), e, 0);
    } catch (IOException e) {
      throw IdflowException.config("cannot read config file " + file + ": " + e.getMessage());
    }
    if (parsed == null) {
      return Map.of();
    }
    if (!(parsed instanceof Map)) {
      throw IdflowException.config(file + ": expected a mapping of keys at the top level");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) parsed);
    for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
      if (map.containsKey(alias.getKey())) {
        Object v = map.remove(alias.getKey());
        if (IdflowConfig.lookup(map, alias.getValue()) == null) {
          IdflowConfig.put(map, alias.getValue(), v);
        }
      }
    }
    return map;
  }

  /**
   * Invalid YAML, in one line: the parser's own message quotes the offending line of the file,
   * which may hold a value that should not be printed.
   */
  private static IdflowException yamlError(String file, Exception e, int line) {
    String problem = null;
    for (Throwable t = e; t != null && problem == null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m) {
        problem =
            (m.getContext() == null ? "" : m.getContext() + ": ")
                + (m.getProblem() == null ? "" : m.getProblem());
        if (m.getProblemMark() != null) {
          line = m.getProblemMark().getLine() + 1;
        }
      }
    }
    if (problem == null || problem.isBlank()) {
      String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : null;
      problem =
          message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
    return IdflowException.config(
        "invalid YAML in " + file + atLine(line) + ": " + problem.replaceAll("\\s+", " ").strip());
  }

  private static String atLine(int line) {
    return line > 0 ? " (line " + line + ")" : "";
  }

  private record FlagValue(Object value, String flag) {}

  /** A deep map plus the layer each leaf came from. */
  private static final class Layered {
    final Map<String, Object> values = new LinkedHashMap<>();
    final Map<String, String> sources = new LinkedHashMap<>();

    void merge(Map<String, Object> layer, String source) {
      mergeInto(values, layer, "", source);
    }

    @SuppressWarnings("unchecked")
    private void mergeInto(
        Map<String, Object> target, Map<String, Object> layer, String prefix, String source) {
      for (Map.Entry<String, Object> e : layer.entrySet()) {
        String key = prefix + e.getKey();
        Object incoming = e.getValue();
        Object existing = target.get(e.getKey());
        if (incoming instanceof Map && existing instanceof Map) {
          mergeInto(
              (Map<String, Object>) existing, (Map<String, Object>) incoming, key + ".", source);
        } else {
          forgetSources(key);
          target.put(e.getKey(), deepCopy(incoming));
          recordSources(key, incoming, source);
        }
      }
    }

    void set(String dottedKey, Object value, String source) {
      forgetSources(dottedKey);
      IdflowConfig.put(values, dottedKey, value);
      recordSources(dottedKey, value, source);
    }

    private void forgetSources(String key) {
      sources.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "."));
    }

    @SuppressWarnings("unchecked")
    private void recordSources(String key, Object value, String source) {
      if (value instanceof Map<?, ?> m && !m.isEmpty()) {
        ((Map<String, Object>) m).forEach((k, v) -> recordSources(key + "." + k, v, source));
      } else {
        sources.put(key, source);
      }
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
      if (value instanceof Map<?, ?> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<String, Object>) m).forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
        return copy;
      }
      if (value instanceof List<?> l) {
        List<Object> copy = new ArrayList<>();
        l.forEach(v -> copy.add(deepCopy(v)));
        return copy;
      }
      return value;
    }
  }
}

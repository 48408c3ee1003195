package io.idflow.tooling.server;

import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to start a local Conductor server: port, data folder, server version, JVM options and how
 * long to wait for it to become healthy. The Java runtime and the server jar are looked up when the
 * server starts, not here.
 *
 * @param port the HTTP port (1-65535)
 * @param dataDir where the SQLite database and the log live
 * @param version the {@code org.conductoross:conductor-server} version
 * @param javaOverride a JDK home or {@code java} executable to use; null to look one up
 * @param jvmOptions options for the server's JVM, e.g. {@code -Xmx1g}
 * @param startTimeout how long {@code start} waits for {@code /health}
 * @param address the address the server binds to ({@code server.address}, default {@value
 *     #DEFAULT_ADDRESS}: the local server has no authentication, so only this machine reaches it)
 */
public record ServerSettings(
    int port,
    Path dataDir,
    String version,
    String javaOverride,
    List<String> jvmOptions,
    Duration startTimeout,
    String address) {

  /** The address the local server binds to unless {@code server.address} says otherwise. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1";

  /** Settings that bind to {@value #DEFAULT_ADDRESS}. */
  public ServerSettings(
      int port,
      Path dataDir,
      String version,
      String javaOverride,
      List<String> jvmOptions,
      Duration startTimeout) {
    this(port, dataDir, version, javaOverride, jvmOptions, startTimeout, DEFAULT_ADDRESS);
  }

  /** The lowest Java feature release the Conductor 3.x server runs on. */
  public static final int MINIMUM_JAVA = 21;

  /** The port used when neither a flag, {@code server.port} nor a local server URL names one. */
  public static final int DEFAULT_PORT = 8080;

  /** Validates the fields. */
  public ServerSettings {
    if (port < 1 || port > 65535) {
      throw IdflowException.usage("port must be between 1 and 65535, not " + port);
    }
    Objects.requireNonNull(dataDir, "dataDir");
    if (version == null || version.isBlank()) {
      throw IdflowException.usage("server version must not be empty");
    }
    jvmOptions = List.copyOf(jvmOptions);
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (address == null || address.isBlank()) {
      address = DEFAULT_ADDRESS;
    }
  }

  /** The server's base URL, {@code http://localhost:<port>}. */
  public String url() {
    return "http://localhost:" + port;
  }

  /** The Maven coordinates of the server's boot jar. */
  public String coordinates() {
    return "org.conductoross:conductor-server:" + version + ":jar:boot";
  }

  /**
   * Settings from configuration ({@code server.*}), with command-line overrides.
   *
   * @param config the effective configuration
   * @param port a {@code --port} flag, or null
   * @param dataDir a {@code --data} flag, or null
   * @param version a {@code --version} flag, or null
   */
  public static ServerSettings from(
      IdflowConfig config, Integer port, Path dataDir, String version) {
    int p = port != null ? port : config.integer("server.port", defaultPort(config));
    Path data =
        dataDir != null
            ? config.projectRoot().resolve(dataDir).normalize()
            : config.projectPath(config.string("server.data_dir", ".idflow/server"));
    String v = version != null ? version : config.string("server.version");
    String opts = config.string("server.java_opts", "");
    List<String> jvm = opts.isBlank() ? List.of() : Arrays.asList(opts.trim().split("\\s+"));
    Duration timeout = Duration.ofSeconds(config.integer("server.start_timeout_seconds", 180));
    return new ServerSettings(
        p,
        data,
        v,
        config.string("server.java", null),
        jvm,
        timeout,
        config.string("server.address", DEFAULT_ADDRESS));
  }

  /** The port of {@code conductor.server_url} when it points at this machine, else 8080. */
  static int defaultPort(IdflowConfig config) {
    URI uri = URI.create(config.conductorUrl());
    String host = uri.getHost();
    boolean local =
        host != null
            && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    if (local && uri.getPort() > 0) {
      return uri.getPort();
    }
    return DEFAULT_PORT;
  }
}

package io.idflow.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --server URL} and {@code --config FILE}, for every command that reads configuration. */
public class ConnectionMixin {

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Conductor server URL (overrides IDFLOW_CONDUCTOR_URL, CONDUCTOR_SERVER_URL and"
              + " conductor.server_url).")
  String server;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file to use instead of the nearest config/idflow.yml.")
  Path config;

  /** The {@code --server} value, or null. */
  public String server() {
    return server;
  }

  /** The {@code --config} value, or null. */
  public Path config() {
    return config;
  }
}

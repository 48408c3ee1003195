package io.idflow.cli;

import picocli.CommandLine.Option;

/**
 * {@code --server URL}, only for commands that can contact Conductor. The project's config file is
 * {@link ProjectMixin}'s.
 */
public class ConnectionMixin {

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Conductor server URL (overrides IDFLOW_CONDUCTOR_URL, CONDUCTOR_SERVER_URL and"
              + " conductor.server_url).")
  String server;

  /** The {@code --server} value, or null. */
  public String server() {
    return server;
  }
}

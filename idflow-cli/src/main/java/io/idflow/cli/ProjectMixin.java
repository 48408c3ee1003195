package io.idflow.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, for every command that reads the project's configuration. */
public class ProjectMixin {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file to use instead of IDFLOW_CONFIG or the nearest config/idflow.yml.")
  Path config;

  /** The {@code --config} value, or null. */
  public Path config() {
    return config;
  }
}

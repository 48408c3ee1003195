package io.idflow.testing;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The Conductor server of a test run.
 *
 * @param url base URL without {@code /api}
 * @param kind how it was provided: external, docker or local boot jar
 */
public record ConductorTestServer(String url, String kind) {

  /** A name no other test uses: {@code <prefix>_<random>}. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** A configuration pointing at this server, with no config file and the given working dir. */
  public IdflowConfig config(Path workingDir) {
    return new ConfigLoader()
        .env(Map.of("IDFLOW_CONDUCTOR_URL", url))
        .workingDir(workingDir)
        .load();
  }

  /** A new client for this server (the caller shuts it down). */
  public IdflowConductorClient client() {
    return ConductorClients.create(config(Path.of("target")));
  }
}

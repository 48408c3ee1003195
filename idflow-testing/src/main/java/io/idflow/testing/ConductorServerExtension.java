package io.idflow.testing;

import io.idflow.conductor.ConductorClients;
import io.idflow.tooling.server.LocalServer;
import io.idflow.tooling.server.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests one real Conductor server for the whole test JVM, whichever way is
 * available, in this order:
 *
 * <ol>
 *   <li>{@code IDFLOW_TEST_CONDUCTOR_URL} (environment) or {@code idflow.test.conductor.url}
 *       (system property): an existing server;
 *   <li>Testcontainers with {@code conductoross/conductor-standalone} when a Docker engine answers;
 *   <li>the Conductor boot jar from Maven Central, through the same {@link LocalServer} as {@code
 *       idflow server start}, on a free port, with its data in {@code target/conductor-it}; it is
 *       stopped when the JVM exits.
 * </ol>
 *
 * <p>Use it with {@code @ExtendWith(ConductorServerExtension.class)} and a {@link
 * ConductorTestServer} parameter, or call {@link #server()}. Tests must register their definitions
 * under names of their own ({@link ConductorTestServer#uniqueName(String)}).
 */
public final class ConductorServerExtension implements BeforeAllCallback, ParameterResolver {

  private static ConductorTestServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == ConductorTestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return server();
  }

  /** The test JVM's server, started on first use. */
  public static synchronized ConductorTestServer server() {
    if (server == null) {
      server = start();
    }
    return server;
  }

  private static ConductorTestServer start() {
    String url = System.getenv("IDFLOW_TEST_CONDUCTOR_URL");
    if (url == null || url.isBlank()) {
      url = System.getProperty("idflow.test.conductor.url");
    }
    if (url != null && !url.isBlank()) {
      String normalised = url.replaceAll("/+$", "").replaceAll("/api$", "");
      ConductorClients.Health h = ConductorClients.health(normalised, Duration.ofSeconds(10));
      if (!h.healthy()) {
        throw new IllegalStateException(
            "IDFLOW_TEST_CONDUCTOR_URL=" + url + " is not a healthy Conductor: " + h.detail());
      }
      return new ConductorTestServer(normalised, "external");
    }
    if (DockerConductor.dockerAvailable()) {
      return DockerConductor.start();
    }
    return startLocal();
  }

  private static ConductorTestServer startLocal() {
    Path dataDir = Path.of("target", "conductor-it").toAbsolutePath();
    int port = FreePort.find();
    ServerSettings settings =
        new ServerSettings(
            port,
            dataDir,
            System.getProperty("idflow.conductor-server.version", "3.32.3"),
            null,
            List.of("-Xms64m", "-Xmx1g"),
            Duration.ofSeconds(300));
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    LocalServer local = new LocalServer(dataDir, System.getenv());
    local.stop(Duration.ofSeconds(10)); // a server left behind by a killed run
    long t0 = System.nanoTime();
    LocalServer.StartResult result =
        local.start(settings, line -> System.err.println("[conductor-it] " + line));
    System.err.printf(
        "[conductor-it] Conductor %s up at %s in %.1f s%n",
        settings.version(), result.state().url(), (System.nanoTime() - t0) / 1e9);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> local.stop(Duration.ofSeconds(20)), "conductor-it-stop"));
    return new ConductorTestServer(result.state().url(), "local boot jar");
  }
}

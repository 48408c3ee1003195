package io.idflow.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** Conductor in a container, for machines with a Docker engine. */
final class DockerConductor {

  /** The image; override with {@code -Didflow.test.conductor.image=...}. */
  static final String IMAGE =
      System.getProperty(
          "idflow.test.conductor.image",
          "conductoross/conductor-standalone:"
              + io.idflow.api.IdflowVersion.conductorServerVersion());

  private DockerConductor() {}

  /**
   * Whether a Docker engine answers. A Docker client alone is not enough; without a socket or
   * {@code DOCKER_HOST} Testcontainers is not even asked (it would log a page of errors).
   */
  static boolean dockerAvailable() {
    if (Boolean.getBoolean("idflow.test.no-docker")) {
      return false;
    }
    String host = System.getenv("DOCKER_HOST");
    boolean socket = Files.exists(Path.of("/var/run/docker.sock"));
    if ((host == null || host.isBlank()) && !socket) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
  static ConductorTestServer start() {
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withExposedPorts(8080)
            .waitingFor(
                Wait.forHttp("/health").forPort(8080).withStartupTimeout(Duration.ofMinutes(5)));
    c.start();
    return new ConductorTestServer(
        "http://" + c.getHost() + ":" + c.getMappedPort(8080), "docker " + IMAGE);
  }
}

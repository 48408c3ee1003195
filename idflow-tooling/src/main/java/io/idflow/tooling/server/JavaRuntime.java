package io.idflow.tooling.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Java runtime found on the machine.
 *
 * @param home the runtime's home folder
 * @param executable its {@code bin/java}
 * @param feature the feature release number, e.g. 17 or 25
 * @param version the full version string, e.g. {@code 25.0.1}
 * @param origin where it was found: {@code IDFLOW_SERVER_JAVA}, {@code JAVA_HOME}, {@code current},
 *     {@code PATH} or {@code installed}
 */
public record JavaRuntime(Path home, Path executable, int feature, String version, String origin) {

  /** Validates the fields. */
  public JavaRuntime {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(origin, "origin");
    if (feature < 1) {
      throw new IllegalArgumentException("feature must be positive: " + feature);
    }
  }

  @Override
  public String toString() {
    return "Java " + version + " at " + home + " (" + origin + ")";
  }
}

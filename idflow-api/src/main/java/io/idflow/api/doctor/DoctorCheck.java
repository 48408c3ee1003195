package io.idflow.api.doctor;

import io.idflow.api.config.IdflowConfig;
import java.util.List;

/**
 * One of the checks {@code idflow doctor} runs. idflow-api ships the basic ones; a module adds its
 * own by listing an implementation in {@code META-INF/services/io.idflow.api.doctor.DoctorCheck}.
 * Implementations need a public no-argument constructor and must not throw: a failure is a {@link
 * DoctorResult}.
 */
public interface DoctorCheck {

  /** Sort key: lower runs first. idflow-api's checks use 100..900 in steps of 100. */
  default int order() {
    return 500;
  }

  /**
   * Runs the check.
   *
   * @param config the effective configuration (it loaded, or doctor would not get this far)
   * @return one or more result lines
   */
  List<DoctorResult> run(IdflowConfig config);
}

package io.idflow.cli.doctor;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.doctor.DoctorCheck;
import io.idflow.api.doctor.DoctorResult;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.ExitCodes;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow doctor}: is everything in place to use idflow here? */
@Command(
    name = "doctor",
    description = {
      "Check that everything idflow needs here is in place.",
      "Java runtimes (and a Java 21+ one for the local server), Maven, the config file,",
      "Conductor, and that local definitions parse. One line per check; the exit code is that",
      "of the first failed check (3 config, 4 Conductor, 5 definitions)."
    })
public class Doctor extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    List<DoctorResult> results = new ArrayList<>();
    IdflowConfig config = null;
    try {
      config = config();
    } catch (IdflowException e) {
      results.add(DoctorResult.fail("config", e.getMessage(), ExitCodes.of(e)));
    }
    if (config != null) {
      List<DoctorCheck> checks = new ArrayList<>();
      ServiceLoader.load(DoctorCheck.class, Doctor.class.getClassLoader()).forEach(checks::add);
      checks.sort(Comparator.comparingInt(DoctorCheck::order));
      for (DoctorCheck check : checks) {
        try {
          results.addAll(check.run(config));
        } catch (RuntimeException e) {
          results.add(
              DoctorResult.fail(
                  check.getClass().getSimpleName(),
                  "check failed unexpectedly: " + e,
                  ExitCode.UNEXPECTED));
        }
      }
    }
    ExitCode exit =
        results.stream()
            .filter(r -> r.status() == DoctorResult.Status.fail)
            .map(DoctorResult::exitCode)
            .findFirst()
            .orElse(ExitCode.OK);
    if (output.json()) {
      List<Map<String, Object>> json = new ArrayList<>();
      for (DoctorResult r : results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", r.check());
        m.put("status", r.status().name());
        m.put("message", r.message());
        json.add(m);
      }
      OutputMixin.printJson(out(), Map.of("ok", exit == ExitCode.OK, "checks", json));
    } else {
      for (DoctorResult r : results) {
        out().println(String.format("%-4s %-11s %s", r.status().name(), r.check(), r.message()));
      }
    }
    return exit;
  }
}

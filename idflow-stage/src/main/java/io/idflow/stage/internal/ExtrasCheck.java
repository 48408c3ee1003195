package io.idflow.stage.internal;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.doctor.DoctorCheck;
import io.idflow.api.doctor.DoctorResult;
import io.idflow.api.extras.ExtrasCatalog;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.conductor.maven.MavenArtifacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code idflow doctor}'s extras check: the extras files load, and every extra that an active stage
 * requires is installed (a missing one is a warning naming the stages and {@code idflow extras
 * install}); also warns about enabled vendors that have not been fetched.
 */
public final class ExtrasCheck implements DoctorCheck {

  /** Needed by {@link java.util.ServiceLoader}. */
  public ExtrasCheck() {}

  /** After the stage check (550). */
  @Override
  public int order() {
    return 560;
  }

  @Override
  public List<DoctorResult> run(IdflowConfig config) {
    List<DoctorResult> out = new ArrayList<>();
    try {
      ResourceResolver resolver = ResourceResolver.forConfig(config);
      for (String v : resolver.unfetchedVendors()) {
        out.add(
            DoctorResult.warn(
                "vendors",
                "vendor " + v + " is enabled but not fetched: idflow vendor fetch " + v));
      }
      ExtrasCatalog catalog = ExtrasCatalog.load(resolver);
      MavenArtifacts maven = new MavenArtifacts(config.env());
      Map<String, List<String>> missing = new TreeMap<>();
      int required = 0;
      Map<String, Boolean> seen = new TreeMap<>();
      for (StageDefinition s : StageCatalog.load(resolver).active()) {
        for (String e : s.requirements().extras()) {
          if (seen.putIfAbsent(e, true) == null) {
            required++;
          }
          if (!catalog.installed(e, maven::path)) {
            missing.computeIfAbsent(e, k -> new ArrayList<>()).add(s.name());
          }
        }
      }
      missing.forEach(
          (e, stages) ->
              out.add(
                  DoctorResult.warn(
                      "extras",
                      "extra "
                          + e
                          + " is missing, needed by stage(s) "
                          + String.join(", ", stages)
                          + (catalog.extra(e).isPresent()
                              ? ": idflow extras install"
                              : ": declared in no config/extras.d file"))));
      if (missing.isEmpty()) {
        out.add(
            DoctorResult.ok(
                "extras",
                catalog.extras().size()
                    + " extra(s) declared, "
                    + required
                    + " required by active stages, none missing"));
      }
    } catch (IdflowException e) {
      out.add(DoctorResult.fail("extras", e.getMessage(), ExitCode.CONFIG));
    }
    return out;
  }
}

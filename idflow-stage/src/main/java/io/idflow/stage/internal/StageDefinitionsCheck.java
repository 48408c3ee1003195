package io.idflow.stage.internal;

import io.idflow.api.ExitCode;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.LocalWorkflow;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.doctor.DoctorCheck;
import io.idflow.api.doctor.DoctorResult;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.api.stage.StageWorkflow;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code idflow doctor}'s stage check: every stage definition (core library, vendors, project)
 * loads and validates, and the workflows the active stages name have local files. A definition
 * problem fails with exit code 5, naming the file, line and field; a missing workflow is a warning
 * (the stage fails when it starts).
 */
public final class StageDefinitionsCheck implements DoctorCheck {

  /** Needed by {@link java.util.ServiceLoader}. */
  public StageDefinitionsCheck() {}

  /** Right after the workflow definitions (500). */
  @Override
  public int order() {
    return 550;
  }

  @Override
  public List<DoctorResult> run(IdflowConfig config) {
    ResourceResolver resolver = ResourceResolver.forConfig(config);
    StageCatalog stages = StageCatalog.load(resolver);
    List<DoctorResult> out = new ArrayList<>();
    for (DefinitionProblem p : stages.problems()) {
      out.add(DoctorResult.fail("stages", p.toString(), ExitCode.INVALID_DEFINITIONS));
    }
    WorkflowCatalog workflows = WorkflowCatalog.load(resolver);
    for (StageDefinition stage : stages.active()) {
      for (StageWorkflow w : stage.workflows()) {
        List<LocalWorkflow> versions = workflows.versions(w.name());
        boolean found =
            w.version() == null
                ? !versions.isEmpty()
                : versions.stream().anyMatch(v -> v.version() == w.version());
        if (!found) {
          out.add(
              DoctorResult.warn(
                  "stages",
                  "stage "
                      + stage.name()
                      + " uses workflow "
                      + w.name()
                      + (w.version() == null ? "" : " v" + w.version())
                      + ", which no local workflow file defines"));
        }
      }
    }
    if (stages.problems().isEmpty()) {
      out.add(
          0,
          DoctorResult.ok(
              "stages",
              stages.definitions().size()
                  + " stage definition(s) valid, "
                  + stages.active().size()
                  + " active"));
    }
    return out;
  }
}

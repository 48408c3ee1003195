package io.idflow.cli.stage;

import io.idflow.api.ExitCode;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.api.stage.StageWorkflow;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow stage list}. */
@Command(
    name = "list",
    aliases = "ls",
    description = {
      "List the stage definitions (core library, vendors and project, merged by name), sorted by"
          + " name: active or inactive, origin, workflows and requirements.",
      "Invalid definition files are named on stderr, one per line, after the valid ones are"
          + " listed; the command then exits 5."
    })
public class StageList extends StageStoreCommand {

  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    StageCatalog catalog = StageCatalog.load(ResourceResolver.forConfig(config()));
    List<StageDefinition> stages = new ArrayList<>(catalog.definitions());
    stages.sort(Comparator.comparing(StageDefinition::name));
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("stages", stages.stream().map(StageList::json).toList());
      doc.put("problems", problemsJson(catalog.problems()));
      OutputMixin.printJson(out(), doc);
    } else if (stages.isEmpty()) {
      if (catalog.problems().isEmpty()) {
        info("No stages found");
      }
    } else {
      Table t = new Table("NAME", "STATUS", "ORIGIN", "WORKFLOWS", "REQUIREMENTS");
      for (StageDefinition d : stages) {
        t.row(
            d.name(),
            status(d),
            d.origin().label(),
            d.workflows().isEmpty() ? "-" : String.join(", ", workflowNames(d)),
            d.requirements().summary());
      }
      t.print(out(), "");
    }
    warnProblems(catalog.problems());
    failOnProblems(catalog.problems());
    return ExitCode.OK;
  }

  /** {@code active} or {@code inactive}, with {@code no_eval} and {@code multiple_callable}. */
  private static String status(StageDefinition d) {
    List<String> flags = new ArrayList<>();
    if (d.noEval()) {
      flags.add("no_eval");
    }
    if (d.multipleCallable()) {
      flags.add("multiple_callable");
    }
    return (d.active() ? "active" : "inactive")
        + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")");
  }

  private static List<String> workflowNames(StageDefinition d) {
    return d.workflows().stream().map(StageWorkflow::name).toList();
  }

  private static Map<String, Object> json(StageDefinition d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("active", d.active());
    m.put("origin", d.origin());
    m.put("noEval", d.noEval());
    m.put("multipleCallable", d.multipleCallable());
    List<Map<String, Object>> workflows = new ArrayList<>();
    for (StageWorkflow w : d.workflows()) {
      Map<String, Object> wm = new LinkedHashMap<>();
      wm.put("name", w.name());
      wm.put("version", w.version());
      wm.put("when", w.when());
      wm.put("inputs", w.inputs());
      workflows.add(wm);
    }
    m.put("workflows", workflows);
    m.put("requirements", d.requirements().summary());
    m.put("source", d.effectiveSource().map(f -> f.displayName()).orElse(null));
    return m;
  }

  static List<Map<String, Object>> problemsJson(List<DefinitionProblem> problems) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DefinitionProblem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", p.source());
      m.put("path", p.path());
      m.put("reason", p.reason());
      out.add(m);
    }
    return out;
  }
}

package io.idflow.cli.vendor;

import io.idflow.api.ExitCode;
import io.idflow.api.resource.ResourceDir;
import io.idflow.api.resource.ResourceKind;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow vendor list}. */
@Command(
    name = "list",
    aliases = "ls",
    description = {
      "List the effective tasks, workflows (by folder name) and stages (by name) over the core"
          + " library, the fetched vendors and the project, with each one's origin (standard,"
          + " vendor, extended, custom) and the layer it is taken from.",
      "Warns about enabled vendors that have not been fetched."
    })
public class VendorList extends VendorBase {

  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    ResourceResolver resolver = ResourceResolver.forConfig(config());
    Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
    sections.put("tasks", dirs(resolver, ResourceKind.TASKS));
    sections.put("workflows", dirs(resolver, ResourceKind.WORKFLOWS));
    List<Map<String, Object>> stages = new ArrayList<>();
    List<StageDefinition> defs = new ArrayList<>(StageCatalog.load(resolver).definitions());
    defs.sort(Comparator.comparing(StageDefinition::name));
    for (StageDefinition d : defs) {
      stages.add(
          row(
              d.name(),
              d.origin().label(),
              d.effectiveSource().map(f -> f.base().name()).orElse("-")));
    }
    sections.put("stages", stages);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>(sections);
      doc.put("unfetched", resolver.unfetchedVendors());
      OutputMixin.printJson(out(), doc);
    } else {
      boolean first = true;
      for (Map.Entry<String, List<Map<String, Object>>> e : sections.entrySet()) {
        if (!first) {
          out().println();
        }
        first = false;
        out().println(e.getKey());
        if (e.getValue().isEmpty()) {
          out().println("  (empty)");
          continue;
        }
        Table t = new Table();
        for (Map<String, Object> r : e.getValue()) {
          t.row(r.get("name"), r.get("origin"), r.get("from"));
        }
        t.print(out(), "  ");
      }
    }
    for (String name : resolver.unfetchedVendors()) {
      warn("vendor " + name + " is enabled but not fetched: idflow vendor fetch " + name);
    }
    return ExitCode.OK;
  }

  private static List<Map<String, Object>> dirs(ResourceResolver resolver, ResourceKind kind) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ResourceDir d : resolver.directories(kind)) {
      out.add(row(d.name(), d.origin().label(), d.base().name()));
    }
    return out;
  }

  private static Map<String, Object> row(String name, String origin, String from) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("origin", origin);
    m.put("from", from);
    return m;
  }
}

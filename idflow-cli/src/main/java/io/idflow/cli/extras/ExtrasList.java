package io.idflow.cli.extras;

import io.idflow.api.ExitCode;
import io.idflow.api.extras.Extra;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow extras list}. */
@Command(
    name = "list",
    aliases = "ls",
    description =
        "Show the available extras (with origin and artifacts), the installed ones, those that"
            + " active stages require, the missing ones and the extraneous ones (installed, not"
            + " required).")
public class ExtrasList extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    ExtrasState state = new ExtrasState(config());
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      List<Map<String, Object>> available = new ArrayList<>();
      for (Extra e : state.catalog.extras()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("origin", e.origin());
        m.put("artifacts", state.catalog.artifacts(e.name()));
        m.put("installed", state.installed(e.name()));
        m.put("source", e.source());
        available.add(m);
      }
      doc.put("available", available);
      doc.put("installed", state.installed());
      doc.put("required", state.required);
      doc.put("missing", state.missing());
      doc.put("extraneous", state.extraneous());
      OutputMixin.printJson(out(), doc);
      return ExitCode.OK;
    }
    out().println("Available extras:");
    if (state.catalog.extras().isEmpty()) {
      out().println("  (none)");
    } else {
      Table t = new Table();
      for (Extra e : state.catalog.extras()) {
        t.row(e.name(), e.origin().label(), String.join(", ", state.catalog.artifacts(e.name())));
      }
      t.print(out(), "  ");
    }
    section("Installed extras:", state.installed());
    out().println();
    out().println("Required by active stages:");
    if (state.required.isEmpty()) {
      out().println("  (none)");
    }
    state.required.forEach(
        (n, stages) -> out().println("  " + n + " (" + String.join(", ", stages) + ")"));
    section("Missing extras:", state.missing());
    section("Extraneous extras (installed but not required):", state.extraneous());
    return ExitCode.OK;
  }

  private void section(String title, List<String> names) {
    out().println();
    out().println(title);
    if (names.isEmpty()) {
      out().println("  (none)");
    }
    names.forEach(n -> out().println("  " + n));
  }
}

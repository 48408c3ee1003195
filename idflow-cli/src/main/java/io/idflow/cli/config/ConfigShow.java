package io.idflow.cli.config;

import io.idflow.api.ExitCode;
import io.idflow.api.config.IdflowConfig;
import io.idflow.cli.ConnectionMixin;
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

/** {@code idflow config show}: every effective value with its source; secrets masked. */
@Command(
    name = "show",
    description = {
      "Print every effective configuration value and where it came from:",
      "default, file:<path>, env:<VAR> or flag:<--flag>. Secrets are masked."
    })
public class ConfigShow extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    IdflowConfig config = config();
    List<IdflowConfig.Entry> entries = new ArrayList<>(config.entries());
    entries.add(
        0,
        new IdflowConfig.Entry("project_root", config.projectRoot().toString(), "derived", false));
    entries.add(
        1,
        new IdflowConfig.Entry(
            "config_file",
            config.configFile().map(Object::toString).orElse(null),
            config.configFile().isPresent() ? "found" : "none found; defaults apply",
            false));
    if (output.json()) {
      List<Map<String, Object>> json = new ArrayList<>();
      for (IdflowConfig.Entry e : entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", e.key());
        m.put("value", e.value());
        m.put("source", e.source());
        m.put("secret", e.secret());
        json.add(m);
      }
      OutputMixin.printJson(out(), json);
      return ExitCode.OK;
    }
    Table table = new Table("KEY", "VALUE", "SOURCE");
    for (IdflowConfig.Entry e : entries) {
      table.row(e.key(), display(e), e.source());
    }
    table.print(out(), "");
    return ExitCode.OK;
  }

  private static String display(IdflowConfig.Entry e) {
    if (e.secret()) {
      return e.value() == null ? "(not set)" : "****";
    }
    if (e.value() == null) {
      return "";
    }
    if (e.value() instanceof String s) {
      return s.isEmpty() ? "\"\"" : s;
    }
    return io.idflow.api.internal.Json.compact(e.value());
  }
}

package io.idflow.cli.vendor;

import io.idflow.api.ExitCode;
import io.idflow.api.vendor.VendorSpec;
import io.idflow.api.vendor.Vendors;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow vendor specs}. */
@Command(
    name = "specs",
    description = {
      "List the vendor specs of config/vendors.d in file-name order, enabled or not: type, source,"
          + " ref, priority (a lower number wins), and whether `vendor fetch` has fetched them.",
      "Reads no network. A bad spec is an error naming its file (exit 3)."
    })
public class VendorSpecs extends VendorBase {

  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    Path root = projectRoot();
    List<VendorSpec> specs = specs();
    if (output.json()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (VendorSpec s : specs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("type", s.type().label());
        m.put("source", s.location());
        m.put("ref", s.ref());
        m.put("subdir", s.subdir());
        m.put("priority", s.priority());
        m.put("enabled", s.enabled());
        Optional<Path> r = Vendors.root(root, s);
        m.put("fetched", r.isPresent());
        m.put("root", r.map(Path::toString).orElse(null));
        m.put("file", Vendors.display(s.file(), root));
        rows.add(m);
      }
      OutputMixin.printJson(out(), Map.of("vendors", rows));
      return ExitCode.OK;
    }
    if (specs.isEmpty()) {
      info("No vendor specs in " + Vendors.SPEC_DIR);
      return ExitCode.OK;
    }
    Table t = new Table("NAME", "TYPE", "SOURCE", "REF", "PRIORITY", "ENABLED", "FETCHED");
    for (VendorSpec s : specs) {
      t.row(
          s.name(),
          s.type().label(),
          s.location() + (s.subdir() == null ? "" : " (" + s.subdir() + ")"),
          s.ref() == null ? "-" : s.ref(),
          s.priority(),
          s.enabled() ? "yes" : "no",
          Vendors.root(root, s).isPresent() ? "yes" : "no");
    }
    t.print(out(), "");
    return ExitCode.OK;
  }
}

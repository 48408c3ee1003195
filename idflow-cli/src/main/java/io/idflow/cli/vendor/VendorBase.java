package io.idflow.cli.vendor;

import io.idflow.api.IdflowException;
import io.idflow.api.vendor.VendorSpec;
import io.idflow.api.vendor.Vendors;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;

/** What the vendor commands share: the project and its specs. */
abstract class VendorBase extends IdflowCommand {

  @Mixin ProjectMixin project;

  /** The project root (the folder holding config/idflow.yml). */
  Path projectRoot() {
    return config().projectRoot();
  }

  /** A line of talk (for helpers of this package). */
  void say(String line) {
    info(line);
  }

  /** Every spec, enabled or not. */
  List<VendorSpec> specs() {
    return Vendors.read(projectRoot());
  }

  /** The spec of this name (its {@code name}, or its file stem). */
  VendorSpec spec(String name) {
    List<VendorSpec> specs = specs();
    for (VendorSpec s : specs) {
      String stem = s.file().getFileName().toString().replaceFirst("\\.toml$", "");
      if (s.name().equals(name) || stem.equals(name)) {
        return s;
      }
    }
    throw IdflowException.usage(
        "no vendor spec named '"
            + name
            + "' in "
            + Vendors.SPEC_DIR
            + (specs.isEmpty()
                ? " (there are none)"
                : " (known: "
                    + String.join(", ", specs.stream().map(VendorSpec::name).toList())
                    + ")"));
  }
}

package io.idflow.cli.vendor;

import io.idflow.api.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idflow vendor disable NAME}. */
@Command(
    name = "disable",
    description =
        "Set enabled = false in the vendor's spec; the rest of the file (comments included) stays"
            + " as it was. Its fetched copy stays in .idflow/vendors/ but is not used.")
public class VendorDisable extends VendorBase {

  @Parameters(paramLabel = "NAME", description = "The vendor's name or spec file name.")
  String name;

  @Override
  protected ExitCode execute() {
    return VendorEnable.set(this, name, false);
  }
}

package io.idflow.cli.vendor;

import io.idflow.api.ExitCode;
import io.idflow.api.vendor.VendorSpec;
import io.idflow.api.vendor.Vendors;
import io.idflow.tooling.vendor.VendorSpecEditor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idflow vendor enable NAME}. */
@Command(
    name = "enable",
    description =
        "Set enabled = true in the vendor's spec; the rest of the file (comments included) stays"
            + " as it was.")
public class VendorEnable extends VendorBase {

  @Parameters(paramLabel = "NAME", description = "The vendor's name or spec file name.")
  String name;

  @Override
  protected ExitCode execute() {
    return set(this, name, true);
  }

  static ExitCode set(VendorBase cmd, String name, boolean enabled) {
    VendorSpec s = cmd.spec(name);
    String file = Vendors.display(s.file(), cmd.projectRoot());
    boolean changed = VendorSpecEditor.setEnabled(s.file(), enabled, cmd.projectRoot());
    cmd.say(
        (changed ? "Set " : "Already ")
            + s.name()
            + " enabled = "
            + enabled
            + " in "
            + file
            + (enabled && changed && Vendors.root(cmd.projectRoot(), s).isEmpty()
                ? " (not fetched yet: idflow vendor fetch " + s.name() + ")"
                : ""));
    return ExitCode.OK;
  }
}

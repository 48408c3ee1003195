package io.idflow.cli.vendor;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.vendor.VendorSpec;
import io.idflow.api.vendor.Vendors;
import io.idflow.tooling.vendor.VendorFetcher;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow vendor fetch}. */
@Command(
    name = "fetch",
    description = {
      "Fetch the enabled vendors (or the named ones) into .idflow/vendors/<name>: git vendors are"
          + " cloned at their ref, path vendors linked (or copied where links cannot be made)."
          + " This is the only command that reaches the network for vendors.",
      "Prints one line per vendor: name, how (cloned, linked, copied) and its root. A vendor that"
          + " cannot be fetched keeps its previous copy; the command stops with exit 3 naming the"
          + " spec file."
    })
public class VendorFetch extends VendorBase {

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Vendors to fetch; default all.")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--copy",
      description = "Copy path vendors instead of linking them (a snapshot of their folder).")
  boolean copy;

  @Override
  protected ExitCode execute() {
    List<VendorSpec> chosen = new ArrayList<>();
    if (names.isEmpty()) {
      specs().stream().filter(VendorSpec::enabled).forEach(chosen::add);
    } else {
      for (String n : names) {
        VendorSpec s = spec(n);
        if (!s.enabled()) {
          throw IdflowException.usage(
              "vendor '" + s.name() + "' is disabled; enable it first: idflow vendor enable " + n);
        }
        chosen.add(s);
      }
    }
    if (chosen.isEmpty()) {
      info("No enabled vendor specs in " + Vendors.SPEC_DIR);
      return ExitCode.OK;
    }
    VendorFetcher fetcher = new VendorFetcher(projectRoot(), ctx().env()).allowLinks(!copy);
    for (VendorSpec s : chosen) {
      info("Fetching " + s.name() + " (" + s.type().label() + " " + s.location() + ") ...");
      VendorFetcher.Fetched f = fetcher.fetch(s);
      out().println(s.name() + "  " + f.method().label() + "  " + f.root());
      out().flush();
      info("  " + f.method().label() + " from " + f.from());
    }
    return ExitCode.OK;
  }
}

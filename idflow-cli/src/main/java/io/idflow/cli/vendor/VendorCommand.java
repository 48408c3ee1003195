package io.idflow.cli.vendor;

import picocli.CommandLine.Command;

/** {@code idflow vendor}: packages of tasks, workflows and stages shared between projects. */
@Command(
    name = "vendor",
    description =
        "Vendors: folders or git repositories with the layout of a project, declared in"
            + " config/vendors.d/*.toml and fetched into .idflow/vendors/.",
    subcommands = {
      VendorList.class,
      VendorSpecs.class,
      VendorFetch.class,
      VendorEnable.class,
      VendorDisable.class,
      VendorCopy.class
    })
public class VendorCommand {}

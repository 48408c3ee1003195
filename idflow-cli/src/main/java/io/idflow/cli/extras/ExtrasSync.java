package io.idflow.cli.extras;

import io.idflow.api.ExitCode;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.SafetyMixin;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow extras sync}. */
@Command(
    name = "sync",
    description =
        "Install the extras that active stages require and miss; with --purge, then purge the"
            + " extraneous ones (see extras purge).")
public class ExtrasSync extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin SafetyMixin safety;

  @Option(names = "--purge", description = "Also purge the extraneous extras.")
  boolean purge;

  @Override
  protected ExitCode execute() throws IOException {
    ExtrasInstall.install(this, new ExtrasState(config()), List.of());
    return purge ? ExtrasPurge.purge(this, new ExtrasState(config()), safety) : ExitCode.OK;
  }
}

package io.idflow.cli.extras;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idflow extras install}. */
@Command(
    name = "install",
    description =
        "Download the artifacts of extras into the local Maven repository (with Maven): the named"
            + " extras, or by default those that active stages require and that are missing."
            + " Prints each downloaded artifact.")
public class ExtrasInstall extends IdflowCommand {

  @Mixin ProjectMixin project;

  @Parameters(paramLabel = "EXTRA", arity = "0..*", description = "Extras to install.")
  List<String> names = new ArrayList<>();

  @Override
  protected ExitCode execute() {
    return install(this, new ExtrasState(config()), names);
  }

  static ExitCode install(IdflowCommand cmd, ExtrasState state, List<String> names) {
    List<String> chosen = new ArrayList<>();
    if (names.isEmpty()) {
      for (String n : state.missing()) {
        if (state.catalog.extra(n).isEmpty()) {
          cmd.ctx()
              .err()
              .println(
                  "warning: extra "
                      + n
                      + " is required by stage(s) "
                      + String.join(", ", state.required.get(n))
                      + " but declared nowhere: add it to config/extras.d");
        } else {
          chosen.add(n);
        }
      }
    } else {
      for (String n : names) {
        if (state.catalog.extra(n).isEmpty()) {
          throw IdflowException.usage("unknown extra '" + n + "' (see idflow extras list)");
        }
        chosen.add(n);
      }
    }
    List<String> artifacts = state.absentArtifacts(chosen);
    if (artifacts.isEmpty()) {
      cmd.ctx().err().println("Nothing to install");
      return ExitCode.OK;
    }
    for (String a : artifacts) {
      state.maven.resolve(a, line -> cmd.ctx().err().println(line));
      cmd.ctx().out().println(a);
      cmd.ctx().out().flush();
    }
    cmd.ctx().err().println("Installed " + String.join(", ", chosen));
    return ExitCode.OK;
  }
}

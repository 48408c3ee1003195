package io.idflow.cli.extras;

import io.idflow.api.ExitCode;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.SafetyMixin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idflow extras purge}. */
@Command(
    name = "purge",
    description = {
      "Delete from the local Maven repository the artifacts (their version folders) of the"
          + " extraneous extras: installed, and required by no active stage. Artifacts that a"
          + " required extra also uses are kept.",
      "Prints the plan, then asks (the local repository may be shared with other projects),"
          + " unless --yes; --dry-run only prints the plan."
    })
public class ExtrasPurge extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin SafetyMixin safety;

  @Override
  protected ExitCode execute() throws IOException {
    return purge(this, new ExtrasState(config()), safety);
  }

  static ExitCode purge(IdflowCommand cmd, ExtrasState state, SafetyMixin safety)
      throws IOException {
    List<String> extraneous = state.extraneous();
    if (extraneous.isEmpty()) {
      cmd.ctx().err().println("No extraneous extras installed");
      return ExitCode.OK;
    }
    Set<String> keep = new HashSet<>();
    for (String r : state.required.keySet()) {
      keep.addAll(state.catalog.artifacts(r));
    }
    List<Path> folders = new ArrayList<>();
    for (String e : extraneous) {
      for (String a : state.catalog.artifacts(e)) {
        Path folder = state.maven.path(a).getParent();
        if (!keep.contains(a) && Files.isDirectory(folder) && !folders.contains(folder)) {
          folders.add(folder);
        }
      }
    }
    if (folders.isEmpty()) {
      cmd.ctx().err().println("No artifacts to delete: required extras use them all");
      return ExitCode.OK;
    }
    cmd.ctx().out().println("Extraneous extras: " + String.join(", ", extraneous));
    folders.forEach(f -> cmd.ctx().out().println("delete " + f));
    cmd.ctx().out().flush();
    if (safety.dryRun()) {
      cmd.ctx().err().println("Dry run: nothing was deleted.");
      return ExitCode.OK;
    }
    safety.requireConfirmation(cmd.ctx(), "Delete " + folders.size() + " folder(s)?");
    for (Path f : folders) {
      try (Stream<Path> walk = Files.walk(f)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    cmd.ctx().err().println("Deleted " + folders.size() + " folder(s)");
    return ExitCode.OK;
  }
}

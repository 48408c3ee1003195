package io.idflow.cli.vendor;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.resource.BaseType;
import io.idflow.api.resource.ResourceBase;
import io.idflow.api.resource.ResourceDir;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.resource.ResourceKind;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.cli.SafetyMixin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idflow vendor copy}. */
@Command(
    name = "copy",
    description = {
      "Copy tasks, workflows or stages from their effective source below the project (the"
          + " vendor with the lowest priority number that has them, else the core library) into"
          + " the project, to change them there: the project's copy then wins.",
      "For every file that already exists in the project it asks (o)verwrite, (s)kip or"
          + " (a)bort, unless --yes (overwrite) or --skip-existing. Prints each copied file."
    })
public class VendorCopy extends VendorBase {

  /** What to copy. */
  enum Section {
    tasks,
    workflows,
    stages
  }

  @Option(names = "--section", paramLabel = "SECTION", description = "tasks, workflows or stages.")
  Section section;

  @Option(
      names = "--element",
      paramLabel = "NAME",
      description = "The task or workflow folder, or the stage file (stem accepted: review).")
  String element;

  @Option(names = "--all", description = "Copy every element of the section, or of all sections.")
  boolean all;

  @Option(
      names = "--dest",
      paramLabel = "DIR",
      description = "The project folder to copy into; default the project root.")
  Path dest;

  @Option(
      names = {"-y", "--yes"},
      description = "Overwrite existing files without asking.")
  boolean yes;

  @Option(names = "--skip-existing", description = "Keep existing files without asking.")
  boolean skipExisting;

  private boolean aborted;

  @Override
  protected ExitCode execute() throws IOException {
    if (yes && skipExisting) {
      throw IdflowException.usage("--yes and --skip-existing exclude each other");
    }
    if (!all && (section == null || element == null)) {
      throw IdflowException.usage(
          "give --section and --element, or --all (with or without --section)");
    }
    if (all && element != null) {
      throw IdflowException.usage("--all copies whole sections; drop --element");
    }
    Path target =
        dest == null
            ? projectRoot()
            : ctx().workingDir().resolve(dest).toAbsolutePath().normalize();
    ResourceResolver below = belowProject(ResourceResolver.forConfig(config()));
    List<Section> sections = section == null ? List.of(Section.values()) : List.of(section);
    Map<String, ResourceFile> files = new LinkedHashMap<>();
    for (Section s : sections) {
      collect(below, s, files);
    }
    int copied = 0;
    int skipped = 0;
    for (Map.Entry<String, ResourceFile> e : files.entrySet()) {
      Path to = target.resolve(e.getKey());
      if (Files.exists(to) && !overwrite(e.getKey())) {
        if (aborted) {
          throw IdflowException.refused("aborted after " + copied + " file(s) copied");
        }
        skipped++;
        continue;
      }
      Files.createDirectories(to.getParent());
      Files.write(to, e.getValue().readBytes());
      out().println(e.getKey() + "  (from " + e.getValue().displayName() + ")");
      out().flush();
      copied++;
    }
    info("Copied " + copied + " file(s)" + (skipped > 0 ? ", kept " + skipped + " existing" : ""));
    return ExitCode.OK;
  }

  private void collect(ResourceResolver below, Section s, Map<String, ResourceFile> files) {
    if (s == Section.stages) {
      Map<String, ResourceFile> effective = new LinkedHashMap<>();
      for (ResourceFile f : below.stageFiles()) {
        effective.put(f.relativePath(), f); // later bases win
      }
      boolean found = false;
      for (ResourceFile f : effective.values()) {
        String file = f.fileName();
        String stem = file.replaceFirst("\\.ya?ml$", "");
        if (element == null || element.equals(file) || element.equals(stem)) {
          files.put(f.relativePath(), f);
          found = true;
        }
      }
      if (element != null && !found) {
        throw IdflowException.usage("no stage file " + element + " in the core library or vendors");
      }
      return;
    }
    ResourceKind kind = s == Section.tasks ? ResourceKind.TASKS : ResourceKind.WORKFLOWS;
    List<ResourceDir> dirs = new ArrayList<>();
    if (element == null) {
      dirs.addAll(below.directories(kind));
    } else {
      dirs.add(
          below
              .directory(kind, element)
              .orElseThrow(
                  () ->
                      IdflowException.usage(
                          "no "
                              + kind.folder()
                              + "/"
                              + element
                              + " in the core library or vendors")));
    }
    for (ResourceDir d : dirs) {
      for (ResourceFile f : d.files()) {
        files.put(f.relativePath(), f);
      }
    }
  }

  private boolean overwrite(String relative) {
    if (yes) {
      return true;
    }
    if (skipExisting) {
      return false;
    }
    while (true) {
      err().print(relative + " exists: (o)verwrite, (s)kip, (a)bort? [s]: ");
      err().flush();
      String line = SafetyMixin.readLine(ctx());
      if (line == null) {
        err().println();
        aborted = true;
        return false;
      }
      String a = line.strip().toLowerCase(Locale.ROOT);
      switch (a) {
        case "o", "overwrite" -> {
          return true;
        }
        case "", "s", "skip" -> {
          return false;
        }
        case "a", "abort" -> {
          aborted = true;
          return false;
        }
        default -> err().println("please answer o, s or a");
      }
    }
  }

  private static ResourceResolver belowProject(ResourceResolver all) {
    ResourceResolver.Builder b = ResourceResolver.builder();
    for (ResourceBase base : all.bases()) {
      if (base.type() != BaseType.PROJECT) {
        b.base(base);
      }
    }
    return b.build();
  }
}

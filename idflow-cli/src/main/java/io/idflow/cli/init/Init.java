package io.idflow.cli.init;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.IdflowVersion;
import io.idflow.cli.IdflowCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idflow init [DIR]}. */
@Command(
    name = "init",
    description = {
      "Create an idflow project in DIR (created when missing; default: the working directory):"
          + " config/idflow.yml with every key commented, data/{inbox,active,done}, an example"
          + " stage with its workflow, an example task script, .gitignore and a README.",
      "DIR must be empty (a .git folder is allowed); a non-empty folder is refused (exit 6) and"
          + " no file is ever overwritten. Prints the created files on stdout."
    })
public class Init extends IdflowCommand {

  /** The template's files below {@value #TEMPLATE}, and where each goes in the project. */
  static final List<String[]> FILES =
      List.of(
          new String[] {"config/idflow.yml", "config/idflow.yml"},
          new String[] {"config/vendors.d/README.md", "config/vendors.d/README.md"},
          new String[] {"config/extras.d/README.md", "config/extras.d/README.md"},
          new String[] {"stages/summary.yml", "stages/summary.yml"},
          new String[] {"workflows/summarize/summarize.json", "workflows/summarize/summarize.json"},
          new String[] {"tasks/hello/Hello.java", "tasks/hello/Hello.java"},
          new String[] {"gitignore", ".gitignore"},
          new String[] {"README.md", "README.md"});

  static final List<String> FOLDERS = List.of("data/inbox", "data/active", "data/done");

  private static final String TEMPLATE = "/io/idflow/cli/init/template/";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The project folder; default: the working directory.")
  Path dir;

  @Override
  protected ExitCode execute() throws IOException {
    Path target =
        dir == null
            ? ctx().workingDir()
            : ctx().workingDir().resolve(dir).toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw IdflowException.refused(target + " exists and is not a folder");
    }
    if (Files.isDirectory(target)) {
      List<String> found = entries(target);
      if (!found.isEmpty()) {
        throw IdflowException.refused(
            "not an empty folder: "
                + target
                + " holds "
                + String.join(", ", found.subList(0, Math.min(5, found.size())))
                + (found.size() > 5 ? ", ..." : "")
                + "; run 'idflow init' in an empty folder or give a new folder: idflow init DIR");
      }
      info("Initialising project in " + target);
    } else {
      info("Creating project folder " + target);
    }
    Files.createDirectories(target);
    String projectName = target.getFileName() == null ? "idflow" : target.getFileName().toString();
    for (String[] f : FILES) {
      String text =
          template(f[0])
              .replace("__PROJECT_NAME__", projectName)
              .replace("__IDFLOW_VERSION__", IdflowVersion.version());
      Path p = target.resolve(f[1]);
      Files.createDirectories(p.getParent());
      try {
        // CREATE_NEW: never overwrite a file, even one that appeared since the check above.
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      } catch (FileAlreadyExistsException e) {
        throw IdflowException.refused("not overwriting " + p);
      }
      out().println(f[1]);
    }
    for (String folder : FOLDERS) {
      Files.createDirectories(target.resolve(folder));
      out().println(folder + "/");
    }
    List<String> next = new ArrayList<>();
    next.add("");
    next.add("Project initialised. Next steps:");
    if (dir != null) {
      next.add("  cd " + dir);
    }
    next.add("  idflow server start       # or point IDFLOW_CONDUCTOR_URL at a Conductor server");
    next.add("  idflow sync --yes");
    next.add("  idflow worker start --all --detach");
    next.add(
        "  idflow doc add \"Some words to count.\" --set 'title=First steps with idflow'"
            + " --json 'tags=[\"example\"]'");
    next.add("  idflow stage show <id>");
    next.forEach(this::info);
    return ExitCode.OK;
  }

  private static List<String> entries(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(".git"))
          .sorted()
          .toList();
    }
  }

  private static String template(String name) {
    try (InputStream in = Init.class.getResourceAsStream(TEMPLATE + name)) {
      if (in == null) {
        throw new IllegalStateException("the project template lacks " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.idflow.cli.sync;

import io.idflow.api.ExitCode;
import io.idflow.api.definition.LocalWorkflow;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.StageUsage;
import io.idflow.cli.Table;
import io.idflow.sync.DefinitionKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow workflow list}. */
@Command(
    name = "list",
    aliases = "ls",
    description = {
      "List workflows: the local ones (default), the ones only Conductor has (--remote), or"
          + " both (--all).",
      "A local workflow that active stages use names them (stages: ...); stage_workflow runs"
          + " every stage. A workflow a stage names without a local file is warned about."
    })
public class WorkflowList extends DefinitionCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin OutputMixin output;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static class Mode {
    @Option(
        names = {"-l", "--local"},
        description = "Only the local workflow files; Conductor is not contacted (the default).")
    boolean local;

    @Option(
        names = {"-r", "--remote"},
        description = "Workflows in Conductor that no local file defines (what prune deletes).")
    boolean remote;

    @Option(
        names = {"-a", "--all"},
        description = "Local workflow files, then every workflow in Conductor.")
    boolean all;
  }

  @Option(
      names = "--versions",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Show versions (default); --no-versions shows one line per name.")
  boolean versions;

  @Override
  protected ExitCode execute() {
    ResourceResolver resolver = ResourceResolver.forConfig(config());
    WorkflowCatalog catalog = WorkflowCatalog.load(resolver);
    if (!catalog.problems().isEmpty()) {
      warn("some workflow files are invalid and not listed:");
      catalog.problems().forEach(p -> err().println("  " + p));
    }
    usage = StageUsage.of(StageCatalog.load(resolver), catalog);
    usage.missingWorkflows().forEach(this::warn);
    Map<String, Set<Integer>> remote =
        mode.remote || mode.all
            ? remote(EnumSet.of(DefinitionKind.WORKFLOW)).workflowVersions()
            : Map.of();
    if (mode.remote) {
      Map<String, Set<Integer>> only = new LinkedHashMap<>(remote);
      only.keySet().removeAll(catalog.names());
      if (output.json()) {
        OutputMixin.printJson(out(), remoteJson(only, catalog));
      } else {
        out().println("Workflows only in Conductor:");
        printRemote(only, "  None: every workflow in Conductor is also defined locally.");
      }
    } else if (mode.all) {
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("local", localJson(catalog));
        doc.put("remote", remoteJson(remote, catalog));
        OutputMixin.printJson(out(), doc);
      } else {
        printLocal(catalog);
        out().println();
        out().println("Workflows in Conductor:");
        printRemote(remote, "  No workflows found in Conductor");
      }
    } else if (output.json()) {
      OutputMixin.printJson(out(), localJson(catalog));
    } else {
      printLocal(catalog);
    }
    return ExitCode.OK;
  }

  private StageUsage usage;

  /** {@code stages: a, b} for a workflow active stages use, else empty. */
  private String stages(String workflow) {
    Set<String> stages = usage.stagesUsingWorkflow(workflow);
    return stages.isEmpty() ? "" : "stages: " + String.join(", ", stages);
  }

  private void printLocal(WorkflowCatalog catalog) {
    out().println("Local workflow files:");
    Table t = new Table();
    for (LocalWorkflow w : rows(catalog)) {
      if (versions) {
        t.row(
            w.name(),
            "v" + w.version(),
            w.origin().label(),
            w.source().displayName(),
            stages(w.name()));
      } else {
        t.row(w.name(), w.origin().label(), w.source().displayName(), stages(w.name()));
      }
    }
    if (t.isEmpty()) {
      out().println("  No workflow files found");
    } else {
      t.print(out(), "  ");
    }
  }

  /** Every version, or with --no-versions the highest version of each name. */
  private List<LocalWorkflow> rows(WorkflowCatalog catalog) {
    if (versions) {
      return catalog.workflows();
    }
    List<LocalWorkflow> out = new ArrayList<>();
    for (String name : catalog.names()) {
      List<LocalWorkflow> all = catalog.versions(name);
      out.add(all.get(all.size() - 1));
    }
    return out;
  }

  private List<Map<String, Object>> localJson(WorkflowCatalog catalog) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LocalWorkflow w : rows(catalog)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", w.name());
      if (versions) {
        m.put("version", w.version());
      } else {
        m.put("versions", catalog.versions(w.name()).stream().map(LocalWorkflow::version).toList());
      }
      m.put("origin", w.origin());
      m.put("source", w.source().displayName());
      m.put("stages", usage.stagesUsingWorkflow(w.name()));
      out.add(m);
    }
    return out;
  }

  private List<Map<String, Object>> remoteJson(
      Map<String, Set<Integer>> remote, WorkflowCatalog catalog) {
    List<Map<String, Object>> out = new ArrayList<>();
    remote.forEach(
        (name, vs) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", name);
          if (versions) {
            m.put("versions", vs);
          }
          m.put("local", catalog.names().contains(name));
          out.add(m);
        });
    return out;
  }

  private void printRemote(Map<String, Set<Integer>> remote, String none) {
    if (remote.isEmpty()) {
      out().println(none);
      return;
    }
    remote.forEach(
        (name, vs) ->
            out()
                .println(
                    "  "
                        + name
                        + (versions
                            ? " ("
                                + vs.stream().map(v -> "v" + v).collect(Collectors.joining(", "))
                                + ")"
                            : "")));
  }
}

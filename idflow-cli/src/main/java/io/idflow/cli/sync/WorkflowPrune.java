package io.idflow.cli.sync;

import com.netflix.conductor.client.exception.ConductorClientException;
import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.definition.DefinitionNames;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.text.Printable;
import io.idflow.cli.CommandException;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.ProjectMixin;
import io.idflow.cli.SafetyMixin;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.SyncApply;
import io.idflow.sync.internal.ConductorDefinitions.WorkflowRun;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow workflow prune [-w NAME [-v N]]}. */
@Command(
    name = "prune",
    description = {
      "Delete workflow versions from Conductor: by default every version of every workflow that"
          + " no local file defines; with -w every version of that name, with -v only that"
          + " version.",
      "A version with RUNNING or PAUSED executions of that exact name and version is in use: it"
          + " is skipped and named unless --force; the others are deleted. The plan is printed"
          + " first and confirmed (or --yes).",
      "Exit codes: 5 local workflow files are invalid (local names unknown), 6 something in use"
          + " was skipped or the plan was not confirmed."
    })
public class WorkflowPrune extends DefinitionCommand {

  private static final int SHOWN_RUNS = 3;

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;
  @Mixin SafetyMixin safety;
  @Mixin OutputMixin output;

  @Option(
      names = {"-w", "--workflow"},
      paramLabel = "NAME",
      description = "Prune this workflow's versions (also when it is defined locally).")
  String name;

  @Option(
      names = {"-v", "--version"},
      paramLabel = "N",
      description = "Only this version (needs -w).")
  Integer version;

  @Override
  protected ExitCode execute() {
    if (version != null && name == null) {
      throw IdflowException.usage("-v/--version needs -w/--workflow NAME");
    }
    Map<String, Set<Integer>> remote =
        remote(EnumSet.of(DefinitionKind.WORKFLOW)).workflowVersions();
    Map<String, Set<Integer>> candidates = new LinkedHashMap<>();
    if (name != null) {
      Set<Integer> versions = remote.get(name);
      if (versions == null) {
        throw IdflowException.usage(
            "Conductor at "
                + config().conductorUrl()
                + " has no workflow named '"
                + Printable.escape(name)
                + "'");
      }
      if (version != null && !versions.contains(version)) {
        throw IdflowException.usage(
            "Conductor has no version "
                + version
                + " of workflow '"
                + Printable.escape(name)
                + "' (it has "
                + versions
                + ")");
      }
      candidates.put(name, version == null ? versions : Set.of(version));
    } else {
      WorkflowCatalog catalog = WorkflowCatalog.load(ResourceResolver.forConfig(config()));
      // An invalid file hides its workflow's name: pruning now could delete a local workflow.
      failOnProblems(
          catalog.problems(),
          output.json(),
          "fix them first: with invalid files, local workflows cannot be told apart; nothing was"
              + " deleted");
      candidates.putAll(remote);
      candidates.keySet().removeAll(catalog.names());
    }

    Deletions deletions = new Deletions("workflow version", "workflow versions", "workflows");
    for (Map.Entry<String, Set<Integer>> e : candidates.entrySet()) {
      String unaddressable = DefinitionNames.problem("workflow name", e.getKey());
      List<WorkflowRun> runs = unaddressable != null ? List.of() : runs(e.getKey());
      for (int v : new TreeSet<>(e.getValue())) {
        List<WorkflowRun> ofVersion = runs.stream().filter(r -> r.version() == v).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.getKey());
        json.put("version", v);
        deletions.add(
            new Deletions.Item(
                e.getKey() + " v" + v,
                json,
                ofVersion.isEmpty() ? null : inUse(ofVersion),
                safety.force(),
                unaddressable));
      }
    }
    deletions.run(
        ctx(),
        out(),
        talk(),
        safety,
        output,
        config().conductorUrl(),
        "No workflows to prune.",
        item ->
            conductorDefinitions()
                .deleteWorkflow(
                    (String) item.json.get("name"), (Integer) item.json.get("version")));
    return ExitCode.OK;
  }

  private List<WorkflowRun> runs(String workflow) {
    try {
      return conductorDefinitions().activeRuns(workflow);
    } catch (ConductorClientException e) {
      throw new CommandException(
          ExitCode.UNEXPECTED,
          "could not check the runs of workflow '" + workflow + "': " + SyncApply.describe(e),
          e);
    }
  }

  private static String inUse(List<WorkflowRun> runs) {
    StringBuilder sb =
        new StringBuilder(runs.size() + (runs.size() == 1 ? " active run (" : " active runs ("));
    for (int i = 0; i < Math.min(SHOWN_RUNS, runs.size()); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(runs.get(i).workflowId()).append(' ').append(runs.get(i).status());
    }
    if (runs.size() > SHOWN_RUNS) {
      sb.append(", ... and ").append(runs.size() - SHOWN_RUNS).append(" more");
    }
    return sb.append(')').toString();
  }
}

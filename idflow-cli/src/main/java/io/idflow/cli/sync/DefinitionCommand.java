package io.idflow.cli.sync;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.cli.CommandException;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.OutputMixin;
import io.idflow.cli.SafetyMixin;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.LocalDefinitions;
import io.idflow.sync.RemoteDefinitions;
import io.idflow.sync.SyncApply;
import io.idflow.sync.SyncPlan;
import io.idflow.sync.internal.ConductorDefinitions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** What the definition commands share: reading both sides, reporting problems and results. */
abstract class DefinitionCommand extends IdflowCommand {

  private ConductorDefinitions conductorDefinitions;

  /** The local definitions; task scripts may be built first (progress on stderr). */
  LocalDefinitions local() {
    return local(line -> {});
  }

  /**
   * The local definitions; {@code beforeBuild} runs before each JBang build or download and may
   * throw to stop them.
   */
  LocalDefinitions local(Consumer<String> beforeBuild) {
    long start = System.nanoTime();
    LocalDefinitions local =
        LocalDefinitions.read(
            config(),
            line -> {
              beforeBuild.accept(line);
              info(line);
            });
    debug(
        "Read "
            + local.taskDefs().size()
            + " task definitions, "
            + local.workflows().size()
            + " workflows and "
            + local.eventHandlers().size()
            + " event handlers in "
            + millis(start)
            + " ms");
    return local;
  }

  /** Conductor's definition endpoints. */
  ConductorDefinitions conductorDefinitions() {
    if (conductorDefinitions == null) {
      conductorDefinitions = new ConductorDefinitions(conductor().client());
    }
    return conductorDefinitions;
  }

  /** Reads Conductor's definitions of these kinds. */
  RemoteDefinitions remote(Set<DefinitionKind> kinds) {
    long start = System.nanoTime();
    RemoteDefinitions remote = conductorDefinitions().read(kinds);
    debug(
        "Read "
            + (remote.taskDefs().size() + remote.workflows().size() + remote.eventHandlers().size())
            + " definitions from Conductor at "
            + config().conductorUrl()
            + " in "
            + millis(start)
            + " ms");
    return remote;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * Ends the command when there are problems: each on its own line on stderr (or in the JSON
   * document), then {@link ExitCode#INVALID_DEFINITIONS}.
   */
  void failOnProblems(List<DefinitionProblem> problems, boolean json, String consequence) {
    if (problems.isEmpty()) {
      return;
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("server", config().conductorUrl());
      doc.put("problems", PlanView.problemsJson(problems));
      OutputMixin.printJson(out(), doc);
    }
    for (DefinitionProblem p : problems) {
      err().println("  " + p);
    }
    throw IdflowException.invalid(
        problems.size()
            + (problems.size() == 1 ? " invalid definition" : " invalid definitions")
            + " (listed above); "
            + consequence);
  }

  /**
   * Ends the command after applying: nothing when all went well; {@link ExitCode#REFUSED} when
   * something was refused; {@link ExitCode#INVALID_DEFINITIONS} or {@link ExitCode#UNEXPECTED} when
   * Conductor refused definitions (the former when it found them invalid).
   *
   * @throws IdflowException for refusals and failures, with a message that says what to do
   */
  static void finish(List<SyncApply.Result> results) {
    List<SyncApply.Result> failed =
        results.stream().filter(r -> r.outcome() == SyncApply.Outcome.FAILED).toList();
    List<SyncApply.Result> refused =
        results.stream().filter(r -> r.outcome() == SyncApply.Outcome.REFUSED).toList();
    if (!failed.isEmpty()) {
      boolean invalid = failed.stream().allMatch(r -> r.error().startsWith("HTTP 400"));
      throw new CommandException(
          invalid ? ExitCode.INVALID_DEFINITIONS : ExitCode.UNEXPECTED,
          failed.size()
              + " of "
              + (failed.size()
                  + count(results, SyncApply.Outcome.CREATED)
                  + count(results, SyncApply.Outcome.UPDATED))
              + " writes failed, first: "
              + failed.get(0).change().label()
              + ": "
              + failed.get(0).error());
    }
    if (!refused.isEmpty()) {
      throw IdflowException.refused(
          refused.size()
              + (refused.size() == 1 ? " conflict" : " conflicts")
              + " refused ("
              + String.join(", ", refused.stream().map(r -> r.change().label()).toList())
              + "): Conductor has other content under the same name and version; bump the"
              + " version in the file, or pass --force to overwrite");
    }
  }

  /**
   * Plans, prints the plan, asks (when {@code ask} and something will be written), applies and
   * prints what was done; {@code --dry-run} stops after the plan.
   *
   * @param check looks at the local definitions before anything else (e.g. whether a named
   *     definition exists) and throws to stop
   * @param scope what to compare
   * @param remoteKinds what to read from Conductor (at least the scope's kinds)
   * @param ask whether writing needs a confirmation (or {@code --yes})
   * @return {@link ExitCode#OK}; refusals and failures end with an exception carrying their exit
   *     code
   */
  ExitCode planAndApply(
      Consumer<LocalDefinitions> check,
      SyncPlan.Scope scope,
      Set<DefinitionKind> remoteKinds,
      SafetyMixin safety,
      OutputMixin output,
      boolean ask) {
    // Conductor's bulk reads run while the local files are read and tasks discovered; the
    // configuration is loaded first, once, for both.
    config();
    CompletableFuture<RemoteDefinitions> remoteRead =
        CompletableFuture.supplyAsync(() -> remote(remoteKinds));
    // A task script's JBang build takes seconds: wait for Conductor's answer first, so that a sync
    // with no server fails at once, not after the builds.
    LocalDefinitions local = local(line -> join(remoteRead));
    check.accept(local);
    RemoteDefinitions remote = join(remoteRead);
    long start = System.nanoTime();
    SyncPlan plan = SyncPlan.compute(local, remote, scope);
    debug("Computed the plan in " + millis(start) + " ms");
    failOnProblems(plan.problems(), output.json(), "nothing was uploaded");
    String server = config().conductorUrl();
    if (!output.json()) {
      PlanView.printPlan(out(), plan, scope.kinds(), root().verbose());
    }
    if (safety.dryRun()) {
      if (output.json()) {
        OutputMixin.printJson(out(), PlanView.json(server, plan, null, true, safety.force()));
      } else {
        info("");
        info("Dry run: nothing was written to Conductor at " + server + ".");
      }
      return ExitCode.OK;
    }
    List<SyncPlan.Change> writes = plan.writes(safety.force());
    if (ask && !writes.isEmpty()) {
      safety.requireConfirmation(
          ctx(),
          "Write "
              + writes.size()
              + (writes.size() == 1 ? " definition" : " definitions")
              + " to Conductor at "
              + server
              + "?");
    }
    List<SyncApply.Result> results = SyncApply.apply(plan, conductorDefinitions(), safety.force());
    if (output.json()) {
      OutputMixin.printJson(out(), PlanView.json(server, plan, results, false, safety.force()));
    } else {
      PlanView.printResults(talk(), results);
    }
    finish(results);
    return ExitCode.OK;
  }

  private static long count(List<SyncApply.Result> results, SyncApply.Outcome o) {
    return results.stream().filter(r -> r.outcome() == o).count();
  }
}

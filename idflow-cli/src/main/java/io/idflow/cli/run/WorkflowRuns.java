package io.idflow.cli.run;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.OutputMixin;
import io.idflow.conductor.run.RunQuery;
import io.idflow.conductor.run.RunStatus;
import io.idflow.conductor.run.RunSummary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code idflow workflow runs}. */
@Command(
    name = "runs",
    description = {
      "Search runs on Conductor, newest first. Every criterion given must hold; '*' in a name or"
          + " correlation id matches any text.",
      "--doc finds every run of a document's stages: their correlation ids are"
          + " <docId>-<stage>-<counter>, which their sub-workflows share."
    })
public class WorkflowRuns extends RunsCommand {

  @Mixin OutputMixin output;

  @Option(names = "--name", paramLabel = "N", description = "Runs of this workflow.")
  String name;

  @Option(
      names = "--status",
      paramLabel = "S",
      description = "Runs in this status: ${COMPLETION-CANDIDATES}.")
  RunStatus status;

  @Option(
      names = "--correlation-id",
      paramLabel = "C",
      description = "Runs with this correlation id.")
  String correlationId;

  @Option(names = "--doc", paramLabel = "ID", description = "Runs of this document's stages.")
  String doc;

  @Option(
      names = "--since",
      paramLabel = "D",
      description =
          "Runs started in the last D (30s, 5m, 2h) or since an instant (2026-12-01T10:00:00Z).")
  String since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most N runs, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  protected ExitCode execute() {
    if (doc != null && correlationId != null) {
      throw IdflowException.usage("give --doc or --correlation-id, not both");
    }
    if (limit < 1 || limit > 1000) {
      throw IdflowException.usage("--limit must be 1 to 1000, was " + limit);
    }
    for (String v : new String[] {name, correlationId, doc}) {
      if (v != null && (v.isBlank() || v.contains(" ") || v.contains("(") || v.contains(")"))) {
        throw IdflowException.usage("invalid search value '" + v + "': no spaces or brackets");
      }
    }
    RunQuery q =
        new RunQuery(
            name,
            status,
            doc != null ? doc + "-*" : correlationId,
            since == null ? null : since(since),
            limit);
    List<RunSummary> found = runs().search(q);
    if (output.json()) {
      OutputMixin.printJson(out(), found.stream().map(RunView::json).toList());
    } else if (found.isEmpty()) {
      info("No runs found.");
    } else {
      RunView.table(found).print(out(), "");
    }
    return ExitCode.OK;
  }

  private static Instant since(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return Instant.now().minus(io.idflow.cli.DurationConverter.parse(value));
      } catch (TypeConversionException t) {
        throw IdflowException.usage(
            "invalid --since '" + value + "': use a duration (30s, 5m, 2h) or an ISO instant");
      }
    }
  }
}

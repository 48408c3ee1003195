package io.idflow.cli.run;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.CommandException;
import io.idflow.cli.DurationConverter;
import io.idflow.cli.OutputMixin;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.RunTimeoutException;
import io.idflow.conductor.run.StartRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow workflow start}. */
@Command(
    name = "start",
    description = {
      "Start a run of a workflow on Conductor and print its id.",
      "With --wait, follow its tasks on stderr until it ends, then print its output (exit 7 when"
          + " it ends FAILED, TERMINATED or TIMED_OUT)."
    })
public class WorkflowStart extends RunsCommand {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  @Mixin OutputMixin output;

  @Parameters(index = "0", paramLabel = "NAME", description = "The workflow's name.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "The workflow's version (default: the latest).")
  Integer version;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "KEY=VALUE",
      description = "An input value (a string); repeatable; wins over --input-file.")
  List<String> inputs = List.of();

  @Option(
      names = "--input-file",
      paramLabel = "FILE",
      description = "The input as a JSON object from a file, or from stdin with '-'.")
  String inputFile;

  @Option(
      names = "--correlation-id",
      paramLabel = "ID",
      description = "A correlation id to find the run by ('workflow runs --correlation-id').")
  String correlationId;

  @Option(
      names = "--wait",
      description =
          "Wait until the run ends, showing its tasks on stderr (in place on a terminal), then"
              + " print its output. Exit 7 when it ends FAILED, TERMINATED or TIMED_OUT.")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      converter = DurationConverter.class,
      description =
          "How long --wait waits: 30s, 5m, 1h (default: 10m). When it passes, the command gives"
              + " up with exit 1; the run goes on.")
  Duration timeout;

  @Override
  protected ExitCode execute() {
    if (timeout != null && !wait) {
      throw IdflowException.usage("--timeout needs --wait");
    }
    if (version != null && version < 1) {
      throw IdflowException.usage("--version must be 1 or more, was " + version);
    }
    Map<String, Object> input = new LinkedHashMap<>();
    if (inputFile != null) {
      input.putAll(readJsonFile(inputFile, "input"));
    }
    for (String pair : inputs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw IdflowException.usage("invalid --input '" + pair + "': use KEY=VALUE");
      }
      input.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    String id = runs().start(new StartRequest(name, version, input, correlationId));
    if (!output.json()) {
      out().println(id);
      out().flush();
    }
    if (!wait) {
      if (output.json()) {
        OutputMixin.printJson(out(), Map.of("id", id));
      }
      info("started " + name + ": run " + id + " (see 'idflow workflow show " + id + "')");
      return ExitCode.OK;
    }
    Duration limit = timeout == null ? DEFAULT_TIMEOUT : timeout;
    Run ended;
    try {
      ended = watch(id, limit, talk());
    } catch (RunTimeoutException e) {
      if (output.json()) {
        OutputMixin.printJson(out(), RunView.json(e.lastSeen()));
      }
      throw new CommandException(
          ExitCode.UNEXPECTED,
          "gave up waiting after "
              + DurationConverter.format(limit)
              + ": run "
              + id
              + " is still "
              + e.lastSeen().status()
              + "; it goes on (see 'idflow workflow show "
              + id
              + " --follow')");
    }
    if (output.json()) {
      OutputMixin.printJson(out(), RunView.json(ended));
    } else {
      OutputMixin.printJson(out(), ended.output());
    }
    if (ended.status().isUnsuccessful()) {
      throw new CommandException(
          ExitCode.RUN_FAILED,
          "run "
              + id
              + " ("
              + name
              + ") ended "
              + ended.status()
              + (ended.reason() == null ? "" : ": " + ended.reason()));
    }
    return ExitCode.OK;
  }
}

package io.idflow.cli;

import io.idflow.api.internal.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code -o/--output text|json}, for every command that lists or shows something. */
public class OutputMixin {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat output = OutputFormat.text;

  /** The chosen format. */
  public OutputFormat format() {
    return output;
  }

  /** Whether JSON was asked for. */
  public boolean json() {
    return output == OutputFormat.json;
  }

  /** Prints a value as one indented JSON document followed by a newline. */
  public static void printJson(PrintWriter out, Object value) {
    out.println(Json.pretty(value));
    out.flush();
  }
}

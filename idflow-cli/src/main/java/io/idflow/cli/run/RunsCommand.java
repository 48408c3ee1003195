package io.idflow.cli.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.idflow.api.IdflowException;
import io.idflow.api.internal.Json;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.Runs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;

/** Base of the commands on runs: the project's configuration, the server and the {@link Runs}. */
abstract class RunsCommand extends IdflowCommand {

  @Mixin ProjectMixin project;
  @Mixin ConnectionMixin connection;

  private Runs runs;

  /** The runs on this command's Conductor. */
  protected Runs runs() {
    if (runs == null) {
      runs = Runs.on(conductor().client());
    }
    return runs;
  }

  /** A view that colours only on a terminal without {@code NO_COLOR}. */
  protected RunView view() {
    return new RunView(RunView.colour(ctx()));
  }

  /**
   * Follows a run until it ends, showing it on {@code where}: redrawn in place on a terminal,
   * otherwise one line per change.
   *
   * @return the ended run
   * @throws io.idflow.conductor.run.RunTimeoutException when it has not ended within the time-out
   */
  protected Run watch(String id, Duration timeout, PrintWriter where) {
    RunView view = view();
    boolean inPlace = RunView.terminal(ctx());
    Run last = null;
    int drawn = 0;
    for (Iterator<Run> it = runs().follow(id, timeout).iterator(); it.hasNext(); ) {
      Run now = it.next();
      if (inPlace) {
        if (drawn > 0) {
          where.print("\u001b[" + drawn + "A\u001b[J");
        }
        String text = view.text(now);
        where.print(text);
        drawn = (int) text.lines().count();
      } else {
        view.changes(last, now).forEach(where::println);
      }
      where.flush();
      last = now;
    }
    return last;
  }

  /**
   * Reads a JSON object from a file, or stdin for {@code -}; an empty one is an empty object.
   *
   * @param what what it is, for messages ("input", "data")
   * @throws IdflowException (a usage error) when it cannot be read or is not a JSON object
   */
  protected Map<String, Object> readJsonFile(String file, String what) {
    String text;
    try {
      text =
          "-".equals(file)
              ? new String(ctx().in().readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(ctx().workingDir().resolve(Path.of(file)));
    } catch (NoSuchFileException e) {
      throw IdflowException.usage(what + " file not found: " + file);
    } catch (IOException e) {
      throw IdflowException.usage("cannot read " + what + " file " + file + ": " + e.getMessage());
    }
    if (text.isBlank()) {
      return new LinkedHashMap<>(); // an empty file or stdin holds no values
    }
    return parseJson(text, what + ("-".equals(file) ? " on stdin" : " file " + file));
  }

  /**
   * Parses a JSON object.
   *
   * @throws IdflowException (a usage error) when the text is not a JSON object
   */
  protected static Map<String, Object> parseJson(String text, String where) {
    try {
      Object v = Json.MAPPER.readValue(text, Object.class);
      if (!(v instanceof Map<?, ?>)) {
        throw IdflowException.usage("invalid " + where + ": a JSON object ({...}) is expected");
      }
      return new LinkedHashMap<>(
          Json.MAPPER.convertValue(v, new TypeReference<Map<String, Object>>() {}));
    } catch (JsonProcessingException e) {
      throw IdflowException.usage(
          "invalid JSON in "
              + where
              + ": "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
  }
}

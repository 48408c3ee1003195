package io.idflow.cli.doc;

import io.idflow.api.IdflowException;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.value.internal.Names;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/**
 * Base of the {@code doc} commands: the configured document store, id and status arguments, the
 * body from stdin, and paths shown relative to the working directory.
 */
abstract class DocStoreCommand extends IdflowCommand {

  @Mixin ProjectMixin project;

  /** Opens the configured store; its warnings go to stderr. Close it when done. */
  protected DocumentStore openStore() {
    return DocumentStores.open(
        config(), DocumentStores.Options.defaults().withWarnings(this::warn));
  }

  /**
   * A document id from the command line.
   *
   * @throws IdflowException ({@link io.idflow.api.ExitCode#USAGE}) when it cannot be an id
   */
  protected static String documentId(String id) {
    if (!Names.isId(id)) {
      throw IdflowException.usage(
          "invalid document id '"
              + io.idflow.api.text.Printable.escape(id)
              + "': ids consist of letters, digits, '_', '.' and '-' (see 'idflow doc list')");
    }
    return id;
  }

  /**
   * A document status from the command line.
   *
   * @throws IdflowException ({@link io.idflow.api.ExitCode#USAGE}) naming the valid ones
   */
  protected static DocumentStatus status(String name) {
    try {
      return DocumentStatus.of(name);
    } catch (IllegalArgumentException e) {
      throw IdflowException.usage(e.getMessage());
    }
  }

  /**
   * The body the command line gives: BODY itself; stdin when BODY is {@code -}; stdin when BODY is
   * omitted, stdin is not a terminal and holds more than blanks.
   *
   * @param body the BODY argument, or null when omitted
   * @return the body, or empty to leave the body as it is
   */
  protected Optional<String> body(String body) {
    if (body != null && !body.equals("-")) {
      return Optional.of(body);
    }
    if (body == null && ctx().interactive()) {
      return Optional.empty();
    }
    String text;
    try {
      text = new String(ctx().in().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the body from stdin", e);
    }
    if (body == null && text.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** A path as the user can use it: relative to the working directory when below it. */
  protected String display(Path path) {
    Path wd = ctx().workingDir();
    return path.startsWith(wd) && !path.equals(wd)
        ? wd.relativize(path).toString()
        : path.toString();
  }
}

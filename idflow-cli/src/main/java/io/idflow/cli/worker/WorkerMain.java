package io.idflow.cli.worker;

import io.idflow.cli.CliContext;
import io.idflow.cli.IdflowRoot;

/**
 * {@code idflow worker ...} as a main class of its own: what {@code worker start --detach} runs in
 * the background JVM (the idflow command line is a JBang script, not a class on the class path).
 */
public final class WorkerMain {

  private WorkerMain() {}

  /** Runs {@code idflow <args>} with the {@code worker} commands and exits with its code. */
  public static void main(String... args) {
    System.exit(
        IdflowRoot.execute(
            IdflowRoot.withSubcommands(WorkerCommand.class), CliContext.system(), args));
  }
}

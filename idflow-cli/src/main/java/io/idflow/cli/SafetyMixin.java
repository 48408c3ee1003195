package io.idflow.cli;

import io.idflow.api.IdflowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run}, {@code -y/--yes} and {@code --force}, for commands that change or delete
 * things. Such commands compute a plan, print it, ask (unless {@code --yes}), apply it and print
 * what was done.
 */
public class SafetyMixin {

  @Option(names = "--dry-run", description = "Print what would be done, change nothing.")
  boolean dryRun;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--force", description = "Go ahead even where idflow would refuse for safety.")
  boolean force;

  /** Whether {@code --dry-run} was given. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Whether {@code --yes} was given. */
  public boolean yes() {
    return yes;
  }

  /** Whether {@code --force} was given. */
  public boolean force() {
    return force;
  }

  /**
   * Asks a yes/no question on stderr and reads the answer from stdin, unless {@code --yes} was
   * given. An empty answer or the end of input means no.
   *
   * @return true when confirmed
   */
  public boolean confirm(CliContext ctx, String question) {
    return yes || ask(ctx, question);
  }

  /**
   * Like {@link #confirm}, but a refusal ends the command with {@link
   * io.idflow.api.ExitCode#REFUSED}.
   *
   * @throws IdflowException ({@link io.idflow.api.ExitCode#REFUSED}) when not confirmed
   */
  public void requireConfirmation(CliContext ctx, String question) {
    if (!confirm(ctx, question)) {
      throw IdflowException.refused("Aborted: not confirmed (pass --yes to skip the question)");
    }
  }

  /** Asks a yes/no question on stderr and reads one line of stdin. */
  public static boolean ask(CliContext ctx, String question) {
    ctx.err().print(question + " [y/N]: ");
    ctx.err().flush();
    String line = readLine(ctx);
    if (line == null || !ctx.interactive()) {
      // Nobody typed Enter on a terminal, so end the question's line here.
      ctx.err().println();
    }
    if (line == null) {
      return false;
    }
    String a = line.trim().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }

  /**
   * Reads one line of stdin byte by byte, so that nothing after it is consumed.
   *
   * @return the line without its end, or null at the end of input
   */
  public static String readLine(CliContext ctx) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try {
      int b;
      while ((b = ctx.in().read()) != -1) {
        if (b == '\n') {
          return buf.toString(StandardCharsets.UTF_8);
        }
        buf.write(b);
      }
    } catch (IOException e) {
      return null;
    }
    return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
  }
}

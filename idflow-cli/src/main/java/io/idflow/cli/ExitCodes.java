package io.idflow.cli;

import io.idflow.api.ConductorUnavailableException;
import io.idflow.api.ConfigurationException;
import io.idflow.api.ExitCode;
import io.idflow.api.InvalidContentException;
import io.idflow.api.InvalidRequestException;
import io.idflow.api.RefusedException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The one table from failures to exit codes: every command ends through it (the root's exception
 * handler), so a library exception means the same exit code wherever it is thrown.
 */
public final class ExitCodes {

  /** Checked in order: a subclass before its parent. */
  private static final List<Map.Entry<Class<? extends Throwable>, ExitCode>> TABLE =
      List.of(
          Map.entry(ConductorUnavailableException.class, ExitCode.CONDUCTOR_UNAVAILABLE),
          Map.entry(ConfigurationException.class, ExitCode.CONFIG),
          Map.entry(InvalidRequestException.class, ExitCode.USAGE),
          Map.entry(CommandLine.ParameterException.class, ExitCode.USAGE),
          Map.entry(InvalidContentException.class, ExitCode.INVALID_DEFINITIONS),
          Map.entry(RefusedException.class, ExitCode.REFUSED));

  private ExitCodes() {}

  /**
   * The exit code for a failure: the code a {@link CommandException} carries, the table's code for
   * a typed library exception (document not found and other bad requests 2, configuration 3,
   * Conductor unavailable 4, invalid definitions or documents 5, refused 6), and {@link
   * ExitCode#UNEXPECTED} for anything else.
   */
  public static ExitCode of(Throwable failure) {
    if (failure instanceof CommandException ce) {
      return ce.exitCode();
    }
    for (Map.Entry<Class<? extends Throwable>, ExitCode> row : TABLE) {
      if (row.getKey().isInstance(failure)) {
        return row.getValue();
      }
    }
    return ExitCode.UNEXPECTED;
  }
}

package io.idflow.cli.worker;

import io.idflow.worker.internal.RunFile;
import io.idflow.worker.internal.RunFiles;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The project's running runners, as the commands see them. */
final class Runners {

  private Runners() {}

  /** Lists the live runners; says on {@code err} how many stale pid files were removed. */
  static List<RunFile> live(RunFiles files, PrintWriter err, boolean quiet) {
    RunFiles.Listing listing = files.list();
    if (!listing.removedStale().isEmpty() && !quiet) {
      err.println(
          "removed "
              + listing.removedStale().size()
              + " stale pid file(s) of runners that are gone");
      err.flush();
    }
    return listing.live();
  }

  /** {@code 3m}, {@code 2h5m}: how long a runner has been up. */
  static String uptime(Instant startedAt) {
    long s = Math.max(0, Duration.between(startedAt, Instant.now()).toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    return (s / 3600) + "h" + ((s % 3600) / 60) + "m";
  }

  /** {@code runner all (pid 123)}. */
  static String describe(RunFile run) {
    return "runner " + run.name() + " (pid " + run.pid() + ")";
  }
}

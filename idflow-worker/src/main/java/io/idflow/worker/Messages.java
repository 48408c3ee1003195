package io.idflow.worker;

import java.util.List;
import java.util.Set;

/** The one-line messages the runner's console and log listeners print for events. */
public final class Messages {

  /** Prefix of lines that are warnings. */
  public static final String WARNING = "warning: ";

  private Messages() {}

  /**
   * The lines to print for an event (often none).
   *
   * @param failing the task types whose poll errors were already reported (updated here)
   */
  public static List<String> lines(RunnerEvent event, Set<String> failing) {
    if (event instanceof RunnerEvent.ConnectionChanged c) {
      if (c.lost()) {
        return List.of(
            WARNING
                + "lost the connection to Conductor at "
                + c.serverUrl()
                + " ("
                + describe(c.error())
                + "); retrying with back-off");
      }
      return List.of(
          "connection to Conductor at "
              + c.serverUrl()
              + " is back after "
              + seconds(c.downtime().toMillis()));
    }
    if (event instanceof RunnerEvent.PollFailed p) {
      if (!p.connectionLost() && failing.add(p.taskType())) {
        return List.of(
            WARNING + "polling " + p.taskType() + " fails: " + describe(p.error()) + "; retrying");
      }
      return List.of();
    }
    if (event instanceof RunnerEvent.PollSucceeded p) {
      if (failing.remove(p.taskType())) {
        return List.of("polling " + p.taskType() + " works again");
      }
      return List.of();
    }
    if (event instanceof RunnerEvent.TaskFailed f) {
      return List.of(
          WARNING + f.taskType() + " task " + f.taskId() + " " + f.status() + ": " + f.reason());
    }
    if (event instanceof RunnerEvent.ResultKept k) {
      return List.of(
          WARNING
              + "could not report the result of "
              + k.taskType()
              + " task "
              + k.taskId()
              + " ("
              + describe(k.error())
              + "); keeping it to send again when Conductor takes it");
    }
    if (event instanceof RunnerEvent.ResultDelivered d) {
      return List.of(
          "delivered the kept result of "
              + d.taskType()
              + " task "
              + d.taskId()
              + " after "
              + seconds(d.waited().toMillis()));
    }
    if (event instanceof RunnerEvent.ResultNotReported r && OutageTracker.permanent(r.error())) {
      return List.of(
          WARNING
              + "Conductor refused the result of "
              + r.taskType()
              + " task "
              + r.taskId()
              + " ("
              + describe(r.error())
              + "); dropped it");
    }
    if (event instanceof RunnerEvent.ResultNotReported r) {
      return List.of(
          WARNING
              + "could not report the result of "
              + r.taskType()
              + " task "
              + r.taskId()
              + " ("
              + describe(r.error())
              + "); Conductor delivers it again after its response timeout");
    }
    if (event instanceof RunnerEvent.PauseChanged p) {
      return List.of((p.paused() ? "paused " : "resumed ") + p.taskType());
    }
    return List.of();
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static String seconds(long ms) {
    return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}

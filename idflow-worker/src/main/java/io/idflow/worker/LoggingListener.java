package io.idflow.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what an operator needs to know through SLF4J: connection loss and return (once per outage),
 * a worker's poll errors (once until it polls successfully again), task failures, results that
 * could not be reported, pauses. Thread-safe.
 */
final class LoggingListener implements RunnerListener {

  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  @Override
  public void onEvent(RunnerEvent event) {
    for (String line : Messages.lines(event, failing)) {
      if (line.startsWith(Messages.WARNING)) {
        LOG.warn(line.substring(Messages.WARNING.length()));
      } else {
        LOG.info(line);
      }
    }
  }
}

package io.idflow.worker;

/**
 * Receives a {@link TaskRunner}'s events. Called synchronously on the runner's poller and task
 * threads, possibly concurrently: implementations must be thread-safe and quick, and must not
 * block. An exception thrown by a listener is logged and otherwise ignored.
 */
@FunctionalInterface
public interface RunnerListener {

  /** Called for every event. */
  void onEvent(RunnerEvent event);
}

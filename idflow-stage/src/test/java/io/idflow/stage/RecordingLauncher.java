package io.idflow.stage;

import io.idflow.api.ConductorUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A launcher that records starts and terminations; it can be told to be unreachable. */
final class RecordingLauncher implements StageLauncher {

  final Map<String, StageLaunch> started = new LinkedHashMap<>();
  final List<String> terminated = new ArrayList<>();

  /** What {@link #read} answers for a run; a started run not in here is RUNNING. */
  final Map<String, StageRunState> runs = new LinkedHashMap<>();

  volatile boolean down;
  int starts;

  /** Called with each started run's id before start returns (a run that ends at once). */
  volatile java.util.function.Consumer<String> onStart = id -> {};

  @Override
  public String start(StageLaunch launch) {
    String id;
    synchronized (this) {
      starts++;
      if (down) {
        throw ConductorUnavailableException.unreachable("http://localhost:1", null);
      }
      id = "wf-" + launch.correlationId();
      started.putIfAbsent(id, launch);
    }
    onStart.accept(id);
    return id;
  }

  @Override
  public synchronized void terminate(String workflowId, String reason) {
    terminated.add(workflowId);
  }

  @Override
  public synchronized StageRunState read(String workflowId) {
    if (down) {
      throw ConductorUnavailableException.unreachable("http://localhost:1", null);
    }
    StageRunState run = runs.get(workflowId);
    if (run != null) {
      return run;
    }
    StageLaunch launch = started.get(workflowId);
    if (launch == null) {
      return StageRunState.notFound(workflowId);
    }
    return new StageRunState(
        workflowId,
        "RUNNING",
        launch.documentId(),
        launch.stage(),
        launch.counter(),
        Map.of(),
        null,
        false);
  }
}

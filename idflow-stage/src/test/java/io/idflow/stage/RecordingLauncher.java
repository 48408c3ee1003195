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
  volatile boolean down;
  int starts;

  @Override
  public synchronized String start(StageLaunch launch) {
    starts++;
    if (down) {
      throw ConductorUnavailableException.unreachable("http://localhost:1", null);
    }
    String id = "wf-" + launch.correlationId();
    started.putIfAbsent(id, launch);
    return id;
  }

  @Override
  public synchronized void terminate(String workflowId, String reason) {
    terminated.add(workflowId);
  }
}

package com.example.kit;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import java.util.Map;

/**
 * A task of the test project, outside idflow's packages as a user's would be. Its output names the
 * project it runs for, so a test can tell which kit's worker executed a task.
 */
public class ShoutTask {

  private final String project;

  public ShoutTask() {
    this.project = "";
  }

  public ShoutTask(IdflowConfig config) {
    this.project = config.projectRoot().toString();
  }

  @WorkerTask("shout")
  public Map<String, Object> shout(@InputParam("text") String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("nothing to shout");
    }
    return Map.of("shouted", text.toUpperCase(java.util.Locale.ROOT) + "!", "project", project);
  }
}

package io.idflow.cli.sync;

import io.idflow.cli.run.WorkflowPause;
import io.idflow.cli.run.WorkflowRerun;
import io.idflow.cli.run.WorkflowRestart;
import io.idflow.cli.run.WorkflowResume;
import io.idflow.cli.run.WorkflowRetry;
import io.idflow.cli.run.WorkflowRuns;
import io.idflow.cli.run.WorkflowShow;
import io.idflow.cli.run.WorkflowSignal;
import io.idflow.cli.run.WorkflowStart;
import io.idflow.cli.run.WorkflowTerminate;
import picocli.CommandLine.Command;

/** {@code idflow workflow}: workflow definitions, local and in Conductor, and their runs. */
@Command(
    name = "workflow",
    description = "List, upload and prune workflow definitions; start, show, control runs.",
    subcommands = {
      WorkflowList.class,
      WorkflowUpload.class,
      WorkflowPrune.class,
      WorkflowStart.class,
      WorkflowShow.class,
      WorkflowRuns.class,
      WorkflowSignal.class,
      WorkflowTerminate.class,
      WorkflowPause.class,
      WorkflowResume.class,
      WorkflowRetry.class,
      WorkflowRestart.class,
      WorkflowRerun.class
    })
public class WorkflowCommand {}

package io.idflow.cli.sync;

import picocli.CommandLine.Command;

/** {@code idflow workflow}: workflow definitions, local and in Conductor. */
@Command(
    name = "workflow",
    description = "List, upload and prune workflow definitions.",
    subcommands = {WorkflowList.class, WorkflowUpload.class, WorkflowPrune.class})
public class WorkflowCommand {}

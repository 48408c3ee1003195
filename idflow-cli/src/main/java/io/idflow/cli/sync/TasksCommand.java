package io.idflow.cli.sync;

import picocli.CommandLine.Command;

/** {@code idflow tasks}: task definitions, local and in Conductor. */
@Command(
    name = "tasks",
    description = "List, upload and purge task definitions.",
    subcommands = {TasksList.class, TasksUpload.class, TasksPurge.class})
public class TasksCommand {}

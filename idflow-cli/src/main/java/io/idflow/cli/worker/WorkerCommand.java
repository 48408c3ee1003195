package io.idflow.cli.worker;

import picocli.CommandLine.Command;

/** {@code idflow worker}: run and control task workers. */
@Command(
    name = "worker",
    description = "Run task workers and control the running ones.",
    subcommands = {
      WorkerList.class,
      WorkerStart.class,
      WorkerPs.class,
      WorkerStop.class,
      WorkerKillall.class,
      WorkerPause.class,
      WorkerResume.class
    })
public class WorkerCommand {}

package io.idflow.cli.stage;

import picocli.CommandLine.Command;

/** {@code idflow stage}: the stages of documents. */
@Command(
    name = "stage",
    description = "List stage definitions; evaluate, run, show and cancel the stages of documents.",
    subcommands = {
      StageList.class,
      StageEvaluate.class,
      StageRun.class,
      StageShow.class,
      StageCancel.class
    })
public class StageCommand {}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-api:0.1.0-SNAPSHOT
//DEPS io.idflow:idflow-sync:0.1.0-SNAPSHOT
//DEPS io.idflow:idflow-worker:0.1.0-SNAPSHOT
//DEPS io.idflow:idflow-stage:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err

import io.idflow.api.cli.ConfigCommand;
import io.idflow.api.cli.DocCommand;
import io.idflow.api.cli.Doctor;
import io.idflow.api.cli.IdflowRoot;
import io.idflow.api.cli.ServerCommand;
import io.idflow.sync.cli.SyncCommand;
import io.idflow.sync.cli.TasksCommand;
import io.idflow.sync.cli.WorkflowCommand;
import io.idflow.worker.cli.WorkerCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** The idflow command line: composes the modules' commands; all behaviour lives in the modules. */
@Command(
    name = "idflow",
    subcommands = {
      // idflow-api
      ConfigCommand.class,
      DocCommand.class,
      Doctor.class,
      ServerCommand.class,
      // idflow-sync
      SyncCommand.class,
      TasksCommand.class,
      WorkflowCommand.class,
      // idflow-worker
      WorkerCommand.class,
    })
public class idflow extends IdflowRoot {

  public static void main(String... args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return IdflowRoot.execute(new idflow(), out, err, args);
  }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err

import io.idflow.cli.IdflowRoot;
import io.idflow.cli.completion.Completion;
import io.idflow.cli.config.ConfigCommand;
import io.idflow.cli.doc.DocCommand;
import io.idflow.cli.doctor.Doctor;
import io.idflow.cli.extras.ExtrasCommand;
import io.idflow.cli.init.Init;
import io.idflow.cli.quickstart.Quickstart;
import io.idflow.cli.server.ServerCommand;
import io.idflow.cli.stage.StageCommand;
import io.idflow.cli.sync.Sync;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import io.idflow.cli.vendor.VendorCommand;
import io.idflow.cli.worker.WorkerCommand;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** The idflow command line: composes idflow-cli's commands; all behaviour lives in the modules. */
@Command(name = "idflow")
public class idflow extends IdflowRoot {

  /** The commands; a run builds only the one its first word names (see IdflowRoot). */
  public idflow() {
    super(
        List.of(
            Completion.class,
            ConfigCommand.class,
            DocCommand.class,
            Doctor.class,
            ExtrasCommand.class,
            Init.class,
            Quickstart.class,
            ServerCommand.class,
            StageCommand.class,
            Sync.class,
            TasksCommand.class,
            VendorCommand.class,
            WorkflowCommand.class,
            WorkerCommand.class));
  }

  public static void main(String... args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return IdflowRoot.execute(new idflow(), out, err, args);
  }
}

package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.ExitCode;
import io.idflow.cli.config.ConfigCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class RootCommandTest {

  @TempDir Path dir;

  @Command(name = "probe", description = "A probe command for the root's contract.")
  static class Probe extends IdflowCommand {
    @Option(names = "--fail-with")
    Integer failWith;

    @Option(names = "--boom")
    boolean boom;

    @Override
    protected ExitCode execute() {
      if (boom) {
        throw new IllegalStateException("kaboom");
      }
      if (failWith != null) {
        throw new CommandException(ExitCode.of(failWith), "failed on purpose\nsecond line");
      }
      out().println("data");
      info("talk");
      debug("details");
      return ExitCode.OK;
    }
  }

  private CliHarness cli() {
    return CliHarness.of(dir, Probe.class, ConfigCommand.class);
  }

  @Test
  void noArgumentsPrintsUsage() {
    CliHarness.Result r = cli().run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: idflow").contains("probe").contains("Exit codes:");
  }

  @Test
  void versionNamesIdflowJavaAndConductor() {
    CliHarness.Result r = cli().run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("idflow ").contains("Java ").contains("Conductor server");
  }

  @Test
  void picocliDoesNotLookForGroovyClosures() {
    // The lookup of groovy.lang.Closure reads every jar of the class path on a short command.
    cli().run("--version");
    assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("true");
  }

  @Test
  void helpIsInheritedBySubcommands() {
    CliHarness.Result r = cli().run("probe", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: idflow probe").contains("--verbose");
  }

  @Test
  void dataGoesToStdoutTalkToStderr() {
    CliHarness.Result r = cli().run("probe");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("data\n");
    assertThat(r.err()).isEqualTo("talk\n");
  }

  @Test
  void quietSilencesTalkAndVerboseAddsDetails() {
    assertThat(cli().run("probe", "-q").err()).isEmpty();
    assertThat(cli().run("-q", "probe").err()).isEmpty();
    assertThat(cli().run("probe", "-v").err()).isEqualTo("talk\ndetails\n");
  }

  @Test
  void unknownOptionIsAOneLineUsageError() {
    CliHarness.Result r = cli().run("probe", "--nope");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("error: Unknown option: '--nope'")
        .contains("idflow probe --help");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliHarness.Result r = cli().run("nosuch");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: Unmatched argument");
  }

  @Test
  void nounWithoutSubcommandIsAUsageError() {
    CliHarness.Result r = cli().run("config");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required subcommand");
  }

  @Test
  void idflowExceptionsPrintOneLineAndTheirExitCode() {
    for (int code = 3; code <= 7; code++) {
      CliHarness.Result r = cli().run("probe", "--fail-with", String.valueOf(code));
      assertThat(r.exitCode()).isEqualTo(code);
      assertThat(r.err()).isEqualTo("error: failed on purpose\n");
    }
  }

  @Test
  void unexpectedErrorsExitOneAndShowTheStackTraceOnlyWhenVerbose() {
    CliHarness.Result plain = cli().run("probe", "--boom");
    assertThat(plain.exitCode()).isEqualTo(1);
    assertThat(plain.err())
        .startsWith("error: unexpected error: java.lang.IllegalStateException: kaboom");
    assertThat(plain.err()).doesNotContain("\tat ");
    CliHarness.Result verbose = cli().run("probe", "--boom", "--verbose");
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat ");
  }

  @Test
  void aRunBuildsOnlyTheCommandItsFirstWordNames() {
    java.util.List<Object> commands = java.util.List.of(Probe.class, ConfigCommand.class);
    assertThat(IdflowRoot.needed(commands, "probe", "--boom"))
        .isEqualTo(java.util.List.of(Probe.class));
    assertThat(IdflowRoot.needed(commands, "-v", "config", "show"))
        .isEqualTo(java.util.List.of(ConfigCommand.class));
    assertThat(IdflowRoot.needed(commands, "--version")).isEmpty();
    // The root's help and a typo's suggestions need only each command's summary.
    assertThat(IdflowRoot.needed(commands, "--help")).isNull();
    assertThat(IdflowRoot.needed(commands)).isNull();
    assertThat(IdflowRoot.needed(commands, "prbe")).isNull();
    // Completion reads the whole tree.
    java.util.List<Object> withCompletion =
        java.util.List.of(Probe.class, io.idflow.cli.completion.Completion.class);
    assertThat(IdflowRoot.needed(withCompletion, "completion")).isEqualTo(withCompletion);
  }

  @Test
  void theRootsHelpAndATyposSuggestionsAreThoseOfTheWholeTree() {
    CliHarness.Result help = cli().run("--help");
    CommandLine whole =
        IdflowRoot.wholeTree(IdflowRoot.withSubcommands(Probe.class, ConfigCommand.class));
    java.io.StringWriter usage = new java.io.StringWriter();
    whole.usage(new java.io.PrintWriter(usage));
    assertThat(help.out()).isEqualTo(usage.toString()).contains("A probe command");
    CliHarness.Result typo = cli().run("prob");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).startsWith("error: Unmatched argument");
    CliHarness.Result probe = cli().run("-q", "probe");
    assertThat(probe.exitCode()).as(probe.toString()).isZero();
    assertThat(probe.out()).isEqualTo("data\n");
  }
}

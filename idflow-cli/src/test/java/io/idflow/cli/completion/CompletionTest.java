package io.idflow.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.cli.CliHarness.Result;
import io.idflow.cli.sync.WorkflowCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {

  @TempDir Path dir;

  private Result run(String... args) {
    return CliHarness.of(dir, WorkflowCommand.class, Completion.class).run(args);
  }

  @Test
  void bashScriptCompletesNounsSubcommandsOptionsAndStatuses() throws Exception {
    Result r = run("completion", "bash");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("complete -F _complete_idflow")
        .contains("workflow")
        .contains("signal")
        .contains("--correlation-id")
        .contains("(\"RUNNING\" \"COMPLETED\" \"FAILED\" \"TIMED_OUT\" \"TERMINATED\" \"PAUSED\")");
    Path script = dir.resolve("idflow.bash");
    Files.writeString(script, r.out());
    // The script is valid bash and completes 'idflow workflow s' to the subcommands.
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "source "
                    + script
                    + " && COMP_WORDS=(idflow workflow s) && COMP_CWORD=2 && COMP_LINE='idflow"
                    + " workflow s' && COMP_POINT=${#COMP_LINE} && _complete_idflow && echo"
                    + " \"${COMPREPLY[@]}\"")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(List.of(out.strip().split("\\s+"))).contains("start", "show", "signal");
  }

  @Test
  void zshScriptLoadsCompinitFirst() {
    Result r = run("completion", "zsh");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .startsWith("autoload -U +X compinit && compinit\n")
        .contains("bashcompinit");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Result r = run("completion", "fish");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: Invalid value for positional parameter at index 0");
  }
}

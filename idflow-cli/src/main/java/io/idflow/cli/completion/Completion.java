package io.idflow.cli.completion;

import io.idflow.api.ExitCode;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.IdflowRoot;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idflow completion bash|zsh}. */
@Command(
    name = "completion",
    description = {
      "Print a shell completion script for idflow: nouns, subcommands, options and the values of"
          + " options with a fixed set (statuses, output formats).",
      "bash: source <(idflow completion bash)   zsh: source <(idflow completion zsh)"
    })
public class Completion extends IdflowCommand implements IdflowRoot.WholeTree {

  /** The shells the script is for. */
  public enum Shell {
    /** bash 4 or later. */
    bash,
    /** zsh, through its bash completion emulation. */
    zsh
  }

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      description = "The shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Override
  protected ExitCode execute() {
    CommandLine root = spec.root().commandLine();
    String name = spec.root().name();
    String script = AutoComplete.bash(name, root);
    if (shell == Shell.zsh) {
      // picocli's script switches zsh to bash emulation itself once compinit has run.
      out().println("autoload -U +X compinit && compinit");
    }
    out().print(script);
    out().flush();
    return ExitCode.OK;
  }
}

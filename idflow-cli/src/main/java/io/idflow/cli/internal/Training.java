package io.idflow.cli.internal;

import io.idflow.cli.CliContext;
import io.idflow.cli.IdflowRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The training run of the launcher's class-data archive: runs, in one JVM, what short command lines
 * load, so that the archive made from the classes it loaded covers every command and not only the
 * words someone happened to type first. It runs {@code --version}, {@code --help}, every command's
 * {@code --help}, an unknown command and {@code doc list} in an empty project; nothing talks to a
 * server or writes outside a temporary folder, which it deletes.
 *
 * <pre>java -XX:DumpLoadedClassList=idflow.classlist -cp ... io.idflow.cli.internal.Training idflow
 * </pre>
 */
public final class Training {

  private Training() {}

  /**
   * Runs the training.
   *
   * @param args the class name of the root command (a subclass of {@link IdflowRoot} with a public
   *     no-argument constructor)
   */
  public static void main(String... args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: Training ROOT_CLASS");
      System.exit(2);
    }
    Class<?> rootClass = Class.forName(args[0]);
    Path empty = Files.createTempDirectory("idflow-training");
    try {
      int runs = 0;
      for (List<String> line : commandLines(newRoot(rootClass))) {
        IdflowRoot.execute(newRoot(rootClass), context(empty), line.toArray(String[]::new));
        runs++;
      }
      System.err.println("idflow: class-data training ran " + runs + " command lines");
    } finally {
      deleteTree(empty);
    }
    System.exit(0);
  }

  /** The command lines of the training, for a root. */
  static List<List<String>> commandLines(IdflowRoot root) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("--version"));
    lines.add(List.of("--help"));
    lines.add(List.of("no-such-command"));
    CommandLine cl = IdflowRoot.wholeTree(root);
    Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    addHelp(cl, new ArrayList<>(), lines, seen);
    Map<String, CommandLine> commands = cl.getSubcommands();
    if (commands.containsKey("doc")) {
      lines.add(List.of("doc", "list"));
      lines.add(List.of("doc", "list", "--filter", "title=x*", "--filter", "priority=>0.5"));
    }
    if (commands.containsKey("config")) {
      lines.add(List.of("config", "show"));
    }
    if (commands.containsKey("stage")) {
      lines.add(List.of("stage", "list"));
    }
    if (commands.containsKey("sync")) {
      lines.add(List.of("sync", "--dry-run", "--server", "http://127.0.0.1:" + closedPort()));
    }
    return lines;
  }

  private static void addHelp(
      CommandLine cl, List<String> path, List<List<String>> lines, Set<CommandLine> seen) {
    for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
      if (!seen.add(sub.getValue())) {
        continue; // an alias of a command already listed
      }
      List<String> words = new ArrayList<>(path);
      words.add(sub.getKey());
      List<String> help = new ArrayList<>(words);
      help.add("--help");
      lines.add(help);
      addHelp(sub.getValue(), words, lines, seen);
    }
  }

  /** A port nothing listens on (just released by this process). */
  private static int closedPort() {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      return 9; // discard: closed on almost every machine
    }
  }

  private static IdflowRoot newRoot(Class<?> rootClass) throws ReflectiveOperationException {
    return (IdflowRoot) rootClass.getConstructor().newInstance();
  }

  private static CliContext context(Path workingDir) {
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    return new CliContext(
        discard, discard, InputStream.nullInputStream(), false, System.getenv(), workingDir);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

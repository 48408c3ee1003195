package io.idflow.tooling.vendor;

import io.idflow.api.ConfigurationException;
import io.idflow.api.IdflowException;
import io.idflow.api.vendor.VendorSpec;
import io.idflow.api.vendor.Vendors;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Materialises vendors under {@code <project>/.idflow/vendors/<name>}: the only code of idflow that
 * reaches the network for vendors ({@code idflow vendor fetch}).
 *
 * <ul>
 *   <li>git: {@code git clone} of the URL (a relative URL is a folder relative to the project
 *       root), then {@code git checkout --detach <ref>} when a ref is set (a tag, a commit, a
 *       branch, or a branch of the remote);
 *   <li>path: a symbolic link to the folder, or a copy where links cannot be made.
 * </ul>
 *
 * <p>Everything is prepared in a temporary folder next to the target and moved into place only when
 * complete and checked (the vendor root exists, it declares no vendors of its own), so a failed
 * fetch leaves the previous copy, or nothing, never half a vendor. Not thread-safe for one project.
 */
public final class VendorFetcher {

  /** How a vendor was materialised. */
  public enum Method {
    /** A git clone. */
    CLONED,
    /** A symbolic link to a path vendor's folder. */
    LINKED,
    /** A copy of a path vendor's folder (links could not be made). */
    COPIED;

    /** {@code cloned}, {@code linked} or {@code copied}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A fetched vendor.
   *
   * @param spec the spec
   * @param root the vendor's root (its checkout, or {@code subdir} inside it)
   * @param method how it was materialised
   * @param from the source: the URL (and ref, and commit) or the folder
   */
  public record Fetched(VendorSpec spec, Path root, Method method, String from) {}

  private final Path projectRoot;
  private final Map<String, String> env;
  private boolean allowLinks = true;

  /**
   * A fetcher for a project.
   *
   * @param projectRoot the project root
   * @param env the environment for {@code git} (PATH, proxies, credentials helpers)
   */
  public VendorFetcher(Path projectRoot, Map<String, String> env) {
    this.projectRoot = projectRoot.toAbsolutePath().normalize();
    this.env = Map.copyOf(env);
  }

  /** Copies path vendors instead of linking them (default: link). */
  public VendorFetcher allowLinks(boolean allowLinks) {
    this.allowLinks = allowLinks;
    return this;
  }

  /**
   * Fetches one vendor, replacing its previous copy.
   *
   * @throws ConfigurationException (exit 3) naming the spec file when the source is missing, git
   *     fails, the ref does not exist, the subdir is missing or the vendor has vendors of its own
   */
  public Fetched fetch(VendorSpec spec) {
    Objects.requireNonNull(spec, "spec");
    String where = Vendors.display(spec.file(), projectRoot);
    Path workspace = Vendors.workspace(projectRoot);
    Path target = Vendors.checkout(projectRoot, spec);
    Path temp = workspace.resolve(".tmp-" + spec.name() + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(workspace);
      Fetched fetched =
          switch (spec.type()) {
            case GIT -> cloneInto(spec, temp, where);
            case PATH -> linkOrCopy(spec, temp, where);
          };
      Path tempRoot = spec.subdir() == null ? temp : temp.resolve(spec.subdir()).normalize();
      if (!Files.isDirectory(tempRoot)) {
        throw IdflowException.config(
            where + ": subdir '" + spec.subdir() + "' does not exist in " + fetched.from());
      }
      Vendors.refuseNested(spec, tempRoot, projectRoot);
      replace(temp, target);
      Path root = spec.subdir() == null ? target : target.resolve(spec.subdir()).normalize();
      return new Fetched(spec, root, fetched.method(), fetched.from());
    } catch (IOException e) {
      throw IdflowException.config(where + ": cannot prepare " + target + ": " + e.getMessage());
    } finally {
      deleteTree(temp);
    }
  }

  private Fetched cloneInto(VendorSpec spec, Path temp, String where) {
    String url = spec.location();
    git(
        where,
        "cannot clone " + url,
        projectRoot,
        "clone",
        "--quiet",
        "--no-checkout",
        url,
        temp.toString());
    String ref = spec.ref();
    if (ref == null) {
      git(where, "cannot check out " + url, temp, "checkout", "--quiet");
    } else if (!tryGit(temp, "checkout", "--quiet", "--detach", ref)
        && !tryGit(temp, "checkout", "--quiet", "--detach", "origin/" + ref)) {
      throw IdflowException.config(where + ": ref '" + ref + "' not found in " + url);
    }
    String commit = git(where, "cannot read the commit of " + url, temp, "rev-parse", "HEAD");
    return new Fetched(
        spec,
        temp,
        Method.CLONED,
        url
            + (ref == null ? "" : " " + ref)
            + " ("
            + commit.substring(0, Math.min(12, commit.length()))
            + ")");
  }

  private Fetched linkOrCopy(VendorSpec spec, Path temp, String where) throws IOException {
    Path source = spec.sourcePath(projectRoot);
    if (!Files.isDirectory(source)) {
      throw IdflowException.config(
          where + ": path '" + spec.location() + "' does not exist (" + source + ")");
    }
    if (allowLinks) {
      try {
        Files.createSymbolicLink(temp, source);
        return new Fetched(spec, temp, Method.LINKED, source.toString());
      } catch (UnsupportedOperationException | IOException e) {
        // A file system or platform without links: copy instead, and say so.
      }
    }
    copyTree(source, temp);
    return new Fetched(spec, temp, Method.COPIED, source.toString());
  }

  /** Moves {@code temp} to {@code target}; an old target is moved aside first, then deleted. */
  private static void replace(Path temp, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      old = target.resolveSibling(".old-" + target.getFileName() + "-" + UUID.randomUUID());
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  private boolean tryGit(Path dir, String... args) {
    try {
      return run(dir, args).exit == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private String git(String where, String what, Path dir, String... args) {
    Result r;
    try {
      r = run(dir, args);
    } catch (IOException e) {
      throw IdflowException.config(
          where + ": " + what + ": git is needed for git vendors (" + e.getMessage() + ")");
    }
    if (r.exit != 0) {
      throw IdflowException.config(where + ": " + what + ": " + lastLine(r.output));
    }
    return r.output.strip();
  }

  private record Result(int exit, String output) {}

  private Result run(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    // Never wait for a password prompt.
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      return new Result(p.waitFor(), out);
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    return last.isEmpty() ? "git failed" : last;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.getFileName() != null && dir.getFileName().toString().equals(".git")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(target.resolve(source.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(file, target.resolve(source.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      if (Files.isSymbolicLink(root)) {
        Files.delete(root);
        return;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}

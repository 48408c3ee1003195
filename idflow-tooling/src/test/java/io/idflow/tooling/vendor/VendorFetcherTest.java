package io.idflow.tooling.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import io.idflow.api.vendor.VendorSpec;
import io.idflow.api.vendor.Vendors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorFetcherTest {

  @TempDir Path tmp;

  private Path project() throws IOException {
    Path p = tmp.resolve("project");
    Files.createDirectories(p.resolve("config/vendors.d"));
    return p;
  }

  private static void write(Path root, String rel, String text) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  static void git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.com",
                "-c",
                "init.defaultBranch=main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private VendorSpec spec(Path project, String name, String toml) throws IOException {
    write(project, "config/vendors.d/" + name + ".toml", toml);
    return Vendors.read(project.resolve("config/vendors.d/" + name + ".toml"), project);
  }

  @Test
  void clonesAGitVendorAtItsRef() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q");
    write(repo, "tasks/t/T.java", "v1");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "one");
    git(repo, "tag", "v1");
    write(repo, "tasks/t/T.java", "v2");
    git(repo, "commit", "-qam", "two");
    Path p = project();

    VendorSpec s = spec(p, "lib", "type = \"git\"\nurl = \"../repo\"\nref = \"v1\"\n");
    VendorFetcher.Fetched f = new VendorFetcher(p, System.getenv()).fetch(s);

    assertThat(f.method()).isEqualTo(VendorFetcher.Method.CLONED);
    assertThat(f.root()).isEqualTo(p.resolve(".idflow/vendors/lib"));
    assertThat(Files.readString(f.root().resolve("tasks/t/T.java"))).isEqualTo("v1");
    assertThat(f.from()).startsWith("../repo v1 (");

    // Without a ref: the default branch; the old copy is replaced.
    VendorSpec head = spec(p, "lib", "type = \"git\"\nurl = \"../repo\"\n");
    new VendorFetcher(p, System.getenv()).fetch(head);
    assertThat(Files.readString(f.root().resolve("tasks/t/T.java"))).isEqualTo("v2");
    assertThat(workspaceEntries(p)).containsExactly("lib");
  }

  @Test
  void aFailedFetchLeavesThePreviousCopyAndNoTemporaryFolder() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q");
    write(repo, "workflows/w/w.json", "{}");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "one");
    Path p = project();
    new VendorFetcher(p, System.getenv())
        .fetch(spec(p, "lib", "type = \"git\"\nurl = \"../repo\"\n"));

    VendorSpec badRef = spec(p, "lib", "type = \"git\"\nurl = \"../repo\"\nref = \"nope\"\n");
    assertThatThrownBy(() -> new VendorFetcher(p, System.getenv()).fetch(badRef))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("config/vendors.d/lib.toml: ref 'nope' not found in ../repo");
    VendorSpec badUrl = spec(p, "lib", "type = \"git\"\nurl = \"../missing\"\n");
    assertThatThrownBy(() -> new VendorFetcher(p, System.getenv()).fetch(badUrl))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("config/vendors.d/lib.toml: cannot clone ../missing: ");

    assertThat(workspaceEntries(p)).containsExactly("lib");
    assertThat(p.resolve(".idflow/vendors/lib/workflows/w/w.json")).isRegularFile();
  }

  @Test
  void aPathVendorIsLinkedOrCopied() throws Exception {
    Path shared = tmp.resolve("shared");
    write(shared, "stages/s.yml", "name: s\n");
    Path p = project();
    VendorSpec s = spec(p, "shared", "[source]\ntype = \"path\"\npath = \"../shared\"\n");

    VendorFetcher.Fetched linked = new VendorFetcher(p, Map.of()).fetch(s);
    assertThat(linked.method()).isEqualTo(VendorFetcher.Method.LINKED);
    assertThat(Files.isSymbolicLink(p.resolve(".idflow/vendors/shared"))).isTrue();
    assertThat(linked.root().resolve("stages/s.yml")).isRegularFile();

    VendorFetcher.Fetched copied = new VendorFetcher(p, Map.of()).allowLinks(false).fetch(s);
    assertThat(copied.method()).isEqualTo(VendorFetcher.Method.COPIED);
    assertThat(Files.isSymbolicLink(p.resolve(".idflow/vendors/shared"))).isFalse();
    assertThat(copied.root().resolve("stages/s.yml")).isRegularFile();
    // Replacing the link did not delete the linked folder's files.
    assertThat(shared.resolve("stages/s.yml")).isRegularFile();
  }

  @Test
  void aMissingPathANestedVendorAndAMissingSubdirAreRefused() throws Exception {
    Path p = project();
    VendorSpec missing = spec(p, "gone", "type = \"path\"\npath = \"../gone\"\n");
    assertThatThrownBy(() -> new VendorFetcher(p, Map.of()).fetch(missing))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "config/vendors.d/gone.toml: path '../gone' does not exist ("
                + tmp.resolve("gone")
                + ")");

    Path nested = tmp.resolve("nested");
    write(nested, "config/vendors.d/inner.toml", "type = \"path\"\npath = \"x\"\n");
    VendorSpec n = spec(p, "nested", "type = \"path\"\npath = \"../nested\"\n");
    assertThatThrownBy(() -> new VendorFetcher(p, Map.of()).fetch(n))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("declares vendors of its own");

    VendorSpec sub = spec(p, "sub", "type = \"path\"\npath = \"../nested\"\nsubdir = \"x\"\n");
    assertThatThrownBy(() -> new VendorFetcher(p, Map.of()).fetch(sub))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("config/vendors.d/sub.toml: subdir 'x' does not exist");

    assertThat(workspaceEntries(p)).isEmpty();
  }

  private static List<String> workspaceEntries(Path project) throws IOException {
    Path ws = project.resolve(".idflow/vendors");
    if (!Files.isDirectory(ws)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(ws)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    }
  }
}

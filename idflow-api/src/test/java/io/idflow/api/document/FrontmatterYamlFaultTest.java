package io.idflow.api.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.document.internal.FsMarkdownStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, issue 10 item 2: hand-written frontmatter is read as YAML means it (anchors,
 * aliases, merge keys) or refused as a corrupt document; never read wrong and written back.
 */
@Tag("fault")
class FrontmatterYamlFaultTest {

  private static final String ID = "5d26a3cc-1d04-4ed8-a702-8a658609daa9";

  @TempDir Path dir;
  Path file;
  FsMarkdownStore store;
  List<String> warnings = new ArrayList<>();

  @BeforeEach
  void open() {
    store = new FsMarkdownStore(dir.resolve("data"), true, warnings::add);
    file = dir.resolve("data/inbox").resolve(ID).resolve("doc.md");
  }

  private void write(String frontmatter) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "---\n" + frontmatter + "---\nbody\n");
  }

  private void assertRefused(String frontmatter, String reason) throws Exception {
    write(frontmatter);
    String before = Files.readString(file);
    assertThatThrownBy(() -> store.get(ID))
        .isInstanceOf(DocumentCorruptException.class)
        .hasMessageContaining(reason);
    assertThatThrownBy(() -> store.update(ID, d -> d.put("x", "1")))
        .isInstanceOf(DocumentCorruptException.class);
    assertThat(Files.readString(file)).as("the file is left alone").isEqualTo(before);
  }

  @Test
  void aliasesAreResolvedAndWrittenBackAsTheirValues() throws Exception {
    write("defaults: &d {owner: alice, n: 1}\nmeta: *d\nname: &n bob\nwho: *n\n");
    Document doc = store.get(ID);
    assertThat(doc.get("meta")).isEqualTo(Map.of("owner", "alice", "n", 1));
    assertThat(doc.get("who")).isEqualTo("bob");

    store.update(ID, d -> d.put("x", "1"));
    Document again = store.get(ID);
    assertThat(again.get("meta")).isEqualTo(Map.of("owner", "alice", "n", 1));
    assertThat(again.get("who")).isEqualTo("bob");
    assertThat(again.get("x")).isEqualTo("1");
  }

  @Test
  void mergeKeysAreResolvedWithExplicitKeysWinning() throws Exception {
    write(
        "base: &b {owner: alice, n: 1}\nmore: &m {n: 5, tag: x}\n"
            + "one: {<<: *b, n: 2}\nmany:\n  <<: [*m, *b]\n  own: y\n");
    Document doc = store.get(ID);
    assertThat(doc.get("one")).isEqualTo(Map.of("owner", "alice", "n", 2));
    assertThat(doc.get("many")).isEqualTo(Map.of("n", 5, "tag", "x", "owner", "alice", "own", "y"));
    store.update(ID, d -> d.put("x", "1"));
    assertThat(store.get(ID).get("one")).isEqualTo(Map.of("owner", "alice", "n", 2));
    assertThat(Files.readString(file)).doesNotContain("<<").doesNotContain("*b");
  }

  @Test
  void aQuotedMergeKeyIsAnOrdinaryKey() throws Exception {
    write("m: {'<<': plain}\n");
    assertThat(store.get(ID).get("m")).isEqualTo(Map.of("<<", "plain"));
  }

  @Test
  void infinityAndNotANumberAreRefused() throws Exception {
    assertRefused("score: .inf\n", "score: .inf is not a finite number");
    assertRefused("score: -.Inf\n", "score: -.Inf is not a finite number");
    assertRefused("m:\n  score: .nan\n", "m.score: .nan is not a finite number");
  }

  @Test
  void quotedInfinityIsText() throws Exception {
    write("score: '.inf'\n");
    assertThat(store.get(ID).get("score")).isEqualTo(".inf");
  }

  @Test
  void binaryValuesAreRefused() throws Exception {
    assertRefused("blob: !!binary aGVsbG8=\n", "blob: !!binary values are not supported");
  }

  @Test
  void setsAreRefused() throws Exception {
    assertRefused("tags: !!set {a, b}\n", "tags: !!set values are not supported");
  }

  @Test
  void duplicateKeysAreRefused() throws Exception {
    assertRefused("k: 1\nk: 2\n", "duplicate key 'k'");
    assertRefused("m: {a: 1, a: 2}\n", "duplicate key 'm.a'");
  }

  @Test
  void anUnknownAliasIsRefused() throws Exception {
    assertRefused("a: *nowhere\n", "nowhere");
  }

  @Test
  void aNullKeyIsRefusedAndAQuotedOneIsText() throws Exception {
    assertRefused("~: x\n", "the key '~' is a null key in YAML");
    assertRefused("m:\n  null: x\n", "m: the key 'null' is a null key in YAML");
    write("'~': x\n");
    assertThat(store.get(ID).get("~")).isEqualTo("x");
  }
}

package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.StageStatus;
import io.idflow.api.document.internal.FsMarkdownStore;
import io.idflow.api.internal.Json;
import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocShowTest {

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class);
  }

  private String add(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "doc";
    all[1] = "add";
    System.arraycopy(args, 0, all, 2, args.length);
    List<String> lines = cli.run(all).out().lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void printsTheDocumentWithoutInternalKeysOptionsAppliedInTheirFixedOrder() throws Exception {
    String id =
        add(
            "--set",
            "title=Observability",
            "--json",
            "cfg={\"a\":1}",
            "--list-add",
            "tags=llm",
            "--add-doc",
            "src=b989ba2d-0e21-4309-8776-9a74b3bbc6ee",
            "--doc-data",
            "{\"role\":\"source\"}",
            "--add-file",
            "att=sub/up.pdf",
            "line one\nline two");
    new FsMarkdownStore(dir.resolve("data"), false, w -> {})
        .update(id, d -> d.addStage("research").setStatus(StageStatus.ACTIVE));
    String fileId =
        new FsMarkdownStore(dir.resolve("data"), false, w -> {}).get(id).fileRefs().get(0).uuid();
    String stageId =
        new FsMarkdownStore(dir.resolve("data"), false, w -> {}).get(id).stages().get(0).id();

    CliHarness.Result r = cli.run("doc", "show", id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "Document: "
                + id
                + "\nStatus: inbox\nFile: "
                + Path.of("data", "inbox", id, "doc.md")
                + "\n"
                + "-".repeat(50)
                + "\nProperties:\n"
                + "  title: Observability\n"
                + "  tags: [\"llm\"]\n"
                + "  cfg: {\"a\":1}\n"
                + "\nDocument References:\n"
                + "  src: b989ba2d-0e21-4309-8776-9a74b3bbc6ee\n"
                + "    data: {\"role\":\"source\"}\n"
                + "\nFile References:\n"
                + "  att: up.pdf ("
                + fileId
                + ")\n"
                + "\nStages:\n"
                + "  research #1: active ("
                + stageId
                + ")\n"
                + "\nBody:\n"
                + "-".repeat(30)
                + "\nline one\nline two\n");
  }

  @Test
  void jsonHasEverything() throws Exception {
    String id = add("--set", "title=T", "body text");
    new FsMarkdownStore(dir.resolve("data"), false, w -> {})
        .update(id, d -> d.addStage("s").put("q", "x"));
    JsonNode json = Json.MAPPER.readTree(cli.run("doc", "show", id, "--output", "json").out());
    assertThat(json.get("id").asText()).isEqualTo(id);
    assertThat(json.get("status").asText()).isEqualTo("inbox");
    assertThat(json.get("properties").get("title").asText()).isEqualTo("T");
    assertThat(json.get("body").asText()).isEqualTo("body text");
    JsonNode stage = json.get("stages").get(0);
    assertThat(stage.get("name").asText()).isEqualTo("s");
    assertThat(stage.get("counter").asInt()).isEqualTo(1);
    assertThat(stage.get("status").asText()).isEqualTo("scheduled");
    assertThat(stage.get("properties").get("q").asText()).isEqualTo("x");
  }

  @Test
  void anUnknownIdIsAUsageError() {
    CliHarness.Result r = cli.run("doc", "show", "5d26a3cc-1d04-4ed8-a702-8a658609daa9");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: document not found: 5d26a3cc-1d04-4ed8-a702-8a658609daa9\n");
  }

  @Test
  void anIdThatIsAPathIsRejected() {
    CliHarness.Result r = cli.run("doc", "show", "../../config");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: invalid document id '../../config'");
  }

  @Test
  void aCorruptDocumentIsExitCodeFiveNamingItsFile() throws Exception {
    String id = add("x");
    Path file = dir.resolve("data/inbox").resolve(id).resolve("doc.md");
    Files.writeString(file, "---\ntitle: x\n");
    CliHarness.Result r = cli.run("doc", "show", id);
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err())
        .isEqualTo(
            "error: corrupt document " + file + ": the frontmatter has no closing '---' line\n");
  }

  @Test
  void showsTheStatusOfTheFrontmatter() {
    String id = add("-s", "blocked");
    assertThat(cli.run("doc", "show", id).out()).contains("Status: " + DocumentStatus.BLOCKED);
  }
}

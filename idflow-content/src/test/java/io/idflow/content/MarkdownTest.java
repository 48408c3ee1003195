package io.idflow.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

  @Test
  void rendersCommonMark() {
    String html = Markdown.toHtml("# Title\n\nSome *emphasis* and a [link](https://example.org).");

    assertThat(html)
        .contains("<h1>Title</h1>")
        .contains("<em>emphasis</em>")
        .contains("href=\"https://example.org\">link</a>");
  }

  @Test
  void escapesRawHtmlAndDropsScriptLinks() {
    String html = Markdown.toHtml("<script>alert(1)</script>\n\n[x](javascript:alert(1))");

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(html).doesNotContain("javascript:");
  }

  @Test
  void plainTextKeepsProseBlocksAndLeavesOutCode() {
    MarkdownText md =
        MarkdownText.parse(
            "# Heading\n\nFirst sentence. Second one!\n\n- an item\n\n```\ncode.\n```\n");

    assertThat(md.firstHeading()).contains("Heading");
    assertThat(md.sentences())
        .extracting(MarkdownText.Sentence::text)
        .containsExactly("Heading", "First sentence.", "Second one!", "an item");
    assertThat(md.prose())
        .extracting(MarkdownText.Sentence::kind)
        .containsExactly(
            MarkdownText.Kind.PARAGRAPH, MarkdownText.Kind.PARAGRAPH, MarkdownText.Kind.LIST_ITEM);
    assertThat(md.text()).doesNotContain("code");
  }
}

package io.idflow.content;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to HTML with commonmark-java (CommonMark 0.31). Raw HTML in the Markdown is escaped and
 * link targets with unsafe schemes ({@code javascript:}, ...) are dropped, so a published page
 * shows what the document says and runs nothing it brings. Thread-safe.
 */
public final class Markdown {

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  /** The HTML fragment of a Markdown text. */
  public static String toHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
  }
}

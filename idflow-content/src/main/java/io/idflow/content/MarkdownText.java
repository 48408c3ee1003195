package io.idflow.content;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * The prose of a Markdown text, as the text tasks read it: commonmark-java parses it, and the
 * blocks that hold prose (paragraphs, list items, block quotes, headings) are kept as plain text;
 * code blocks and raw HTML are left out. Sentences are found with the JDK's English {@link
 * BreakIterator} inside each block, so a heading or a list item never runs into the next one.
 * Immutable and thread-safe.
 */
public final class MarkdownText {

  /** What kind of block a piece of text came from. */
  public enum Kind {
    /** A heading. */
    HEADING,
    /** A paragraph (also inside a block quote). */
    PARAGRAPH,
    /** A paragraph inside a list item. */
    LIST_ITEM
  }

  /**
   * A block of prose.
   *
   * @param kind where it came from
   * @param text its plain text, whitespace collapsed
   */
  public record Block(Kind kind, String text) {}

  /**
   * A sentence.
   *
   * @param index its position among the document's sentences (0-based)
   * @param kind the kind of block it is in
   * @param text the sentence, trimmed
   */
  public record Sentence(int index, Kind kind, String text) {}

  private static final Parser PARSER = Parser.builder().build();

  private final List<Block> blocks;
  private final List<Sentence> sentences;

  private MarkdownText(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
    List<Sentence> out = new ArrayList<>();
    for (Block b : blocks) {
      for (String s : split(b.text())) {
        out.add(new Sentence(out.size(), b.kind(), s));
      }
    }
    this.sentences = List.copyOf(out);
  }

  /** Parses Markdown. */
  public static MarkdownText parse(String markdown) {
    List<Block> blocks = new ArrayList<>();
    PARSER
        .parse(markdown == null ? "" : markdown)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Heading heading) {
                add(Kind.HEADING, heading);
              }

              @Override
              public void visit(Paragraph paragraph) {
                add(inList(paragraph) ? Kind.LIST_ITEM : Kind.PARAGRAPH, paragraph);
              }

              @Override
              public void visit(FencedCodeBlock code) {}

              @Override
              public void visit(IndentedCodeBlock code) {}

              @Override
              public void visit(HtmlBlock html) {}

              @Override
              public void visit(BlockQuote quote) {
                visitChildren(quote);
              }

              private void add(Kind kind, Node node) {
                StringBuilder sb = new StringBuilder();
                inline(node, sb);
                String text = sb.toString().replaceAll("\\s+", " ").strip();
                if (!text.isEmpty()) {
                  blocks.add(new Block(kind, text));
                }
              }
            });
    return new MarkdownText(blocks);
  }

  private static boolean inList(Node node) {
    for (Node p = node.getParent(); p != null; p = p.getParent()) {
      if (p instanceof ListItem) {
        return true;
      }
    }
    return false;
  }

  private static void inline(Node node, StringBuilder sb) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        sb.append(t.getLiteral());
      } else if (n instanceof Code c) {
        sb.append(c.getLiteral());
      } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
        sb.append(' ');
      } else {
        inline(n, sb);
      }
    }
  }

  /** The blocks of prose, in order. */
  public List<Block> blocks() {
    return blocks;
  }

  /** Every sentence, in order. */
  public List<Sentence> sentences() {
    return sentences;
  }

  /** The sentences of paragraphs and list items (what a reader reads as running text). */
  public List<Sentence> prose() {
    return sentences.stream().filter(s -> s.kind() != Kind.HEADING).toList();
  }

  /** The plain text: every block, separated by blank lines. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Block b : blocks) {
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(b.text());
    }
    return sb.toString();
  }

  /** The text of the first heading, if the Markdown has one. */
  public java.util.Optional<String> firstHeading() {
    return blocks.stream().filter(b -> b.kind() == Kind.HEADING).map(Block::text).findFirst();
  }

  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    it.setText(text);
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      String s = text.substring(start, end).strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}

package io.idflow.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Content words of a text as {@link ContentAnalyzer} sees them: each with its surface form, its
 * stem and its position (stop words leave gaps in the positions). Tokens that are only digits or
 * shorter than two letters are left out. Thread-safe.
 */
public final class Tokens {

  /**
   * One content word.
   *
   * @param surface the word as written, lower-cased
   * @param stem its Porter stem
   * @param position its position in the text (stop words count)
   */
  public record Token(String surface, String stem, int position) {}

  private static final Analyzer ANALYZER = new ContentAnalyzer(true);

  private Tokens() {}

  /** The content words of a text, in order. */
  public static List<Token> of(String text) {
    List<Token> out = new ArrayList<>();
    try (TokenStream ts = ANALYZER.tokenStream("body", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      KeywordAttribute keyword = ts.addAttribute(KeywordAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      String surface = null;
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        if (keyword.isKeyword()) {
          surface = term.toString();
        } else {
          String stem = term.toString();
          String s = surface == null ? stem : surface;
          surface = null;
          if (isWord(s)) {
            out.add(new Token(s, stem, position));
          }
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static boolean isWord(String s) {
    if (s.length() < 2) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}

package io.idflow.content;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.util.IOUtils;

/**
 * The English analysis chain of the content tasks: Lucene's standard tokenizer, possessive removal,
 * lower case, the Snowball English stop words (plus a few words that carry no topic in prose), and
 * the Porter stemmer. With {@code keepSurface} every token is emitted twice (Lucene's {@link
 * KeywordRepeatFilter}): first as written (lower-cased), then stemmed at the same position, so
 * callers can show "pipelines" for the stem "pipelin". Thread-safe, as every Lucene analyzer.
 */
public final class ContentAnalyzer extends Analyzer {

  private static final List<String> EXTRA_STOP_WORDS =
      List.of(
          "also",
          "can",
          "could",
          "will",
          "would",
          "may",
          "might",
          "must",
          "shall",
          "one",
          "two",
          "us",
          "like",
          "just",
          "even",
          "much",
          "many",
          "every",
          "get",
          "gets",
          "got",
          "make",
          "makes",
          "made",
          "new",
          "well",
          "yet",
          "still",
          "often",
          "without",
          "within",
          "per",
          "via",
          "thing",
          "things",
          "lot",
          "lots",
          "really",
          "quite",
          "rather",
          "instead",
          "etc",
          "however",
          "therefore",
          "thus",
          "whether",
          "since",
          "among",
          "upon",
          "less",
          "least",
          "first",
          "second",
          "next",
          "last",
          "way",
          "ways",
          "let",
          "lets");

  /** The stop words: Snowball's English list and these extra words. */
  public static final CharArraySet STOP_WORDS = stopWords();

  private final boolean keepSurface;

  /**
   * An analyzer.
   *
   * @param keepSurface whether to emit the unstemmed form before each stem
   */
  public ContentAnalyzer(boolean keepSurface) {
    this.keepSurface = keepSurface;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    TokenStream ts = new EnglishPossessiveFilter(source);
    ts = new LowerCaseFilter(ts);
    ts = new StopFilter(ts, STOP_WORDS);
    if (keepSurface) {
      ts = new KeywordRepeatFilter(ts);
    }
    ts = new PorterStemFilter(ts);
    return new TokenStreamComponents(source, ts);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }

  private static CharArraySet stopWords() {
    try (Reader r =
        IOUtils.getDecodingReader(
            SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)) {
      CharArraySet set = new CharArraySet(WordlistLoader.getSnowballWordSet(r), false);
      set.addAll(EXTRA_STOP_WORDS);
      return CharArraySet.unmodifiableSet(set);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lucene's English stop words", e);
    }
  }
}

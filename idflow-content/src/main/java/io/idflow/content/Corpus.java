package io.idflow.content;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A project's documents as an in-memory Lucene index ({@link ContentAnalyzer}, BM25): the document
 * frequencies that weigh keywords, and "more like this" searches for related documents. Built once
 * from the documents given; immutable and thread-safe afterwards.
 */
public final class Corpus {

  /**
   * A document of the corpus.
   *
   * @param id the document's id
   * @param title its title
   * @param text its plain text (title not included)
   */
  public record Entry(String id, String title, String text) {
    /** Checks the fields. */
    public Entry {
      Objects.requireNonNull(id, "id");
      title = title == null ? "" : title;
      text = text == null ? "" : text;
    }

    String indexed() {
      return title.isEmpty() ? text : title + "\n\n" + text;
    }
  }

  /**
   * A document related to another.
   *
   * @param id the related document's id
   * @param title its title
   * @param score Lucene's BM25 score of the "more like this" query on it (higher is closer)
   * @param terms the query document's words it shares, most telling first (at most five)
   */
  public record Related(String id, String title, double score, List<String> terms) {}

  static final String FIELD = "body";
  private static final Analyzer ANALYZER = new ContentAnalyzer(false);

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final double averageLength;

  private Corpus(List<Entry> docs) {
    docs.forEach(e -> entries.put(e.id(), e));
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    long tokens = 0;
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(ANALYZER))) {
      for (Entry e : entries.values()) {
        org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
        d.add(new StringField("id", e.id(), Field.Store.YES));
        d.add(new TextField(FIELD, e.indexed(), Field.Store.YES));
        w.addDocument(d);
        tokens += Tokens.of(e.indexed()).size();
      }
      w.commit();
      reader = DirectoryReader.open(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity());
    averageLength = entries.isEmpty() ? 0 : (double) tokens / entries.size();
  }

  /** A corpus of these documents (a later entry with the same id replaces an earlier one). */
  public static Corpus of(List<Entry> docs) {
    return new Corpus(docs);
  }

  /** The number of documents. */
  public int size() {
    return entries.size();
  }

  /** Whether the corpus holds a document with this id. */
  public boolean contains(String id) {
    return entries.containsKey(id);
  }

  /** The document with this id, or null. */
  public Entry entry(String id) {
    return entries.get(id);
  }

  /** The average number of content words of a document (0 for an empty corpus). */
  public double averageLength() {
    return averageLength;
  }

  /** In how many documents a stem occurs. */
  public int docFreq(String stem) {
    try {
      return reader.docFreq(new Term(FIELD, stem));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The documents most like a text ({@link MoreLikeThis} over the corpus, scored with BM25), best
   * first.
   *
   * @param selfId a document to leave out (the one the text belongs to), or null
   * @param text the text to match
   * @param limit how many at most
   * @param minScore the lowest score kept
   */
  public List<Related> related(String selfId, String text, int limit, double minScore) {
    if (limit < 1 || entries.isEmpty() || text == null || text.isBlank()) {
      return List.of();
    }
    try {
      MoreLikeThis mlt = new MoreLikeThis(reader);
      mlt.setAnalyzer(ANALYZER);
      mlt.setFieldNames(new String[] {FIELD});
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(1);
      mlt.setMinWordLen(2);
      mlt.setMaxQueryTerms(25);
      Query like = mlt.like(FIELD, new StringReader(text));
      BooleanQuery.Builder q = new BooleanQuery.Builder().add(like, BooleanClause.Occur.MUST);
      if (selfId != null) {
        q.add(new TermQuery(new Term("id", selfId)), BooleanClause.Occur.MUST_NOT);
      }
      TopDocs top = searcher.search(q.build(), limit);
      String[] interesting = mlt.retrieveInterestingTerms(new StringReader(text), FIELD);
      Map<String, String> surfaces = surfaces(text);
      List<Related> out = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        if (sd.score < minScore) {
          continue;
        }
        String id = searcher.storedFields().document(sd.doc).get("id");
        Entry e = entries.get(id);
        Set<String> stems = new HashSet<>();
        Tokens.of(e.indexed()).forEach(t -> stems.add(t.stem()));
        List<String> shared = new ArrayList<>();
        for (String term : interesting) {
          if (shared.size() == 5) {
            break;
          }
          if (stems.contains(term)) {
            shared.add(surfaces.getOrDefault(term, term));
          }
        }
        out.add(new Related(id, e.title(), round(sd.score), shared));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The most frequent surface form of each stem of a text. */
  static Map<String, String> surfaces(String text) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    for (Tokens.Token t : Tokens.of(text)) {
      counts.computeIfAbsent(t.stem(), k -> new HashMap<>()).merge(t.surface(), 1, Integer::sum);
    }
    Map<String, String> out = new HashMap<>();
    counts.forEach(
        (stem, forms) ->
            out.put(
                stem,
                forms.entrySet().stream()
                    .sorted(
                        Map.Entry.<String, Integer>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .findFirst()
                    .orElseThrow()
                    .getKey()));
    return out;
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}

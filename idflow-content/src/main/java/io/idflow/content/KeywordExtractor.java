package io.idflow.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keywords and key phrases of a text, weighed against a {@link Corpus} of the project's documents
 * with TF-IDF: a word counts for more the more often the text uses it (1 + ln tf, so a word used
 * eight times does not drown everything else) and the fewer documents of the corpus use it (BM25's
 * idf, ln(1 + (N - df + 0.5) / (df + 0.5)), which is near zero for a word every document uses).
 * Words are Lucene-analysed ({@link ContentAnalyzer}: stop words out, Porter stems) and shown in
 * their most frequent written form. Key phrases are runs of two or three content words, inside one
 * clause, that the text uses at least twice, weighed by their count and their words' weights. No
 * model, no network. Thread-safe.
 */
public final class KeywordExtractor {

  /**
   * A keyword or key phrase.
   *
   * @param term the word or phrase as written (lower case)
   * @param score its weight relative to the best one (1.0), three decimals
   * @param count how often the text uses it
   */
  public record Keyword(String term, double score, int count) {}

  /**
   * What {@link #extract} found.
   *
   * @param keywords the keywords, best first
   * @param phrases the key phrases, best first
   */
  public record Keywords(List<Keyword> keywords, List<Keyword> phrases) {}

  private static final Pattern CLAUSE = Pattern.compile("[,;:()\\[\\]{}\"“”!?.]|\\s[-–—]+\\s");

  private KeywordExtractor() {}

  /**
   * Extracts keywords and key phrases.
   *
   * @param markdown the text (Markdown; code blocks are ignored)
   * @param corpus the project's documents, or null to weigh by counts alone
   * @param documentId the text's document id, when the corpus holds it (else its counts are added)
   * @param topKeywords how many keywords at most
   * @param topPhrases how many key phrases at most
   */
  public static Keywords extract(
      String markdown, Corpus corpus, String documentId, int topKeywords, int topPhrases) {
    List<List<Tokens.Token>> clauses = new ArrayList<>();
    for (MarkdownText.Sentence s : MarkdownText.parse(markdown).sentences()) {
      for (String clause : CLAUSE.split(s.text())) {
        List<Tokens.Token> tokens = Tokens.of(clause);
        if (!tokens.isEmpty()) {
          clauses.add(tokens);
        }
      }
    }
    Map<String, Integer> tf = new HashMap<>();
    Map<String, Map<String, Integer>> forms = new HashMap<>();
    int length = 0;
    for (List<Tokens.Token> clause : clauses) {
      for (Tokens.Token t : clause) {
        tf.merge(t.stem(), 1, Integer::sum);
        forms.computeIfAbsent(t.stem(), k -> new HashMap<>()).merge(t.surface(), 1, Integer::sum);
        length++;
      }
    }
    if (length == 0) {
      return new Keywords(List.of(), List.of());
    }
    boolean inCorpus = corpus != null && documentId != null && corpus.contains(documentId);
    int n = corpus == null ? 1 : corpus.size() + (inCorpus ? 0 : 1);
    Map<String, Double> weight = new HashMap<>();
    for (Map.Entry<String, Integer> e : tf.entrySet()) {
      int df = corpus == null ? 1 : corpus.docFreq(e.getKey()) + (inCorpus ? 0 : 1);
      double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      weight.put(e.getKey(), (1 + Math.log(e.getValue())) * idf);
    }
    List<Keyword> keywords = rank(weight, tf, stem -> best(forms.get(stem)), topKeywords, 1);
    List<Keyword> phrases = phrases(clauses, weight, topPhrases);
    return new Keywords(keywords, phrases);
  }

  private static List<Keyword> phrases(
      List<List<Tokens.Token>> clauses, Map<String, Double> weight, int top) {
    Map<String, Integer> count = new HashMap<>();
    Map<String, Map<String, Integer>> forms = new HashMap<>();
    for (List<Tokens.Token> clause : clauses) {
      for (int i = 0; i < clause.size(); i++) {
        for (int len = 2; len <= 3 && i + len <= clause.size(); len++) {
          List<Tokens.Token> run = clause.subList(i, i + len);
          if (!consecutive(run)) {
            break;
          }
          Set<String> distinct = new HashSet<>();
          run.forEach(t -> distinct.add(t.stem()));
          if (distinct.size() < len) {
            continue;
          }
          String key = String.join(" ", run.stream().map(Tokens.Token::stem).toList());
          String surface = String.join(" ", run.stream().map(Tokens.Token::surface).toList());
          count.merge(key, 1, Integer::sum);
          forms.computeIfAbsent(key, k -> new HashMap<>()).merge(surface, 1, Integer::sum);
        }
      }
    }
    Map<String, Double> score = new HashMap<>();
    for (Map.Entry<String, Integer> e : count.entrySet()) {
      if (e.getValue() < 2) {
        continue;
      }
      String[] stems = e.getKey().split(" ");
      double sum = 0;
      for (String s : stems) {
        sum += weight.getOrDefault(s, 0.0);
      }
      score.put(e.getKey(), e.getValue() * sum / stems.length);
    }
    // A two-word phrase that only ever occurs inside one longer phrase says nothing more.
    Set<String> redundant = new HashSet<>();
    for (String longer : score.keySet()) {
      if (longer.split(" ").length == 3) {
        for (String shorter : score.keySet()) {
          if (!shorter.equals(longer)
              && longer.contains(shorter)
              && count.get(shorter).equals(count.get(longer))) {
            redundant.add(shorter);
          }
        }
      }
    }
    redundant.forEach(score::remove);
    return rank(score, count, key -> best(forms.get(key)), top, 2);
  }

  private static boolean consecutive(List<Tokens.Token> run) {
    for (int i = 1; i < run.size(); i++) {
      if (run.get(i).position() != run.get(i - 1).position() + 1) {
        return false;
      }
    }
    return true;
  }

  private static List<Keyword> rank(
      Map<String, Double> score,
      Map<String, Integer> count,
      java.util.function.Function<String, String> surface,
      int top,
      int minCount) {
    List<String> keys = new ArrayList<>(score.keySet());
    keys.removeIf(k -> count.get(k) < minCount);
    keys.sort(
        Comparator.<String>comparingDouble(score::get)
            .reversed()
            .thenComparing(k -> -count.get(k))
            .thenComparing(k -> k));
    double max = keys.isEmpty() ? 1 : score.get(keys.get(0));
    Map<String, Keyword> out = new LinkedHashMap<>();
    for (String k : keys) {
      if (out.size() >= top) {
        break;
      }
      String term = surface.apply(k);
      out.putIfAbsent(
          term, new Keyword(term, max > 0 ? Corpus.round(score.get(k) / max) : 0, count.get(k)));
    }
    return List.copyOf(out.values());
  }

  private static String best(Map<String, Integer> forms) {
    return forms.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .findFirst()
        .orElseThrow()
        .getKey();
  }
}

package io.idflow.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An extractive summary with TextRank (Mihalcea and Tarau, 2004): the sentences of the running text
 * are the nodes of a graph, two sentences are linked by the content words they share (Lucene stems,
 * normalised by the sentences' lengths), and PageRank finds the sentences the others point to most.
 * The best ones are returned in the order the text has them. Deterministic; thread-safe.
 */
public final class Summarizer {

  /**
   * A sentence of the summary.
   *
   * @param index its position among the text's sentences (0-based)
   * @param text the sentence
   * @param score its TextRank score, three decimals
   */
  public record Ranked(int index, String text, double score) {}

  /**
   * A summary.
   *
   * @param text the chosen sentences joined by spaces
   * @param sentences the chosen sentences, in text order
   * @param total how many sentences the text has
   */
  public record Summary(String text, List<Ranked> sentences, int total) {}

  private static final double DAMPING = 0.85;
  private static final int MAX_ITERATIONS = 200;
  private static final double EPSILON = 1e-6;

  private Summarizer() {}

  /**
   * Summarises Markdown in at most {@code count} sentences of its paragraphs (headings and code are
   * left out; list items count when the text has no paragraph).
   *
   * @throws IllegalArgumentException when count is less than 1
   */
  public static Summary summarize(String markdown, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("sentences must be 1 or more, not " + count);
    }
    MarkdownText md = MarkdownText.parse(markdown);
    List<MarkdownText.Sentence> candidates =
        md.sentences().stream().filter(s -> s.kind() == MarkdownText.Kind.PARAGRAPH).toList();
    if (candidates.isEmpty()) {
      candidates = md.prose();
    }
    int n = candidates.size();
    List<Set<String>> stems = new ArrayList<>();
    for (MarkdownText.Sentence s : candidates) {
      Set<String> set = new HashSet<>();
      Tokens.of(s.text()).forEach(t -> set.add(t.stem()));
      stems.add(set);
    }
    double[][] w = new double[n][n];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i == j || stems.get(i).isEmpty() || stems.get(j).isEmpty()) {
          continue;
        }
        Set<String> common = new HashSet<>(stems.get(i));
        common.retainAll(stems.get(j));
        if (!common.isEmpty()) {
          w[i][j] =
              common.size()
                  / (Math.log(stems.get(i).size() + 1.0) + Math.log(stems.get(j).size() + 1.0));
          out[i] += w[i][j];
        }
      }
    }
    double[] score = new double[n];
    java.util.Arrays.fill(score, 1.0);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] next = new double[n];
      double delta = 0;
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          if (w[j][i] > 0) {
            sum += w[j][i] / out[j] * score[j];
          }
        }
        next[i] = (1 - DAMPING) + DAMPING * sum;
        delta = Math.max(delta, Math.abs(next[i] - score[i]));
      }
      score = next;
      if (delta < EPSILON) {
        break;
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    double[] s = score;
    order.sort(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparing(i -> i));
    List<Integer> chosen = new ArrayList<>(order.subList(0, Math.min(count, n)));
    chosen.sort(Comparator.naturalOrder());
    List<Ranked> ranked = new ArrayList<>();
    for (int i : chosen) {
      MarkdownText.Sentence sentence = candidates.get(i);
      ranked.add(new Ranked(sentence.index(), sentence.text(), Corpus.round(score[i])));
    }
    String text = String.join(" ", ranked.stream().map(Ranked::text).toList());
    return new Summary(text, List.copyOf(ranked), n);
  }
}

package io.idflow.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the draft of a blog post from a document and its {@link Research} without a model: the
 * summary opens it; then one section per topic (the best key phrases, then keywords), each made of
 * the document's own sentences about that topic, in the document's order, each sentence used once;
 * then the keywords and the related documents. The text comes from {@link Templates#DRAFT}, which a
 * project may replace. Thread-safe.
 */
public final class DraftWriter {

  /** How many topic sections a draft has at most. */
  public static final int MAX_SECTIONS = 3;

  /** How many sentences a section takes at most. */
  public static final int SENTENCES_PER_SECTION = 3;

  private final Templates templates;

  /** A writer with these templates. */
  public DraftWriter(Templates templates) {
    this.templates = Objects.requireNonNull(templates, "templates");
  }

  /** The draft's Markdown (without a title line). */
  public String draft(Research research) {
    return templates.render(Templates.DRAFT, scope(research)).strip() + "\n";
  }

  /** The prompt that asks a model for the draft ({@link Templates#DRAFT_PROMPT}). */
  public String prompt(Research research, String style, int targetLength) {
    Map<String, Object> scope = scope(research);
    scope.put("style", style);
    scope.put("targetLength", targetLength);
    scope.put("body", research.body());
    return templates.render(Templates.DRAFT_PROMPT, scope).strip();
  }

  Map<String, Object> scope(Research research) {
    List<MarkdownText.Sentence> sentences = MarkdownText.parse(research.body()).prose();
    List<Set<String>> stems = new ArrayList<>();
    for (MarkdownText.Sentence s : sentences) {
      Set<String> set = new HashSet<>();
      Tokens.of(s.text()).forEach(t -> set.add(t.stem()));
      stems.add(set);
    }
    Set<Integer> used = new HashSet<>();
    String summary = research.summary();
    for (int i = 0; i < sentences.size(); i++) {
      if (!summary.isEmpty() && summary.contains(sentences.get(i).text())) {
        used.add(i);
      }
    }
    List<String> topics = new ArrayList<>(research.phrases());
    topics.addAll(research.keywords());
    List<Map<String, Object>> sections = new ArrayList<>();
    Set<String> coveredStems = new HashSet<>();
    for (String topic : topics) {
      if (sections.size() == MAX_SECTIONS) {
        break;
      }
      Set<String> topicStems = new HashSet<>();
      Tokens.of(topic).forEach(t -> topicStems.add(t.stem()));
      if (topicStems.isEmpty() || coveredStems.containsAll(topicStems)) {
        continue;
      }
      List<String> picked = new ArrayList<>();
      for (int i = 0; i < sentences.size() && picked.size() < SENTENCES_PER_SECTION; i++) {
        if (!used.contains(i) && stems.get(i).containsAll(topicStems)) {
          picked.add(sentences.get(i).text());
          used.add(i);
        }
      }
      if (picked.isEmpty()) {
        continue;
      }
      coveredStems.addAll(topicStems);
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("heading", capitalise(topic));
      section.put("text", String.join(" ", picked));
      sections.add(section);
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("title", research.title());
    scope.put("summary", summary.isEmpty() ? null : summary);
    scope.put("sections", sections);
    scope.put("hasKeywords", !research.keywords().isEmpty());
    scope.put("keywords", String.join(", ", research.keywords()));
    scope.put("hasRelated", !research.related().isEmpty());
    scope.put("related", research.related());
    return scope;
  }

  static String capitalise(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}

package io.idflow.content;

import java.util.List;
import java.util.Objects;

/**
 * What is known about a document when a draft is written: its title and text, and what research
 * found (keywords, key phrases, a summary, related documents). Any of the research may be empty.
 *
 * @param title the document's title
 * @param body the document's Markdown
 * @param keywords keywords, best first
 * @param phrases key phrases, best first
 * @param summary a summary, or empty
 * @param related related documents, closest first
 */
public record Research(
    String title,
    String body,
    List<String> keywords,
    List<String> phrases,
    String summary,
    List<Corpus.Related> related) {

  /** Copies the lists; nulls become empty. */
  public Research {
    Objects.requireNonNull(title, "title");
    body = body == null ? "" : body;
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    phrases = phrases == null ? List.of() : List.copyOf(phrases);
    summary = summary == null ? "" : summary;
    related = related == null ? List.of() : List.copyOf(related);
  }
}

package io.idflow.api.document;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@link DocumentStore#where} selects: filters (all must match), statuses (any; none means
 * every status), and what to do with documents that cannot be read.
 *
 * @param filters conditions that must all hold
 * @param statuses the statuses to include; empty for all
 * @param onCorrupt told about every document that cannot be read (it is skipped); called on the
 *     thread that consumes the stream, in listing order
 */
public record DocumentQuery(
    List<DocumentFilter> filters,
    Set<DocumentStatus> statuses,
    Consumer<DocumentCorruptException> onCorrupt) {

  /** Copies the lists and checks that nothing is null. */
  public DocumentQuery {
    filters = List.copyOf(filters);
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    Objects.requireNonNull(onCorrupt, "onCorrupt");
  }

  /** Every document; unreadable documents are skipped silently. */
  public static DocumentQuery all() {
    return new DocumentQuery(List.of(), Set.of(), e -> {});
  }

  /** This query with these filters instead of its own. */
  public DocumentQuery withFilters(List<DocumentFilter> filters) {
    return new DocumentQuery(filters, statuses, onCorrupt);
  }

  /** This query restricted to these statuses (empty: all). */
  public DocumentQuery withStatuses(Set<DocumentStatus> statuses) {
    return new DocumentQuery(filters, statuses, onCorrupt);
  }

  /** This query reporting unreadable documents to a handler. */
  public DocumentQuery onCorrupt(Consumer<DocumentCorruptException> handler) {
    return new DocumentQuery(filters, statuses, handler);
  }

  /** Whether a document matches the statuses and every filter. */
  public boolean matches(Document doc) {
    if (!statuses.isEmpty() && !statuses.contains(doc.status())) {
      return false;
    }
    for (DocumentFilter f : filters) {
      if (!f.test(doc)) {
        return false;
      }
    }
    return true;
  }
}

package io.idflow.cli.doc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentFilter;
import io.idflow.api.document.DocumentQuery;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.internal.Json;
import io.idflow.api.value.internal.Values;
import io.idflow.cli.OutputMixin;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow doc list}: the documents that match filters, one per line. */
@Command(
    name = "list",
    aliases = "ls",
    description = {
      "List documents, sorted by status (inbox, active, done, blocked, archived), then id.",
      "Prints ids; with one --col that value; with more, one JSON object per line.",
      "Documents that cannot be read are skipped with a warning."
    },
    footerHeading = "%nFilters (--filter PROPERTY=EXPR, all must match):%n",
    footer = {
      "  EXPR is 'exists' (present and not empty), a comparison ==N !=N >N <N",
      "  >=N <=N (numbers, also numbers stored as strings), or a wildcard",
      "  pattern (* ? [seq] [!seq]) that the whole value must match.",
      "  PROPERTY may be a dot path (meta.owner); a list matches when any",
      "  element matches. Special: id, status, body, doc-ref=KEY, file-ref=KEY.",
      "  Examples: --filter 'title=Obs*' --filter 'priority=>0.5'",
      "            --filter meta.owner=alice --filter tags=llm"
    })
public class DocList extends DocStoreCommand {

  private static final int BUFFER = 1 << 16;

  @Option(
      names = "--filter",
      paramLabel = "PROPERTY=EXPR",
      description = "Only documents that match (see below). Repeatable; all must match.")
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--col",
      paramLabel = "NAME",
      description =
          "A column: id, status, body, _doc_path, _doc_refs, _file_refs or a property (dot path)."
              + " Repeatable; default id.")
  List<String> columns = new ArrayList<>();

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      split = ",",
      description = "Only documents with one of these statuses (comma-separated or repeated).")
  List<String> statuses = new ArrayList<>();

  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    List<DocumentFilter> parsed = new ArrayList<>();
    for (String f : filters) {
      try {
        parsed.add(DocumentFilter.parse(f));
      } catch (IllegalArgumentException e) {
        throw IdflowException.usage("--filter " + f + ": " + e.getMessage());
      }
    }
    Set<DocumentStatus> wanted = EnumSet.noneOf(DocumentStatus.class);
    statuses.forEach(s -> wanted.add(status(s)));
    List<String> cols = columns.isEmpty() ? List.of("id") : columns;
    DocumentQuery query =
        DocumentQuery.all()
            .withFilters(parsed)
            .withStatuses(wanted)
            .onCorrupt(e -> warn("skipped " + e.getMessage()));
    long count;
    try (DocumentStore store = openStore();
        Stream<Document> docs = store.where(query)) {
      count = output.json() ? printJson(docs) : printText(docs, cols);
    }
    if (count == 0 && !output.json()) {
      info("No documents found.");
    }
    return ExitCode.OK;
  }

  private long printText(Stream<Document> docs, List<String> cols) {
    long[] n = {0};
    boolean idsOnly = cols.equals(List.of("id"));
    String newline = System.lineSeparator();
    // out() flushes at every println (the process's stdout is line-flushed): a listing of many
    // documents would make one write call per line. Collect the lines, write them in large
    // blocks and flush once at the end.
    PrintWriter lines = new PrintWriter(new BufferedWriter(out(), BUFFER), false);
    docs.forEach(
        doc -> {
          n[0]++;
          if (idsOnly) {
            lines.write(doc.id());
          } else if (cols.size() == 1) {
            Object v = column(doc, cols.get(0), false);
            lines.write(v == null ? "" : Values.display(v));
          } else {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String c : cols) {
              Object v = column(doc, c, false);
              row.put(c, v == null ? "" : v);
            }
            lines.write(Json.compact(row));
          }
          lines.write(newline);
        });
    lines.flush();
    return n[0];
  }

  private long printJson(Stream<Document> docs) {
    long[] n = {0};
    try {
      // The generator buffers, and writes to out() without println: no flush per document.
      JsonGenerator gen = Json.PRETTY.getFactory().createGenerator(out());
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      gen.useDefaultPrettyPrinter();
      gen.writeStartArray();
      docs.forEach(
          doc -> {
            n[0]++;
            Object row;
            if (columns.isEmpty()) {
              row = DocJson.summary(doc);
            } else {
              Map<String, Object> m = new LinkedHashMap<>();
              for (String c : columns) {
                m.put(c, column(doc, c, true));
              }
              row = m;
            }
            try {
              Json.PRETTY.writeValue(gen, row);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      gen.writeEndArray();
      gen.flush();
      out().println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n[0];
  }

  /** A column's value; text mode shortens the body and shows paths relative. */
  private Object column(Document doc, String name, boolean json) {
    return switch (name) {
      case "id" -> doc.id();
      case "status" -> doc.status().folderName();
      case "body" -> json ? doc.body() : shorten(doc.body());
      case "_doc_path" -> doc.path().map(p -> json ? p.toString() : display(p)).orElse(null);
      case "_doc_refs" -> doc.docRefs();
      case "_file_refs" -> doc.fileRefs();
      default -> doc.get(name);
    };
  }

  private static String shorten(String body) {
    return body.length() > 100 ? body.substring(0, 100) + "..." : body;
  }
}

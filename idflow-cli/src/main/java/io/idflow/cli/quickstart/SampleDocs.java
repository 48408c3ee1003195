package io.idflow.cli.quickstart;

import io.idflow.api.IdflowException;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentCorruptException;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.internal.MarkdownCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The documents {@code idflow quickstart} adds: the samples shipped with idflow (written for it,
 * tagged {@code blog_post_ideas}), or the Markdown files of a folder. Everything is read and
 * checked before anything starts, so that a bad file stops the command at once.
 */
final class SampleDocs {

  private static final String SAMPLES = "samples/";

  /** Frontmatter keys that belong to a stored document, not to a file that is added. */
  private static final List<String> IGNORED =
      List.of("id", "_doc_refs", "_file_refs", "_persisted");

  private SampleDocs() {}

  /**
   * A document to add.
   *
   * @param source where it comes from: the sample's name or the file's path
   * @param status its status ({@code inbox} unless the frontmatter says otherwise)
   * @param properties its frontmatter, without the keys of a stored document
   * @param body its Markdown body
   */
  record SampleDoc(
      String source, DocumentStatus status, Map<String, Object> properties, String body) {

    /** Copies the properties. */
    SampleDoc {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(status, "status");
      properties = new LinkedHashMap<>(properties);
    }

    /** The frontmatter's title, else the file name without extension. */
    String title() {
      Object t = properties.get("title");
      if (t != null && !t.toString().isBlank()) {
        return t.toString();
      }
      String name = Path.of(source).getFileName().toString();
      int dot = name.lastIndexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A new document with this content. */
    Document toDocument() {
      Document d = Document.create().setStatus(status);
      properties.forEach(d::put);
      d.setBody(body);
      return d;
    }
  }

  /** The samples shipped with idflow, in the order of their index. */
  static List<SampleDoc> shipped() {
    List<SampleDoc> docs = new ArrayList<>();
    for (String line : resource("index.txt").split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        docs.add(parse(Path.of(name), name, resource(name)));
      }
    }
    return docs;
  }

  private static String resource(String name) {
    try (InputStream in = SampleDocs.class.getResourceAsStream(SAMPLES + name)) {
      if (in == null) {
        throw new IllegalStateException("idflow's sample document " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Markdown files ({@code *.md}, {@code *.markdown}) directly in a folder, by name.
   *
   * @param dir the folder, as given on the command line
   * @param shown how to name it in messages
   * @throws IdflowException exit 2 when the folder does not exist, is not a folder or holds no
   *     Markdown file; exit 5 when a file cannot be read or its frontmatter is invalid
   */
  static List<SampleDoc> fromFolder(Path dir, String shown) {
    if (!Files.exists(dir)) {
      throw IdflowException.usage("--docs " + shown + ": no such folder");
    }
    if (!Files.isDirectory(dir)) {
      throw IdflowException.usage("--docs " + shown + ": not a folder");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(SampleDocs::isMarkdown).filter(p -> !Files.isDirectory(p)).sorted().toList();
    } catch (IOException e) {
      throw IdflowException.invalid("--docs " + shown + ": cannot list the folder: " + e);
    }
    if (files.isEmpty()) {
      throw IdflowException.usage(
          "--docs " + shown + ": no Markdown files (*.md, *.markdown) in the folder");
    }
    List<SampleDoc> docs = new ArrayList<>();
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (CharacterCodingException e) {
        throw IdflowException.invalid("cannot read " + f + ": not UTF-8 text");
      } catch (IOException e) {
        throw IdflowException.invalid(
            "cannot read " + f + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
      docs.add(parse(f, f.toString(), text));
    }
    return docs;
  }

  private static boolean isMarkdown(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return (n.endsWith(".md") || n.endsWith(".markdown")) && !n.startsWith(".");
  }

  private static SampleDoc parse(Path file, String source, String text) {
    MarkdownCodec.Parts parts = MarkdownCodec.split(file, text);
    Map<String, Object> props = new LinkedHashMap<>(parts.frontmatter());
    IGNORED.forEach(props::remove);
    DocumentStatus status = DocumentStatus.INBOX;
    Object s = props.remove("status");
    if (s != null) {
      try {
        status = DocumentStatus.of(s.toString());
      } catch (IllegalArgumentException e) {
        throw new DocumentCorruptException(file, e.getMessage());
      }
    }
    if (parts.body().isBlank() && props.isEmpty()) {
      throw new DocumentCorruptException(file, "the file is empty");
    }
    return new SampleDoc(source, status, props, parts.body());
  }
}

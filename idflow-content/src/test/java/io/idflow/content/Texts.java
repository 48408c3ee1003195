package io.idflow.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The texts written for these tests ({@code src/test/resources/texts/}). */
final class Texts {

  static final List<String> NAMES =
      List.of("composting", "city-compost", "sourdough", "workflow-engines", "local-conductor");

  private Texts() {}

  static String read(String name) {
    try (InputStream in = Texts.class.getResourceAsStream("/texts/" + name + ".md")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The corpus of all five texts, each with its name as id and its heading as title. */
  static Corpus corpus() {
    List<Corpus.Entry> entries = new ArrayList<>();
    for (String name : NAMES) {
      MarkdownText md = MarkdownText.parse(read(name));
      entries.add(new Corpus.Entry(name, md.firstHeading().orElseThrow(), md.text()));
    }
    return Corpus.of(entries);
  }
}

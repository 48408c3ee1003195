package io.idflow.content;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Standard readability scores of a text's running prose (paragraphs and list items; headings and
 * code left out): Flesch reading ease, Flesch-Kincaid grade level, and the reading time at a given
 * speed. Syllables are counted with the usual vowel-group rule (silent final "e", "-es", "-ed"),
 * which is what most readability tools do without a pronunciation dictionary. Thread-safe.
 *
 * @param words the number of words
 * @param sentences the number of sentences
 * @param syllables the number of syllables
 * @param fleschReadingEase 206.835 - 1.015 (words/sentences) - 84.6 (syllables/words), one decimal
 * @param fleschKincaidGrade 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59, one decimal
 * @param readingMinutes words divided by the reading speed, rounded up (0 for no words)
 * @param level how hard the text reads, from the reading ease ("very easy" ... "very difficult")
 */
public record Readability(
    int words,
    int sentences,
    int syllables,
    double fleschReadingEase,
    double fleschKincaidGrade,
    int readingMinutes,
    String level) {

  /** The reading speed the tasks assume by default: 200 words a minute. */
  public static final int DEFAULT_WORDS_PER_MINUTE = 200;

  private static final Pattern WORD = Pattern.compile("[\\p{L}]+(?:['’][\\p{L}]+)*");
  private static final Pattern VOWELS = Pattern.compile("[aeiouy]+");

  /**
   * Scores Markdown.
   *
   * @param markdown the text
   * @param wordsPerMinute the reading speed
   * @throws IllegalArgumentException when the speed is less than 1
   */
  public static Readability of(String markdown, int wordsPerMinute) {
    if (wordsPerMinute < 1) {
      throw new IllegalArgumentException(
          "words per minute must be 1 or more, not " + wordsPerMinute);
    }
    int words = 0;
    int sentences = 0;
    int syllables = 0;
    for (MarkdownText.Sentence s : MarkdownText.parse(markdown).prose()) {
      Matcher m = WORD.matcher(s.text());
      int before = words;
      while (m.find()) {
        words++;
        syllables += syllables(m.group());
      }
      if (words > before) {
        sentences++;
      }
    }
    if (words == 0) {
      return new Readability(0, 0, 0, 0, 0, 0, "empty");
    }
    double wps = (double) words / sentences;
    double spw = (double) syllables / words;
    double ease = round1(206.835 - 1.015 * wps - 84.6 * spw);
    double grade = round1(0.39 * wps + 11.8 * spw - 15.59);
    int minutes = (int) Math.ceil((double) words / wordsPerMinute);
    return new Readability(words, sentences, syllables, ease, grade, minutes, level(ease));
  }

  /** The syllables of one word by the vowel-group rule (at least 1). */
  public static int syllables(String word) {
    String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (w.isEmpty()) {
      return 1;
    }
    if (w.length() <= 3) {
      return 1;
    }
    w = w.replaceAll("(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "");
    w = w.replaceFirst("^y", "");
    Matcher m = VOWELS.matcher(w);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return Math.max(1, n);
  }

  /** Flesch's own bands of the reading ease. */
  static String level(double ease) {
    if (ease >= 90) {
      return "very easy";
    } else if (ease >= 80) {
      return "easy";
    } else if (ease >= 70) {
      return "fairly easy";
    } else if (ease >= 60) {
      return "standard";
    } else if (ease >= 50) {
      return "fairly difficult";
    } else if (ease >= 30) {
      return "difficult";
    }
    return "very difficult";
  }

  private static double round1(double v) {
    return Math.round(v * 10.0) / 10.0;
  }
}

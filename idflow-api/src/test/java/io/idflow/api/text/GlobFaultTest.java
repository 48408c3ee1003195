package io.idflow.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault suite, issue 10 item 1: matching must stay linear in the text however many stars the
 * pattern has. The text counts how often it is read and refuses to be read more than a budget
 * proportional to its length times the pattern's, so a backtracking matcher fails at once instead
 * of running for minutes.
 */
@Tag("fault")
class GlobFaultTest {

  /** A text that fails the test when it is read more than {@code budget} characters in all. */
  private static final class CountingText implements CharSequence {
    private final String text;
    private final long budget;
    private long reads;

    CountingText(String text, long budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (++reads > budget) {
        throw new AssertionError("more than " + budget + " character reads: matching backtracks");
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new CountingText(text.substring(start, end), budget - reads);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static boolean matchesWithinBudget(String pattern, String text) {
    long budget = 4L * (text.length() + 1) * (pattern.length() + 1);
    return Glob.of(pattern).matches(new CountingText(text, budget));
  }

  @Test
  void manyStarsBeforeAMissingCharacterDoNotBacktrack() {
    String fortyAs = "a".repeat(40);
    assertThat(matchesWithinBudget("**********b", fortyAs)).isFalse();
    assertThat(matchesWithinBudget("*a*a*a*a*a*a*a*a*b", fortyAs)).isFalse();
    assertThat(matchesWithinBudget("*a*a*a*a*a*a*a*a*b", "a".repeat(10_000))).isFalse();
    assertThat(matchesWithinBudget("*?*?*?*?*?*?*[b]", fortyAs)).isFalse();
  }

  @Test
  void manyStarsStillMatchWhatTheyShould() {
    assertThat(matchesWithinBudget("**********b", "a".repeat(40) + "b")).isTrue();
    assertThat(matchesWithinBudget("*a*a*a*a*a*a*a*a*b", "a".repeat(40) + "b")).isTrue();
    assertThat(matchesWithinBudget("*a*a*b", "xaxayb")).isTrue();
    assertThat(matchesWithinBudget("*a*a*b", "xaxyb")).isFalse();
    assertThat(matchesWithinBudget("a*[!x]?c*", "abyzc")).isTrue();
    assertThat(matchesWithinBudget("a*b*c", "abcabc")).isTrue();
    assertThat(matchesWithinBudget("a*b*c", "abcab")).isFalse();
    assertThat(matchesWithinBudget("*ab*ab", "abab")).isTrue();
    assertThat(matchesWithinBudget("*ab*ab", "aab")).isFalse();
    assertThat(matchesWithinBudget("?*?", "a")).isFalse();
    assertThat(matchesWithinBudget("?*?", "ab")).isTrue();
  }

  @Test
  void shellRulesHold() {
    assertThat(Glob.of("[a-c]x").matches("bx")).isTrue();
    assertThat(Glob.of("[!a-c]x").matches("bx")).isFalse();
    assertThat(Glob.of("[]]x").matches("]x")).isTrue();
    assertThat(Glob.of("[!]]x").matches("ax")).isTrue();
    assertThat(Glob.of("[a-]").matches("-")).isTrue();
    assertThat(Glob.of("[!-a]").matches("-")).isFalse();
    assertThat(Glob.of("[z-a]x").matches("zx")).as("a reversed range matches nothing").isFalse();
    assertThat(Glob.of("a[b").matches("a[b")).isTrue();
    assertThat(Glob.of("a\\*").matches("a\\bc")).as("a backslash is literal").isTrue();
    assertThat(Glob.of("?").matches("\uD83D\uDE00")).as("? is one code point").isTrue();
    assertThat(Glob.of("*").matches("multi\nline")).isTrue();
    assertThat(Glob.of("").matches("")).isTrue();
    assertThat(Glob.of("").matches("x")).isFalse();
  }
}

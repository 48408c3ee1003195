package io.idflow.api.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentFilterTest {

  private static boolean matches(String filter, String key, Object value) {
    return DocumentFilter.parse(filter).test(Document.create().put(key, value));
  }

  @Test
  void globsFollowShellRules() {
    assertThat(matches("t=a*c", "t", "abbc")).isTrue();
    assertThat(matches("t=a?c", "t", "abc")).isTrue();
    assertThat(matches("t=a?c", "t", "abbc")).isFalse();
    assertThat(matches("t=[a-c]x", "t", "bx")).isTrue();
    assertThat(matches("t=[a-c]x", "t", "dx")).isFalse();
    assertThat(matches("t=[!a-c]x", "t", "dx")).isTrue();
    assertThat(matches("t=[]]x", "t", "]x")).isTrue();
    assertThat(matches("t=a[b", "t", "a[b")).as("an unclosed [ is literal").isTrue();
    assertThat(matches("t=a.c", "t", "abc")).as("regex characters are literal").isFalse();
    assertThat(matches("t=*", "t", "multi\nline")).isTrue();
    assertThat(matches("t=*mid*", "t", "a mid b")).isTrue();
    assertThat(matches("t=end", "t", "the end")).isFalse();
  }

  @Test
  void globsSeeNumbersAndBooleansAsText() {
    assertThat(matches("n=4*", "n", 42)).isTrue();
    assertThat(matches("n=true", "n", true)).isTrue();
    assertThat(matches("n=0.5", "n", 0.5)).isTrue();
    assertThat(matches("n=*", "n", Map.of("a", 1))).as("maps never match").isFalse();
    assertThat(matches("n=*", "n", null)).as("null never matches").isFalse();
  }

  @Test
  void numericComparisons() {
    assertThat(matches("n=>1e3", "n", 1001)).isTrue();
    assertThat(matches("n=<-2", "n", "-3")).isTrue();
    assertThat(matches("n=>=.5", "n", " 0.5 ")).isTrue();
    assertThat(matches("n===2", "n", 2.0)).isTrue();
    assertThat(matches("n=!=2", "n", 3)).isTrue();
    assertThat(matches("n=>1", "n", true)).as("booleans are not numbers").isFalse();
    assertThat(matches("n=>1", "n", "0x10")).isFalse();
    assertThat(matches("n=> 1", "n", 2)).as("blanks after the operator").isTrue();
    assertThatThrownBy(() -> DocumentFilter.parse("n=>"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DocumentFilter.parse("n=>1.2.3"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsMatchWhenAnyElementMatches() {
    assertThat(matches("t=b*", "t", List.of("a", "bc"))).isTrue();
    assertThat(matches("t=>5", "t", List.of(1, "7"))).isTrue();
    assertThat(matches("t=z", "t", List.of("a", "b"))).isFalse();
    assertThat(matches("t=exists", "t", List.of())).isFalse();
  }

  @Test
  void existsMeansPresentAndNotEmpty() {
    assertThat(matches("t=exists", "t", "x")).isTrue();
    assertThat(matches("t=exists", "t", 0)).isTrue();
    assertThat(matches("t=exists", "t", "")).isFalse();
    assertThat(matches("t=exists", "t", false)).isFalse();
    assertThat(matches("t=exists", "t", Map.of())).isFalse();
    assertThat(matches("other=exists", "t", "x")).isFalse();
  }

  @Test
  void aTopLevelKeyWithADotWinsOverTheDotPath() {
    Document doc = Document.create().put("meta.owner", "flat").putPath("meta.owner", "nested");
    assertThat(DocumentFilter.parse("meta.owner=flat").test(doc)).isTrue();
    Document nested = Document.create().putPath("meta.owner", "nested");
    assertThat(DocumentFilter.parse("meta.owner=nested").test(nested)).isTrue();
  }

  @Test
  void malformedFilters() {
    assertThatThrownBy(() -> DocumentFilter.parse("noequals"))
        .hasMessage("a filter is PROPERTY=EXPR, not: noequals");
    assertThatThrownBy(() -> DocumentFilter.parse("=x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DocumentFilter.parse(" a = 'b=c' ").expression()).isEqualTo("b=c");
  }
}

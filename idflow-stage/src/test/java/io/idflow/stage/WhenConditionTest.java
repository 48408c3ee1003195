package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenConditionTest {

  @Test
  void missingBlankAndTrueMeanAlways() {
    assertThat(WhenCondition.of(null)).isSameAs(WhenCondition.ALWAYS);
    assertThat(WhenCondition.of("")).isSameAs(WhenCondition.ALWAYS);
    assertThat(WhenCondition.of("  \n")).isSameAs(WhenCondition.ALWAYS);
    assertThat(WhenCondition.of(" true ")).isSameAs(WhenCondition.ALWAYS);
    assertThat(WhenCondition.ALWAYS.isAlways()).isTrue();
    assertThat(WhenCondition.ALWAYS).hasToString("true");
  }

  @Test
  void anExpressionIsKeptStripped() {
    WhenCondition when = WhenCondition.of("  doc.priority > 3\n");
    assertThat(when.isAlways()).isFalse();
    assertThat(when.expression()).isEqualTo("doc.priority > 3");
    assertThat(when)
        .hasToString("doc.priority > 3")
        .isEqualTo(new WhenCondition("doc.priority > 3"));
  }

  @Test
  void falseIsAnExpressionLikeAnyOther() {
    assertThat(WhenCondition.of("false").isAlways()).isFalse();
  }
}

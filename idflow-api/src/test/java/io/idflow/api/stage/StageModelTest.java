package io.idflow.api.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.document.StageStatus;
import io.idflow.api.resource.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageModelTest {

  @Test
  void requirementsAreKeptInEvaluationOrder() {
    Requirements r =
        Requirements.of(
            new Requirement.Tasks(List.of("t")),
            new Requirement.ListCheck("tags", ListOperator.HAS, "x"),
            new Requirement.AttributeCheck("b", AttributeOperator.EQ, 2),
            new Requirement.Stages(Map.of("s", StageStatus.DONE)),
            new Requirement.AttributeCheck("a", AttributeOperator.EQ, 1),
            Requirement.FilePresence.atLeastOne("f"),
            new Requirement.Extras(List.of("e")));

    assertThat(r.all())
        .extracting(Requirement::kind)
        .containsExactly(
            Requirement.Kind.EXTRAS,
            Requirement.Kind.FILE_PRESENCE,
            Requirement.Kind.STAGES,
            Requirement.Kind.ATTRIBUTE_CHECK,
            Requirement.Kind.ATTRIBUTE_CHECK,
            Requirement.Kind.LIST_CHECK,
            Requirement.Kind.TASKS);
    // Checks of one kind keep their order.
    assertThat(r.attributeChecks())
        .extracting(Requirement.AttributeCheck::attribute)
        .containsExactly("b", "a");
    assertThat(r.summary())
        .isEqualTo("extras e; file f >= 1; stage s done; b EQ 2; a EQ 1; tags HAS x; tasks t");
  }

  @Test
  void singleGroupsMayOccurOnlyOnce() {
    assertThatThrownBy(
            () ->
                Requirements.of(
                    new Requirement.Extras(List.of("a")), new Requirement.Extras(List.of("b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("all: extras may be given only once");
  }

  @Test
  void summariesQuoteValuesThatWouldReadAsSomethingElse() {
    assertThat(new Requirement.AttributeCheck("p", AttributeOperator.EQ, "3").summary())
        .isEqualTo("p EQ \"3\"");
    assertThat(new Requirement.AttributeCheck("p", AttributeOperator.EQ, 3).summary())
        .isEqualTo("p EQ 3");
    assertThat(new Requirement.AttributeCheck("p", AttributeOperator.EQ, "two words").summary())
        .isEqualTo("p EQ \"two words\"");
    assertThat(new Requirement.AttributeCheck("p", AttributeOperator.IS, true).summary())
        .isEqualTo("p IS true");
    assertThat(new Requirement.AttributeCheck("p", AttributeOperator.EQ, "").summary())
        .isEqualTo("p EQ \"\"");
    assertThat(new Requirement.ListCheck("t", ListOperator.NOT_HAS, List.of(1)).summary())
        .isEqualTo("t NOT_HAS [1]");
    assertThat(
            new Requirement.AttributeCheck("title", AttributeOperator.REGEX, "^a.*b$", false)
                .summary())
        .isEqualTo("title REGEX ^a.*b$ (any case)");
  }

  @Test
  void operatorsParseInAnyCaseAndNameTheChoicesWhenUnknown() {
    assertThat(AttributeOperator.of(" not_regex ")).isEqualTo(AttributeOperator.NOT_REGEX);
    assertThat(ListOperator.of("Not_Includes")).isEqualTo(ListOperator.NOT_INCLUDES);
    assertThat(ListOperator.NOT_INCLUDES.negated()).isTrue();
    assertThat(ListOperator.CONTAINS.negated()).isFalse();
    assertThat(CountOperator.of("!=")).isEqualTo(CountOperator.NE);
    assertThatThrownBy(() -> AttributeOperator.of("LIKE"))
        .hasMessage(
            "unknown operator 'LIKE' (one of EQ, NE, GT, LT, GTE, LTE, IS, IS_NOT, CP, NP, REGEX,"
                + " NOT_REGEX)");
    assertThatThrownBy(() -> CountOperator.of("=>"))
        .hasMessage("unknown operator '=>' (one of >=, ==, >, <=, <, !=)");
  }

  @Test
  void countOperatorsCompare() {
    assertThat(CountOperator.GE.test(1, 1)).isTrue();
    assertThat(CountOperator.GT.test(1, 1)).isFalse();
    assertThat(CountOperator.EQ.test(2, 2)).isTrue();
    assertThat(CountOperator.NE.test(2, 2)).isFalse();
    assertThat(CountOperator.LE.test(0, 1)).isTrue();
    assertThat(CountOperator.LT.test(1, 1)).isFalse();
  }

  @Test
  void recordsNameTheFieldTheyReject() {
    assertThatThrownBy(() -> new Requirement.AttributeCheck(" ", AttributeOperator.EQ, 1))
        .hasMessage("attribute must not be blank");
    assertThatThrownBy(() -> new Requirement.ListCheck("t", null, 1)).hasMessage("operator");
    assertThatThrownBy(() -> new Requirement.FilePresence("f", -1, CountOperator.GE))
        .hasMessage("count must be 0 or more, not -1");
    assertThatThrownBy(() -> new Requirement.Extras(List.of("a", "")))
        .hasMessage("names[1] must not be blank");
    assertThatThrownBy(
            () -> new Requirement.AttributeCheck("p", AttributeOperator.EQ, new Object()))
        .hasMessageStartingWith("value: values of type java.lang.Object cannot be stored");
    assertThatThrownBy(() -> new StageWorkflow("w", 0, null, null))
        .hasMessage("version must be 1 or more, not 0");
    assertThatThrownBy(() -> new StageWorkflow("", null, null, null))
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> StageDefinition.builder("has space").build())
        .hasMessageStartingWith("invalid stage name 'has space'");
    assertThatThrownBy(
            () ->
                StageDefinition.builder("s")
                    .workflows(StageWorkflow.named("a"), StageWorkflow.named("a"))
                    .build())
        .hasMessage("workflows: 'a' is listed more than once");
  }

  @Test
  void valuesAreImmutableCopies() {
    List<Object> list = new ArrayList<>(List.of("a"));
    Requirement.ListCheck check = new Requirement.ListCheck("t", ListOperator.HAS, list);
    list.add("b");
    assertThat(check.value()).isEqualTo(List.of("a"));

    Map<String, Object> inputs = new LinkedHashMap<>(Map.of("k", 1L));
    StageWorkflow w = new StageWorkflow("w", null, null, inputs);
    inputs.put("other", 2);
    assertThat(w.inputs()).isEqualTo(Map.of("k", 1));
    assertThatThrownBy(() -> w.inputs().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theBuilderStartsAtTheYamlDefaults() {
    StageDefinition d = StageDefinition.builder("s").build();
    assertThat(d.active()).isTrue();
    assertThat(d.multipleCallable()).isFalse();
    assertThat(d.noEval()).isFalse();
    assertThat(d.workflows()).isEmpty();
    assertThat(d.requirements().isEmpty()).isTrue();
    assertThat(d.sources()).isEmpty();
    assertThat(d.effectiveSource()).isEmpty();
    assertThat(d.origin()).isEqualTo(Origin.CUSTOM);
    assertThat(StageWorkflow.named("w").conditional()).isFalse();
  }
}

package io.idflow.stage;

import static io.idflow.api.stage.AttributeOperator.CP;
import static io.idflow.api.stage.AttributeOperator.EQ;
import static io.idflow.api.stage.AttributeOperator.GT;
import static io.idflow.api.stage.AttributeOperator.GTE;
import static io.idflow.api.stage.AttributeOperator.IS;
import static io.idflow.api.stage.AttributeOperator.IS_NOT;
import static io.idflow.api.stage.AttributeOperator.LT;
import static io.idflow.api.stage.AttributeOperator.LTE;
import static io.idflow.api.stage.AttributeOperator.NE;
import static io.idflow.api.stage.AttributeOperator.NOT_REGEX;
import static io.idflow.api.stage.AttributeOperator.NP;
import static io.idflow.api.stage.AttributeOperator.REGEX;
import static io.idflow.api.stage.ListOperator.CONTAINS;
import static io.idflow.api.stage.ListOperator.HAS;
import static io.idflow.api.stage.ListOperator.INCLUDES;
import static io.idflow.api.stage.ListOperator.NOT_CONTAINS;
import static io.idflow.api.stage.ListOperator.NOT_HAS;
import static io.idflow.api.stage.ListOperator.NOT_INCLUDES;
import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.document.Document;
import io.idflow.api.document.FileRef;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.api.stage.AttributeOperator;
import io.idflow.api.stage.CountOperator;
import io.idflow.api.stage.ListOperator;
import io.idflow.api.stage.Requirement;
import io.idflow.api.stage.Requirements;
import io.idflow.api.stage.StageDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequirementCheckerTest {

  private static final String ID = "doc-1";

  private static final Predicate<String> EXTRAS =
      name -> {
        if (name.equals("boom")) {
          throw new IllegalStateException("extras.d is unreadable");
        }
        return name.equals("research") || name.equals("pdf");
      };

  private final RequirementChecker checker = new RequirementChecker(EXTRAS);

  /** The one document every row is checked against. */
  static Document document() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("title", "Observability with OpenTelemetry");
    props.put("priority", 5);
    props.put("score", "0.8");
    props.put("ratio", 0.5);
    props.put("count_text", "10");
    props.put("code", "007");
    props.put("label", "abc");
    props.put("done", true);
    props.put("done_text", "true");
    props.put("nothing", null);
    props.put("tags", List.of("blog_post_ideas", "LLM", 3));
    props.put("numbers", List.of(1, 2.5));
    props.put("meta", Map.of("owner", "alice", "nested", Map.of("level", 3)));
    return Document.builder(ID)
        .properties(props)
        .body("Hello World\nsecond line")
        .fileRefs(
            List.of(
                new FileRef("upload_file", "a.pdf", "f1", Map.of()),
                new FileRef("upload_file", "b.pdf", "f2", Map.of()),
                new FileRef("other", "c.txt", "f3", Map.of())))
        .stages(
            List.of(
                stage("research", 1, StageStatus.DONE),
                stage("research", 2, StageStatus.ACTIVE),
                stage("review", 1, StageStatus.SCHEDULED)))
        .build();
  }

  private static StageInstance stage(String name, int counter, StageStatus status) {
    return StageInstance.builder(name, counter).parentId(ID).status(status).build();
  }

  private static Requirement attr(String attribute, AttributeOperator op, Object value) {
    return new Requirement.AttributeCheck(attribute, op, value);
  }

  private static Requirement attrAnyCase(String attribute, AttributeOperator op, Object value) {
    return new Requirement.AttributeCheck(attribute, op, value, false);
  }

  private static Requirement list(String attribute, ListOperator op, Object value) {
    return new Requirement.ListCheck(attribute, op, value);
  }

  private static Requirement listAnyCase(String attribute, ListOperator op, Object value) {
    return new Requirement.ListCheck(attribute, op, value, false);
  }

  private static Requirement files(String key, int count, CountOperator op) {
    return new Requirement.FilePresence(key, count, op);
  }

  private static Requirement stages(Object... nameStatus) {
    Map<String, StageStatus> m = new LinkedHashMap<>();
    for (int i = 0; i < nameStatus.length; i += 2) {
      m.put((String) nameStatus[i], (StageStatus) nameStatus[i + 1]);
    }
    return new Requirement.Stages(m);
  }

  private static Requirement extras(String... names) {
    return new Requirement.Extras(Arrays.asList(names));
  }

  private static Arguments met(Requirement r) {
    return Arguments.of(r.kind().label() + " " + r.summary(), r, true);
  }

  private static Arguments notMet(Requirement r) {
    return Arguments.of(r.kind().label() + " " + r.summary(), r, false);
  }

  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    // EQ / NE: numbers, numeric strings, text, booleans, lists, dot paths, own fields.
    rows.addAll(
        List.of(
            met(attr("priority", EQ, 5)),
            met(attr("priority", EQ, 5.0)),
            met(attr("priority", EQ, "5")),
            notMet(attr("priority", EQ, "five")),
            notMet(attr("priority", NE, "five")),
            met(attr("priority", NE, 4)),
            notMet(attr("priority", NE, 5)),
            met(attr("score", EQ, 0.8)),
            notMet(attr("score", EQ, "0.80")),
            met(attr("code", EQ, "007")),
            met(attr("code", EQ, 7)),
            notMet(attr("code", EQ, "7")),
            notMet(attr("title", EQ, "observability with opentelemetry")),
            met(attrAnyCase("title", EQ, "observability with OPENTELEMETRY")),
            met(attr("label", NE, "ABC")),
            notMet(attrAnyCase("label", NE, "ABC")),
            met(attr("done", EQ, true)),
            met(attr("done_text", EQ, true)),
            met(attr("done", EQ, "TRUE")),
            notMet(attr("done", EQ, 1)),
            notMet(attr("done", NE, 1)),
            notMet(attr("missing", EQ, "x")),
            notMet(attr("missing", NE, "x")),
            notMet(attr("nothing", EQ, null)),
            met(attr("meta.owner", EQ, "alice")),
            met(attr("meta.nested.level", GTE, 3)),
            notMet(attr("meta.nope.level", EQ, 3)),
            notMet(attr("meta.owner.deeper", EQ, "alice")),
            met(attr("tags", EQ, List.of("blog_post_ideas", "LLM", 3))),
            met(attr("tags", NE, List.of("LLM"))),
            met(attr("id", EQ, ID)),
            met(attr("status", EQ, "inbox")),
            met(attrAnyCase("status", EQ, "INBOX")),
            met(attr("body", EQ, "Hello World\nsecond line"))));
    // GT / LT / GTE / LTE.
    rows.addAll(
        List.of(
            met(attr("priority", GT, 3)),
            notMet(attr("priority", GT, 5)),
            met(attr("priority", GTE, 5)),
            met(attr("priority", LT, 10)),
            notMet(attr("priority", LTE, 4)),
            met(attr("priority", GT, "3")),
            notMet(attr("priority", GT, "abc")),
            notMet(attr("priority", LT, "abc")),
            met(attr("score", GT, 0.5)),
            met(attr("score", LT, "0.9")),
            met(attr("count_text", GT, "9")),
            met(attr("label", GT, "abb")),
            met(attr("label", LT, "abd")),
            notMet(attr("label", GT, 3)),
            met(attr("ratio", LTE, 0.5)),
            notMet(attr("ratio", LT, 0.5)),
            met(attr("label", GT, "ABC")),
            notMet(attrAnyCase("label", GT, "ABC")),
            met(attrAnyCase("label", GTE, "ABC")),
            met(attr("done", GT, false)),
            notMet(attr("tags", GT, 1)),
            notMet(attr("missing", LT, 1)),
            notMet(attr("nothing", GTE, 0))));
    // IS / IS_NOT: null and booleans, no conversion.
    rows.addAll(
        List.of(
            met(attr("nothing", IS, null)),
            met(attr("missing", IS, null)),
            notMet(attr("priority", IS, null)),
            notMet(attr("nothing", IS_NOT, null)),
            met(attr("priority", IS_NOT, null)),
            met(attr("done", IS, true)),
            notMet(attr("done_text", IS, true)),
            met(attr("done", IS_NOT, false)),
            met(attr("missing", IS_NOT, true)),
            met(attrAnyCase("label", IS, "ABC"))));
    // CP / NP: whole-string shell glob.
    rows.addAll(
        List.of(
            met(attr("title", CP, "Observ*")),
            notMet(attr("title", CP, "observ*")),
            met(attrAnyCase("title", CP, "observ*")),
            met(attr("title", CP, "*Telemetry")),
            notMet(attr("title", CP, "Telemetry")),
            met(attr("title", CP, "*Tele*")),
            met(attr("title", CP, "Observability with OpenTelemetr?")),
            met(attr("label", CP, "[a-c]bc")),
            notMet(attr("label", CP, "[!a]bc")),
            notMet(attr("label", CP, "[z-a]")),
            met(attr("label", NP, "[z-a]")),
            notMet(attr("priority", CP, "5")),
            met(attr("priority", NP, "5")),
            notMet(attr("label", CP, 5)),
            met(attr("label", NP, 5)),
            notMet(attr("missing", CP, "*")),
            met(attr("missing", NP, "*")),
            notMet(attr("title", NP, "*Tele*")),
            met(attr("title", NP, "blog*")),
            met(attr("meta.owner", CP, "al*")),
            met(attr("id", CP, "doc-?"))));
    // REGEX / NOT_REGEX: search anywhere.
    rows.addAll(
        List.of(
            met(attr("title", REGEX, "Tele")),
            notMet(attr("title", REGEX, "^Tele")),
            notMet(attr("title", REGEX, "tele")),
            met(attrAnyCase("title", REGEX, "TELE")),
            notMet(attr("title", REGEX, "(")),
            met(attr("title", NOT_REGEX, "(")),
            notMet(attr("priority", REGEX, "5")),
            met(attr("priority", NOT_REGEX, "5")),
            notMet(attr("missing", REGEX, ".*")),
            met(attr("missing", NOT_REGEX, "x")),
            notMet(attr("title", NOT_REGEX, "Tele")),
            met(attr("title", NOT_REGEX, "^Tele")),
            // Case-insensitive does not lower-case the pattern: \D stays "not a digit".
            met(attrAnyCase("label", REGEX, "^\\D+$")),
            met(attr("body", REGEX, "(?m)^second")),
            notMet(attr("body", REGEX, "^second"))));
    // List checks.
    rows.addAll(
        List.of(
            met(list("tags", HAS, "blog_post_ideas")),
            notMet(list("tags", HAS, "llm")),
            met(listAnyCase("tags", HAS, "llm")),
            met(listAnyCase("tags", INCLUDES, "BLOG_POST_IDEAS")),
            met(list("tags", CONTAINS, 3)),
            met(list("tags", INCLUDES, "3")),
            met(list("numbers", HAS, "2.5")),
            met(list("numbers", HAS, 1.0)),
            notMet(list("numbers", HAS, 3)),
            met(list("tags", NOT_HAS, "foo")),
            notMet(list("tags", NOT_CONTAINS, "blog_post_ideas")),
            notMet(list("tags", NOT_INCLUDES, "LLM")),
            met(list("tags", NOT_HAS, "llm")),
            notMet(listAnyCase("tags", NOT_HAS, "llm")),
            notMet(list("label", HAS, "abc")),
            notMet(list("label", NOT_HAS, "x")),
            notMet(list("missing", HAS, "x")),
            notMet(list("missing", NOT_HAS, "x")),
            notMet(list("nothing", NOT_HAS, "x"))));
    // File presence.
    rows.addAll(
        List.of(
            met(Requirement.FilePresence.atLeastOne("upload_file")),
            met(files("upload_file", 2, CountOperator.EQ)),
            notMet(files("upload_file", 2, CountOperator.GT)),
            met(files("upload_file", 3, CountOperator.LT)),
            notMet(files("upload_file", 1, CountOperator.LE)),
            notMet(files("upload_file", 2, CountOperator.NE)),
            met(files("other", 1, CountOperator.EQ)),
            notMet(Requirement.FilePresence.atLeastOne("missing_key")),
            met(files("missing_key", 0, CountOperator.EQ)),
            met(files("missing_key", 0, CountOperator.GE))));
    // Stages: any instance with exactly that status.
    rows.addAll(
        List.of(
            met(stages("research", StageStatus.DONE)),
            met(stages("research", StageStatus.ACTIVE)),
            notMet(stages("research", StageStatus.SCHEDULED)),
            met(stages("review", StageStatus.SCHEDULED)),
            notMet(stages("review", StageStatus.DONE)),
            notMet(stages("absent", StageStatus.DONE)),
            met(stages("research", StageStatus.DONE, "review", StageStatus.SCHEDULED)),
            notMet(stages("research", StageStatus.DONE, "review", StageStatus.DONE)),
            met(new Requirement.Stages(Map.of()))));
    // Extras, through the injected predicate; tasks never fail.
    rows.addAll(
        List.of(
            met(extras("research")),
            met(extras("research", "pdf")),
            notMet(extras("research", "ocr")),
            met(extras()),
            notMet(extras("boom")),
            met(new Requirement.Tasks(List.of("prepare_stage_subworkflows")))));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("table")
  void everyOperatorAndKind(String label, Requirement requirement, boolean met) {
    Document doc = document();

    RequirementResult one = checker.check(doc, requirement);
    RequirementResult all = checker.check(doc, Requirements.of(requirement));

    assertThat(one.met()).as(one.toString()).isEqualTo(met);
    assertThat(all).isEqualTo(one);
    if (!met) {
      assertThat(one.failed()).isEqualTo(requirement);
      assertThat(one.reason()).isNotBlank().doesNotContain("\n");
    }
  }

  @Test
  void aNoEvalStageIsNeverMet() {
    StageDefinition stage = StageDefinition.builder("core").noEval(true).build();

    RequirementResult result = checker.check(document(), stage);

    assertThat(result.met()).isFalse();
    assertThat(result.failed()).isNull();
    assertThat(result.failedKind()).isEmpty();
    assertThat(result.reason()).isEqualTo("no_eval: the stage is never evaluated");
  }

  @Test
  void aStageWithoutRequirementsIsMet() {
    assertThat(checker.check(document(), StageDefinition.builder("s").build()))
        .isSameAs(RequirementResult.MET);
    assertThat(RequirementResult.MET.toString()).isEqualTo("met");
  }

  @Test
  void theFirstFailingGroupInEvaluationOrderIsReported() {
    StageDefinition stage =
        StageDefinition.builder("s")
            .requirements(
                list("tags", HAS, "nope"),
                attr("priority", GT, 100),
                stages("review", StageStatus.DONE),
                Requirement.FilePresence.atLeastOne("upload_file"),
                extras("research"))
            .build();

    RequirementResult result = checker.check(document(), stage);

    assertThat(result.failedKind()).contains(Requirement.Kind.STAGES);
    assertThat(result.reason()).isEqualTo("stage review done: no instance is done (1: scheduled)");
  }

  @Test
  void reasonsSayWhichCheckFailedAndWhy() {
    Document doc = document();
    assertThat(checker.check(doc, list("tags", HAS, "nope")).reason())
        .isEqualTo("list check tags HAS nope: not met (tags is [blog_post_ideas, LLM, 3])");
    assertThat(checker.check(doc, list("label", HAS, "abc")).reason())
        .isEqualTo("list check label HAS abc: label is not a list ('abc')");
    assertThat(checker.check(doc, attr("priority", GT, "abc")).reason())
        .isEqualTo("attribute check priority GT abc: 5 and 'abc' cannot be compared");
    assertThat(checker.check(doc, attr("missing", EQ, 1)).reason())
        .isEqualTo("attribute check missing EQ 1: missing is missing");
    assertThat(checker.check(doc, attr("title", REGEX, "(")).reason())
        .startsWith("attribute check title REGEX (: invalid regular expression: ");
    assertThat(checker.check(doc, attr("priority", CP, "5")).reason())
        .isEqualTo("attribute check priority CP \"5\": priority is not text (5)");
    assertThat(checker.check(doc, files("upload_file", 2, CountOperator.GT)).reason())
        .isEqualTo("file upload_file > 2: found 2");
    assertThat(checker.check(doc, stages("absent", StageStatus.DONE)).reason())
        .isEqualTo("stage absent done: the document has no instance of absent");
    assertThat(checker.check(doc, extras("research", "ocr")).reason())
        .isEqualTo("extras research, ocr: extra 'ocr' is not installed");
    assertThat(checker.check(doc, extras("boom")).reason())
        .isEqualTo(
            "extras boom: cannot tell whether extra 'boom' is installed: extras.d is unreadable");
  }

  @Test
  void theBodyNotAPropertyNamedBodyIsTheBody() {
    Document doc =
        Document.builder(ID).properties(Map.of("body", "from frontmatter")).body("real").build();
    assertThat(checker.check(doc, attr("body", EQ, "real")).met()).isTrue();
  }

  @Test
  void extrasAreOnlyAskedAboutWhenAStageNeedsThem() {
    RequirementChecker strict =
        new RequirementChecker(
            name -> {
              throw new AssertionError("asked about " + name);
            });
    assertThat(strict.check(document(), Requirements.of(attr("priority", EQ, 5))).met()).isTrue();
  }
}

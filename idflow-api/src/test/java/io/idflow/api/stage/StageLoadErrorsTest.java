package io.idflow.api.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.resource.ResourceResolver;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of load error: named with file, line and field; the other definitions still load. */
class StageLoadErrorsTest {

  private static final String ATTRIBUTE_OPERATORS =
      "EQ, NE, GT, LT, GTE, LTE, IS, IS_NOT, CP, NP, REGEX, NOT_REGEX";
  private static final String LIST_OPERATORS =
      "HAS, CONTAINS, INCLUDES, NOT_HAS, NOT_CONTAINS, NOT_INCLUDES";

  @TempDir Path project;

  private StageCatalog load(String badYaml) {
    StageCatalogTest.write(project, "stages/bad.yml", badYaml);
    StageCatalogTest.write(project, "stages/good.yml", "name: good\n");
    return StageCatalog.load(ResourceResolver.builder().project(project).build());
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        // The file as a whole.
        row("", "line 1: the file is empty: a stage file needs at least a name"),
        row("- a\n- b\n", "line 1: a stage file must hold a mapping (name: ..., workflows: ...)"),
        row("name: x\nactive: true\nactive: false\n", "line 3: duplicate key 'active'"),
        row(
            "name: x\nrequirements:\n  extras: &e [a]\n  tasks: *e\n",
            "line 4: YAML aliases (*e) are not supported"),
        row("name: x\n---\nname: y\n", "line 3: only one YAML document per stage file"),
        // name
        row("active: true\n", "line 1: name: missing stage name"),
        row("name:\n", "line 1: name: missing stage name"),
        row("name: [a]\n", "line 1: name: must be a stage name (a string), not a list"),
        row(
            "\nname: my stage\n",
            "line 2: name: invalid stage name 'my stage': expected letters, digits, '_', '.' or"
                + " '-', not starting with '.' or '-'"),
        // flags
        row("name: x\nactive: maybe\n", "line 2: active: must be true or false, not 'maybe'"),
        row(
            "name: x\nmultiple_callable: 1\n",
            "line 2: multiple_callable: must be true or false, not 1"),
        row("name: x\nno_eval: 'yes'\n", "line 2: no_eval: must be true or false, not 'yes'"),
        // workflows
        row("name: x\nworkflows: 3\n", "line 2: workflows: must be a list, not 3"),
        row(
            "name: x\nworkflows:\n  - just_a_name\n",
            "line 3: workflows[0]: a workflow must be a mapping with a name, not 'just_a_name'"),
        row(
            "name: x\nworkflows:\n  - version: 1\n",
            "line 3: workflows[0].name: missing workflow name"),
        row(
            "name: x\nworkflows:\n  - name: 7\n",
            "line 3: workflows[0].name: must be a non-empty string, not 7"),
        row(
            "name: x\nworkflows:\n  - name: a\n  - name: a\n",
            "line 4: workflows[1].name: workflow 'a' is listed more than once"),
        row(
            "name: x\nworkflows:\n  - name: a\n    version: latest\n",
            "line 4: workflows[0].version: must be a whole number of 1 or more, not 'latest'"),
        row(
            "name: x\nworkflows:\n  - name: a\n    version: 0\n",
            "line 4: workflows[0].version: must be a whole number of 1 or more, not 0"),
        row(
            "name: x\nworkflows:\n  - name: a\n    when: 3\n",
            "line 4: workflows[0].when: must be a JavaScript condition (a string), not 3"),
        row(
            "name: x\nworkflows:\n  - name: a\n    inputs: [a]\n",
            "line 4: workflows[0].inputs: must be a mapping, not a list"),
        // requirements
        row("name: x\nrequirements: [a]\n", "line 2: requirements: must be a mapping, not a list"),
        row(
            "name: x\nrequirements:\n  extras: research\n",
            "line 3: requirements.extras: must be a list, not 'research'"),
        row(
            "name: x\nrequirements:\n  extras: [ok, 1]\n",
            "line 3: requirements.extras[1]: must be an extra name, not 1"),
        row(
            "name: x\nrequirements:\n  file_presence: [a]\n",
            "line 3: requirements.file_presence: must be a mapping with a key, not a list"),
        row(
            "name: x\nrequirements:\n  file_presence:\n    count: 1\n",
            "line 4: requirements.file_presence.key: missing file reference key"),
        row(
            "name: x\nrequirements:\n  file_presence: {key: f, count: two}\n",
            "line 3: requirements.file_presence.count: must be a whole number of 0 or more, not"
                + " 'two'"),
        row(
            "name: x\nrequirements:\n  file_presence: {key: f, count: 1.5}\n",
            "line 3: requirements.file_presence.count: must be a whole number of 0 or more, not"
                + " 1.5"),
        row(
            "name: x\nrequirements:\n  file_presence: {key: f, count: -1}\n",
            "line 3: requirements.file_presence.count: must be a whole number of 0 or more, not"
                + " -1"),
        row(
            "name: x\nrequirements:\n  file_presence:\n    key: f\n    count_operator: '=>'\n",
            "line 5: requirements.file_presence.count_operator: unknown operator '=>' (one of >=,"
                + " ==, >, <=, <, !=)"),
        row(
            "name: x\nrequirements:\n  stages: [a]\n",
            "line 3: requirements.stages: must map stage names to statuses (other_stage: {status:"
                + " done}), not a list"),
        row(
            "name: x\nrequirements:\n  stages:\n    other:\n      status: started\n",
            "line 5: requirements.stages.other.status: invalid stage status 'started': must be one"
                + " of scheduled, active, done, blocked, cancelled"),
        row(
            "name: x\nrequirements:\n  stages:\n    other: {}\n",
            "line 4: requirements.stages.other.status: missing status"),
        row(
            "name: x\nrequirements:\n  stages:\n    other: 3\n",
            "line 4: requirements.stages.other: must be a stage status, not 3"),
        row(
            "name: x\nrequirements:\n  stages:\n    ../up: done\n",
            "line 4: requirements.stages.../up: '../up' is not a valid stage name"),
        row(
            "name: x\nrequirements:\n  attribute_checks: {attribute: a}\n",
            "line 3: requirements.attribute_checks: must be a list, not a mapping"),
        row(
            "name: x\nrequirements:\n  attribute_checks:\n    - priority\n",
            "line 4: requirements.attribute_checks[0]: a check must be a mapping (attribute,"
                + " operator, value), not 'priority'"),
        row(
            "name: x\nrequirements:\n  attribute_checks:\n    - operator: EQ\n      value: 1\n",
            "line 4: requirements.attribute_checks[0].attribute: missing attribute"),
        row(
            "name: x\nrequirements:\n  attribute_checks:\n    - attribute: p\n"
                + "      operator: FOO\n",
            "line 5: requirements.attribute_checks[0].operator: unknown operator 'FOO' (one of "
                + ATTRIBUTE_OPERATORS
                + ")"),
        row(
            "name: x\nrequirements:\n  attribute_checks:\n    - attribute: p\n      value: 1\n",
            "line 4: requirements.attribute_checks[0].operator: missing operator (one of "
                + ATTRIBUTE_OPERATORS
                + ")"),
        row(
            "name: x\nrequirements:\n  attribute_checks:\n    - {attribute: p, operator: 3}\n",
            "line 4: requirements.attribute_checks[0].operator: must be one of "
                + ATTRIBUTE_OPERATORS
                + ", not 3"),
        row(
            "name: x\nrequirements:\n  attribute_checks:\n    - attribute: p\n      operator: EQ\n"
                + "      case_sensitive: 'no'\n",
            "line 6: requirements.attribute_checks[0].case_sensitive: must be true or false, not"
                + " 'no'"),
        row(
            "name: x\nrequirements:\n  list_checks:\n    - {attribute: tags, operator: HASNT}\n",
            "line 4: requirements.list_checks[0].operator: unknown operator 'HASNT' (one of "
                + LIST_OPERATORS
                + ")"),
        row(
            "name: x\nrequirements:\n  tasks: [ok, 3]\n",
            "line 3: requirements.tasks[1]: must be a task name or {name: ...}, not 3"),
        row(
            "name: x\nrequirements:\n  tasks:\n    - id: t\n",
            "line 4: requirements.tasks[0].name: missing task name"));
  }

  private static Arguments row(String yaml, String problem) {
    return Arguments.of(yaml, problem);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errors")
  void everyLoadErrorNamesFileLineAndField(String yaml, String problem) {
    StageCatalog catalog = load(yaml);

    assertThat(catalog.problems())
        .extracting(DefinitionProblem::toString)
        .containsExactly("stages/bad.yml: " + problem);
    assertThat(catalog.names()).containsExactly("good");
  }

  @Test
  void invalidYamlNamesTheLineTheParserStoppedAt() {
    StageCatalog catalog = load("name: x\nworkflows:\n  - name: a\n bad: [1, 2\n");

    assertThat(catalog.problems()).hasSize(1);
    DefinitionProblem p = catalog.problems().get(0);
    assertThat(p.source()).isEqualTo("stages/bad.yml");
    assertThat(p.path()).isEqualTo("line 4");
    assertThat(p.reason()).startsWith("invalid YAML: ");
    assertThat(catalog.names()).containsExactly("good");
  }

  @Test
  void everyProblemOfADefinitionIsReported() {
    StageCatalog catalog =
        load(
            """
            name: x
            active: 1
            no_eval: 2
            workflows:
              - name: a
                version: v1
              - {}
            requirements:
              extras: [1]
            """);

    assertThat(catalog.problems())
        .extracting(DefinitionProblem::path)
        .containsExactly(
            "line 2: active",
            "line 3: no_eval",
            "line 6: workflows[0].version",
            "line 7: workflows[1].name",
            "line 9: requirements.extras[0]");
  }
}

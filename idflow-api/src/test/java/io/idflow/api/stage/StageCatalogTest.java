package io.idflow.api.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.InvalidDefinitionsException;
import io.idflow.api.document.StageStatus;
import io.idflow.api.resource.BaseType;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceBase;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.resource.ResourceResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCatalogTest {

  @TempDir Path tmp;
  private Path core;
  private Path vendor;
  private Path project;

  @BeforeEach
  void folders() {
    core = tmp.resolve("core");
    vendor = tmp.resolve("vendor");
    project = tmp.resolve("project");
  }

  static void write(Path root, String relative, String text) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StageCatalog load() {
    return StageCatalog.load(
        ResourceResolver.builder()
            .base(new ResourceBase("core", BaseType.CORE, 0, List.of(core)))
            .vendor("acme", 10, vendor)
            .project(project)
            .build());
  }

  @Test
  void aFileWithOnlyANameGetsEveryDefault() {
    write(project, "stages/s.yml", "name: s\n");

    StageCatalog catalog = load();

    assertThat(catalog.problems()).isEmpty();
    StageDefinition s = catalog.find("s").orElseThrow();
    assertThat(s.active()).isTrue();
    assertThat(s.multipleCallable()).isFalse();
    assertThat(s.noEval()).isFalse();
    assertThat(s.workflows()).isEmpty();
    assertThat(s.requirements()).isEqualTo(Requirements.NONE);
    assertThat(s.requirements().summary()).isEqualTo("none");
    assertThat(s.origin()).isEqualTo(Origin.CUSTOM);
    assertThat(s.sources()).extracting(ResourceFile::displayName).containsExactly("stages/s.yml");
    assertThat(s.effectiveSource().orElseThrow().displayName()).isEqualTo("stages/s.yml");
    assertThat(catalog.requireValid()).isSameAs(catalog);
  }

  @Test
  void readsEveryFieldOfTheSchema() {
    write(
        project,
        "stages/research.yml",
        """
        name: research_blog_post_ideas
        active: true
        multiple_callable: true
        no_eval: false
        unknown_key: ignored
        workflows:
          - name: research_blog_post_ideas
            version: 2
            when: "doc.tags && doc.tags.includes('blog_post_ideas')"
            correlationId: ignored
            inputs:
              research_methods: [gpt_researcher, duckduckgo_serp]
              depth: 3
          - name: always
            when: true
        requirements:
          extras: [research]
          file_presence:
            key: upload_file
            count: 2
            count_operator: '<='
          stages:
            other_stage:
              status: done
            short_form: ACTIVE
          attribute_checks:
            - attribute: priority
              operator: gt
              value: 3
            - attribute: meta.owner
              operator: CP
              value: "al*"
              case_sensitive: false
            - attribute: reviewed
              operator: is_not
          list_checks:
            - attribute: tags
              operator: includes
              value: blog_post_ideas
              case_sensitive: false
          tasks: [prepare_stage_subworkflows, {name: x}]
        """);

    StageCatalog catalog = load();

    assertThat(catalog.problems()).isEmpty();
    StageDefinition d = catalog.find("research_blog_post_ideas").orElseThrow();
    assertThat(d.multipleCallable()).isTrue();
    assertThat(d.workflows())
        .containsExactly(
            new StageWorkflow(
                "research_blog_post_ideas",
                2,
                "doc.tags && doc.tags.includes('blog_post_ideas')",
                Map.of(
                    "research_methods", List.of("gpt_researcher", "duckduckgo_serp"), "depth", 3)),
            new StageWorkflow("always", null, "true", Map.of()));
    Requirements r = d.requirements();
    assertThat(r.extras()).containsExactly("research");
    assertThat(r.filePresence())
        .contains(new Requirement.FilePresence("upload_file", 2, CountOperator.LE));
    assertThat(r.stages())
        .containsExactly(
            Map.entry("other_stage", StageStatus.DONE),
            Map.entry("short_form", StageStatus.ACTIVE));
    assertThat(r.attributeChecks())
        .containsExactly(
            new Requirement.AttributeCheck("priority", AttributeOperator.GT, 3),
            new Requirement.AttributeCheck("meta.owner", AttributeOperator.CP, "al*", false),
            new Requirement.AttributeCheck("reviewed", AttributeOperator.IS_NOT, null));
    assertThat(r.listChecks())
        .containsExactly(
            new Requirement.ListCheck("tags", ListOperator.INCLUDES, "blog_post_ideas", false));
    assertThat(r.tasks()).containsExactly("prepare_stage_subworkflows", "x");
    assertThat(r.summary())
        .isEqualTo(
            "extras research; file upload_file <= 2; stage other_stage done;"
                + " stage short_form active; priority GT 3; meta.owner CP al* (any case);"
                + " reviewed IS_NOT null; tags INCLUDES blog_post_ideas (any case);"
                + " tasks prepare_stage_subworkflows, x");
  }

  @Test
  void filesWithTheSameNameAreDeepMergedProjectOverCore() {
    write(
        core,
        "stages/blog.yml",
        """
        name: blog
        multiple_callable: true
        workflows:
          - name: a
            inputs: {x: 1, nested: {keep: true, change: old}}
          - name: b
            when: doc.ready
          - name: c
        requirements:
          extras: [core_extra]
          file_presence: {key: upload_file, count: 2}
          attribute_checks:
            - {attribute: priority, operator: GT, value: 1}
            - {attribute: title, operator: CP, value: "*"}
        """);
    write(
        project,
        "stages/blog-local.yml",
        """
        name: blog
        active: false
        workflows:
          - name: c
            version: 3
          - name: d
          - name: a
            inputs: {nested: {change: new}, y: 2}
        requirements:
          extras: [project_extra]
          file_presence: {count_operator: '=='}
          attribute_checks:
            - {attribute: priority, operator: LT, value: 9}
        """);

    StageCatalog catalog = load();

    assertThat(catalog.problems()).isEmpty();
    StageDefinition blog = catalog.find("blog").orElseThrow();
    // Scalars: the project's value wins, the core's stays where the project says nothing.
    assertThat(blog.active()).isFalse();
    assertThat(blog.multipleCallable()).isTrue();
    // Workflows by name: the project's order, then the core entries it does not name.
    assertThat(blog.workflows())
        .containsExactly(
            new StageWorkflow("c", 3, null, Map.of()),
            StageWorkflow.named("d"),
            new StageWorkflow(
                "a",
                null,
                null,
                Map.of("x", 1, "nested", Map.of("keep", true, "change", "new"), "y", 2)),
            new StageWorkflow("b", null, "doc.ready", Map.of()));
    // Maps merge key by key; other lists are replaced as a whole.
    assertThat(blog.requirements().extras()).containsExactly("project_extra");
    assertThat(blog.requirements().filePresence())
        .contains(new Requirement.FilePresence("upload_file", 2, CountOperator.EQ));
    assertThat(blog.requirements().attributeChecks())
        .containsExactly(new Requirement.AttributeCheck("priority", AttributeOperator.LT, 9));
    assertThat(blog.sources())
        .extracting(ResourceFile::displayName)
        .containsExactly("core:stages/blog.yml", "stages/blog-local.yml");
    assertThat(blog.origin()).isEqualTo(Origin.EXTENDED);
    // Inactive: listed, not evaluated.
    assertThat(catalog.definitions()).containsExactly(blog);
    assertThat(catalog.active()).isEmpty();
  }

  @Test
  void vendorsMergeBetweenCoreAndProjectAndDecideTheOrigin() {
    write(core, "stages/v.yml", "name: v\nno_eval: true\nworkflows: [{name: a}]\n");
    write(vendor, "stages/v.yml", "name: v\nno_eval: false\nmultiple_callable: true\n");
    write(project, "stages/v.yml", "name: v\nmultiple_callable: false\n");
    write(core, "stages/only_core.yml", "name: only_core\n");
    write(core, "stages/vendor_over_core.yml", "name: vendor_over_core\n");
    write(vendor, "stages/vendor_over_core.yml", "name: vendor_over_core\n");
    write(vendor, "stages/only_vendor.yml", "name: only_vendor\n");

    StageCatalog catalog = load();

    StageDefinition v = catalog.find("v").orElseThrow();
    assertThat(v.noEval()).isFalse();
    assertThat(v.multipleCallable()).isFalse();
    assertThat(v.workflows()).containsExactly(StageWorkflow.named("a"));
    assertThat(v.sources())
        .extracting(ResourceFile::displayName)
        .containsExactly("core:stages/v.yml", "vendor:acme:stages/v.yml", "stages/v.yml");
    assertThat(v.origin()).isEqualTo(Origin.EXTENDED);
    assertThat(catalog.find("only_core").orElseThrow().origin()).isEqualTo(Origin.STANDARD);
    assertThat(catalog.find("vendor_over_core").orElseThrow().origin()).isEqualTo(Origin.VENDOR);
    assertThat(catalog.find("only_vendor").orElseThrow().origin()).isEqualTo(Origin.VENDOR);
  }

  @Test
  void definitionsComeInFirstAppearanceOrderFilesSortedByNameWithinABase() {
    write(core, "stages/b.yml", "name: beta\n");
    write(core, "stages/a.yml", "name: alpha\n");
    write(vendor, "stages/c.yml", "name: gamma\n");
    write(project, "stages/0.yml", "name: delta\n");
    write(project, "stages/z.yaml", "name: alpha\nno_eval: true\n");
    write(project, "stages/notes.txt", "name: not_a_stage\n");

    StageCatalog catalog = load();

    assertThat(catalog.names()).containsExactly("alpha", "beta", "gamma", "delta");
    assertThat(catalog.find("alpha").orElseThrow().noEval()).isTrue();
    assertThat(catalog.find("not_a_stage")).isEmpty();
  }

  @Test
  void aBrokenDefinitionIsLeftOutAndTheOthersLoad() {
    write(project, "stages/good.yml", "name: good\n");
    write(
        project,
        "stages/bad.yml",
        """
        name: bad
        active: maybe
        workflows:
          - version: 1
        requirements:
          attribute_checks:
            - attribute: priority
              operator: FOO
              value: 3
        """);

    StageCatalog catalog = load();

    assertThat(catalog.names()).containsExactly("good");
    assertThat(catalog.find("bad")).isEmpty();
    assertThat(catalog.problems())
        .extracting(DefinitionProblem::toString)
        .containsExactly(
            "stages/bad.yml: line 2: active: must be true or false, not 'maybe'",
            "stages/bad.yml: line 4: workflows[0].name: missing workflow name",
            "stages/bad.yml: line 8: requirements.attribute_checks[0].operator: unknown operator"
                + " 'FOO' (one of EQ, NE, GT, LT, GTE, LTE, IS, IS_NOT, CP, NP, REGEX,"
                + " NOT_REGEX)");
    assertThatThrownBy(catalog::requireValid)
        .isInstanceOfSatisfying(
            InvalidDefinitionsException.class,
            e -> {
              assertThat(e).isInstanceOf(io.idflow.api.InvalidContentException.class);
              assertThat(e.problems()).hasSize(3);
            });
  }

  @Test
  void aProblemNamesTheFileThatBroughtTheValue() {
    write(core, "stages/s.yml", "name: s\nworkflows: [{name: a}]\n");
    write(project, "stages/s.yml", "name: s\n\nworkflows: 3\n");
    write(core, "stages/t.yml", "name: t\nactive: sometimes\n");
    write(project, "stages/t.yml", "name: t\nactive: false\n");

    StageCatalog catalog = load();

    assertThat(catalog.problems())
        .extracting(DefinitionProblem::toString)
        .containsExactly("stages/s.yml: line 3: workflows: must be a list, not 3");
    // The project's value replaced the core's invalid one.
    assertThat(catalog.find("t").orElseThrow().active()).isFalse();
  }

  @Test
  void problemsInCoreFilesNameTheCoreFile() {
    write(core, "stages/broken.yml", "name: broken\nrequirements: [a]\n");

    assertThat(load().problems())
        .extracting(DefinitionProblem::toString)
        .containsExactly(
            "core:stages/broken.yml: line 2: requirements: must be a mapping, not a list");
  }

  @Test
  void noFoldersMeansNoStages() {
    StageCatalog catalog = load();
    assertThat(catalog.definitions()).isEmpty();
    assertThat(catalog.problems()).isEmpty();
  }
}

package io.idflow.api.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceDir;
import io.idflow.api.resource.ResourceKind;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.api.stage.StageWorkflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VendorsTest {

  @TempDir Path tmp;

  private Path write(Path root, String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private Path project() throws IOException {
    Path p = tmp.resolve("project");
    write(p, "config/idflow.yml", "base_dir: data\n");
    return p;
  }

  @Test
  void flatFormAndSourceTableGiveTheSameSpec() throws IOException {
    Path p = project();
    write(
        p,
        "config/vendors.d/a.toml",
        "# flat\nname = \"shared\"\npriority = 5\ntype = \"git\"\nurl = \"../repo.git\"\n"
            + "ref = \"v1\"\n");
    write(
        p,
        "config/vendors.d/b.toml",
        "enabled = false\n[source]\ntype = \"path\"\npath = \"../lib\"\nsubdir = \"idflow\"\n");

    List<VendorSpec> specs = Vendors.read(p);

    assertThat(specs).extracting(VendorSpec::name).containsExactly("shared", "b");
    VendorSpec shared = specs.get(0);
    assertThat(shared.type()).isEqualTo(VendorSpec.SourceType.GIT);
    assertThat(shared.location()).isEqualTo("../repo.git");
    assertThat(shared.ref()).isEqualTo("v1");
    assertThat(shared.priority()).isEqualTo(5);
    assertThat(shared.enabled()).isTrue();
    VendorSpec b = specs.get(1);
    assertThat(b.type()).isEqualTo(VendorSpec.SourceType.PATH);
    assertThat(b.enabled()).isFalse();
    assertThat(b.priority()).isEqualTo(Vendors.DEFAULT_PRIORITY);
    assertThat(b.subdir()).isEqualTo("idflow");
    assertThat(b.sourcePath(p)).isEqualTo(tmp.resolve("lib"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "name = \"x\"\\ntype = |config/vendors.d/bad.toml: invalid TOML at line 2",
        "type = \"svn\"\\nurl = \"x\"|config/vendors.d/bad.toml: unknown source type 'svn'",
        "name = \"../evil\"\\ntype = \"path\"\\npath = \"x\"|vendor name '../evil' must be a plain",
        "name = \".hidden\"\\ntype = \"path\"\\npath = \"x\"|vendor name '.hidden' must be a plain",
        "type = \"git\"|a git source needs url",
        "type = \"path\"\\npath = \"x\"\\nprority = 3|unknown key 'prority'",
        "enabled = \"yes\"\\ntype = \"path\"\\npath = \"x\"|enabled must be true or false",
        "type = \"path\"\\npath = \"x\"\\n[source]\\ntype = \"git\"|'type' is given both",
        "priority = 1|source type missing",
        "type = \"path\"\\npath = \"x\"\\nsubdir = \"../up\"|subdir '../up' must be a folder inside",
      })
  void aBadSpecIsAConfigurationErrorNamingTheFile(String toml, String message) throws IOException {
    Path p = project();
    write(p, "config/vendors.d/bad.toml", toml.replace("\\n", "\n"));

    assertThatThrownBy(() -> Vendors.read(p))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("config/vendors.d/bad.toml: ")
        .hasMessageContaining(message.replace("config/vendors.d/bad.toml: ", ""))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void twoSpecsOfOneNameAreRefused() throws IOException {
    Path p = project();
    write(p, "config/vendors.d/a.toml", "name = \"x\"\ntype = \"path\"\npath = \"a\"\n");
    write(p, "config/vendors.d/b.toml", "name = \"x\"\ntype = \"path\"\npath = \"b\"\n");

    assertThatThrownBy(() -> Vendors.read(p))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "config/vendors.d/b.toml: vendor name 'x' is also declared by"
                + " config/vendors.d/a.toml");
  }

  /**
   * Core (the class path's core library) &lt; vendor "low" (priority 50) &lt; vendor "high"
   * (priority 10) &lt; project, for task folders, workflow folders and stages (deep-merged).
   */
  @Test
  void precedenceIsProjectThenVendorsByPriorityThenCore() throws IOException {
    Path p = project();
    write(
        p,
        "config/vendors.d/high.toml",
        "priority = 10\n[source]\ntype = \"path\"\npath = \"../high\"\n");
    write(p, "config/vendors.d/low.toml", "priority = 50\ntype = \"path\"\npath = \"../low\"\n");
    write(
        p,
        "config/vendors.d/off.toml",
        "enabled = false\npriority = 1\ntype = \"path\"\npath = \"../off\"\n");
    write(p, "config/vendors.d/later.toml", "type = \"path\"\npath = \"../later\"\n");
    // Materialised as vendor fetch does (here: plain folders).
    Path high = p.resolve(".idflow/vendors/high");
    Path low = p.resolve(".idflow/vendors/low");
    Path off = p.resolve(".idflow/vendors/off");

    // tasks: echo is core's; low and high override it, high wins. shared: low and high.
    write(low, "tasks/echo/Echo.java", "low");
    write(high, "tasks/echo/Echo.java", "high");
    write(low, "tasks/shared/Shared.java", "low");
    write(high, "tasks/shared/Shared.java", "high");
    write(low, "tasks/only_low/OnlyLow.java", "low");
    write(p, "tasks/shared/Shared.java", "project");
    write(off, "tasks/off/Off.java", "disabled vendors are not used");
    // workflows
    write(
        low,
        "workflows/w/w.json",
        "{\"name\":\"w\",\"version\":1,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}");
    write(
        high,
        "workflows/w/w.json",
        "{\"name\":\"w\",\"version\":2,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}");
    write(
        low,
        "workflows/mine/mine.json",
        "{\"name\":\"mine\",\"version\":1,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}");
    write(
        p,
        "workflows/mine/mine.json",
        "{\"name\":\"mine\",\"version\":7,\"tasks\":[{\"name\":\"t\",\"taskReferenceName\":\"t\",\"type\":\"SIMPLE\"}]}");
    // stages: deep merge low < high < project
    write(
        low,
        "stages/review.yml",
        "name: review\nmultiple_callable: true\nworkflows:\n  - name: check\n    inputs: {level: 1,"
            + " who: low}\n  - name: notify\n");
    write(
        high,
        "stages/review.yml",
        "name: review\nworkflows:\n  - name: check\n    inputs: {level: 2}\n");
    write(
        p,
        "stages/review.yml",
        "name: review\nworkflows:\n  - name: notify\n    when: \"doc.urgent\"\n");
    write(low, "stages/vendored.yml", "name: vendored\n");

    ResourceResolver r =
        ResourceResolver.forConfig(new ConfigLoader().env(Map.of()).workingDir(p).load());

    assertThat(r.unfetchedVendors()).containsExactly("later");
    assertThat(r.bases())
        .extracting(b -> b.name())
        .containsExactly("core", "low", "high", "project");

    Map<String, ResourceDir> tasks = byName(r.directories(ResourceKind.TASKS));
    assertThat(tasks).doesNotContainKey("off");
    assertThat(tasks.get("echo").files().get(0).readString()).isEqualTo("high");
    assertThat(tasks.get("echo").origin()).isEqualTo(Origin.VENDOR);
    assertThat(tasks.get("echo").displayName()).isEqualTo("vendor:high:tasks/echo");
    assertThat(tasks.get("shared").files().get(0).readString()).isEqualTo("project");
    assertThat(tasks.get("shared").origin()).isEqualTo(Origin.EXTENDED);
    assertThat(tasks.get("only_low").origin()).isEqualTo(Origin.VENDOR);

    WorkflowCatalog workflows = WorkflowCatalog.load(r);
    assertThat(workflows.problems()).isEmpty();
    assertThat(workflows.versions("w")).extracting(w -> w.version()).containsExactly(2);
    assertThat(workflows.versions("mine")).extracting(w -> w.version()).containsExactly(7);
    Map<String, ResourceDir> wfs = byName(r.directories(ResourceKind.WORKFLOWS));
    assertThat(wfs.get("w").origin()).isEqualTo(Origin.VENDOR);
    assertThat(wfs.get("mine").origin()).isEqualTo(Origin.EXTENDED);

    StageCatalog stages = StageCatalog.load(r);
    assertThat(stages.problems()).isEmpty();
    StageDefinition review =
        stages.definitions().stream().filter(d -> d.name().equals("review")).findFirst().get();
    assertThat(review.origin()).isEqualTo(Origin.EXTENDED);
    assertThat(review.multipleCallable()).isTrue();
    assertThat(review.workflows()).extracting(StageWorkflow::name).contains("check", "notify");
    StageWorkflow check = review.workflow("check").orElseThrow();
    assertThat(check.inputs()).isEqualTo(Map.of("level", 2, "who", "low"));
    assertThat(review.workflow("notify").orElseThrow().when()).isEqualTo("doc.urgent");
    StageDefinition vendored =
        stages.definitions().stream().filter(d -> d.name().equals("vendored")).findFirst().get();
    assertThat(vendored.origin()).isEqualTo(Origin.VENDOR);
  }

  @Test
  void aVendorWithVendorsOfItsOwnIsRefused() throws IOException {
    Path p = project();
    write(p, "config/vendors.d/v.toml", "type = \"path\"\npath = \"../v\"\n");
    write(p, ".idflow/vendors/v/config/vendors.d/inner.toml", "type = \"path\"\npath = \"x\"\n");

    assertThatThrownBy(
            () -> ResourceResolver.forConfig(new ConfigLoader().env(Map.of()).workingDir(p).load()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "config/vendors.d/v.toml: vendor 'v' declares vendors of its own"
                + " (config/vendors.d/inner.toml); nested vendors are not supported: declare them"
                + " in this project's config/vendors.d");
  }

  private static Map<String, ResourceDir> byName(List<ResourceDir> dirs) {
    Map<String, ResourceDir> m = new TreeMap<>();
    dirs.forEach(d -> m.put(d.name(), d));
    return m;
  }
}

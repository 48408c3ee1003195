package io.idflow.api.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceResolverTest {

  @TempDir Path tmp;

  /** A jar holding the core library, as idflow's module jars do (with folder entries). */
  private URLClassLoader coreJar(String name, Map<String, String> files) throws IOException {
    Path jar = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      TreeMap<String, String> entries = new TreeMap<>();
      for (Map.Entry<String, String> f : files.entrySet()) {
        String path = "idflow/core/" + f.getKey();
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
          entries.putIfAbsent(path.substring(0, i + 1), null);
        }
        entries.put(path, f.getValue());
      }
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        if (e.getValue() != null) {
          zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        zip.closeEntry();
      }
    }
    // No parent: only this jar's resources are seen.
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
  }

  private Path write(Path root, String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void theProjectsFolderReplacesTheCoreFolderOfTheSameName() throws IOException {
    URLClassLoader core =
        coreJar(
            "core.jar",
            Map.of(
                "tasks/echo/Echo.java", "core echo",
                "tasks/echo/Helper.java", "core helper",
                "tasks/only_core/OnlyCore.java", "x"));
    Path project = tmp.resolve("project");
    write(project, "tasks/echo/Echo.java", "project echo");
    write(project, "tasks/mine/Mine.java", "mine");

    ResourceResolver r = ResourceResolver.builder().project(project).core(core).build();
    List<ResourceDir> dirs = r.directories(ResourceKind.TASKS);

    assertThat(dirs).extracting(ResourceDir::name).containsExactly("echo", "mine", "only_core");
    assertThat(dirs)
        .extracting(ResourceDir::origin)
        .containsExactly(Origin.EXTENDED, Origin.CUSTOM, Origin.STANDARD);

    ResourceDir echo = dirs.get(0);
    assertThat(echo.base().type()).isEqualTo(BaseType.PROJECT);
    // The whole folder is replaced: the core's Helper.java is not part of it.
    assertThat(echo.files())
        .extracting(ResourceFile::relativePath)
        .containsExactly("tasks/echo/Echo.java");
    assertThat(echo.files().get(0).readString()).isEqualTo("project echo");
    assertThat(echo.displayName()).isEqualTo("tasks/echo");

    ResourceDir onlyCore = dirs.get(2);
    assertThat(onlyCore.displayName()).isEqualTo("core:tasks/only_core");
    ResourceFile inJar = onlyCore.files().get(0);
    assertThat(inJar.onFileSystem()).isFalse();
    assertThat(inJar.displayName()).isEqualTo("core:tasks/only_core/OnlyCore.java");
    assertThat(inJar.location())
        .startsWith("jar:file:")
        .endsWith("!/idflow/core/tasks/only_core/OnlyCore.java");
    assertThat(inJar.readString()).isEqualTo("x");
  }

  @Test
  void coreFoldersComeFromEveryJarInClassPathOrder() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    write(a, "idflow/core/workflows/shared/one.json", "from a");
    write(b, "idflow/core/workflows/shared/two.json", "from b");
    write(b, "idflow/core/workflows/other/x.json", "b only");
    URLClassLoader loader =
        new URLClassLoader(new URL[] {a.toUri().toURL(), b.toUri().toURL()}, null);

    ResourceResolver r = ResourceResolver.builder().core(loader).build();

    assertThat(r.bases()).hasSize(1);
    assertThat(r.bases().get(0).roots()).hasSize(2);
    List<ResourceDir> dirs = r.directories(ResourceKind.WORKFLOWS);
    assertThat(dirs).extracting(ResourceDir::name).containsExactly("other", "shared");
    assertThat(dirs.get(1).files()).extracting(ResourceFile::fileName).containsExactly("one.json");
  }

  @Test
  void aLowerVendorPriorityNumberWinsAndTheProjectAlwaysWins() throws IOException {
    Path v10 = tmp.resolve("v10");
    Path v50 = tmp.resolve("v50");
    Path project = tmp.resolve("project");
    write(v10, "workflows/w/w.json", "v10");
    write(v50, "workflows/w/w.json", "v50");
    write(v50, "workflows/v/v.json", "v50");
    write(v10, "workflows/p/p.json", "v10");
    write(project, "workflows/p/p.json", "project");

    ResourceResolver r =
        ResourceResolver.builder()
            .project(project)
            .vendor("ten", 10, v10)
            .vendor("fifty", 50, v50)
            .core(new URLClassLoader(new URL[0], null))
            .build();

    assertThat(r.bases())
        .extracting(ResourceBase::name)
        .containsExactly("core", "fifty", "ten", "project");
    Map<String, ResourceDir> byName = new TreeMap<>();
    r.directories(ResourceKind.WORKFLOWS).forEach(d -> byName.put(d.name(), d));
    assertThat(byName.get("w").base().name()).isEqualTo("ten");
    assertThat(byName.get("w").origin()).isEqualTo(Origin.VENDOR);
    assertThat(byName.get("w").files().get(0).displayName())
        .isEqualTo("vendor:ten:workflows/w/w.json");
    assertThat(byName.get("v").origin()).isEqualTo(Origin.VENDOR);
    assertThat(byName.get("p").base().type()).isEqualTo(BaseType.PROJECT);
    assertThat(byName.get("p").origin()).isEqualTo(Origin.EXTENDED);
  }

  @Test
  void stageFilesComeInPrecedenceOrderWithEveryBase() throws IOException {
    URLClassLoader core =
        coreJar("stages.jar", Map.of("stages/b.yml", "name: b", "stages/a.yaml", "name: a"));
    Path project = tmp.resolve("project");
    write(project, "stages/a.yml", "name: a");
    write(project, "stages/notes.txt", "ignored");
    write(project, "stages/sub/deep.yml", "not read: stages are not recursive");

    ResourceResolver r = ResourceResolver.builder().core(core).project(project).build();

    assertThat(r.stageFiles())
        .extracting(ResourceFile::displayName)
        .containsExactly("core:stages/a.yaml", "core:stages/b.yml", "stages/a.yml");
    assertThatThrownBy(() -> r.directories(ResourceKind.STAGES))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hiddenFilesAndFoldersAreSkippedAndAMissingFolderIsEmpty() throws IOException {
    Path project = tmp.resolve("project");
    write(project, "workflows/.cache/x.json", "{}");
    write(project, "workflows/w/.hidden.json", "{}");
    write(project, "workflows/w/.git/config.json", "{}");
    write(project, "workflows/w/sub/w.json", "{}");

    ResourceResolver r = ResourceResolver.builder().project(project).build();

    assertThat(r.directories(ResourceKind.WORKFLOWS))
        .extracting(ResourceDir::name)
        .containsExactly("w");
    assertThat(r.directory(ResourceKind.WORKFLOWS, "w").orElseThrow().files())
        .extracting(ResourceFile::relativePath)
        .containsExactly("workflows/w/sub/w.json");
    assertThat(r.directories(ResourceKind.TASKS)).isEmpty();
    assertThat(r.directory(ResourceKind.TASKS, "w")).isEmpty();
  }

  @Test
  void originFollowsReferenceSection82() {
    assertThat(Origin.of(List.of(BaseType.PROJECT, BaseType.CORE))).isEqualTo(Origin.EXTENDED);
    assertThat(Origin.of(List.of(BaseType.PROJECT, BaseType.VENDOR))).isEqualTo(Origin.EXTENDED);
    assertThat(Origin.of(List.of(BaseType.VENDOR, BaseType.CORE))).isEqualTo(Origin.VENDOR);
    assertThat(Origin.of(List.of(BaseType.CORE))).isEqualTo(Origin.STANDARD);
    assertThat(Origin.of(List.of(BaseType.PROJECT))).isEqualTo(Origin.CUSTOM);
    assertThat(Origin.of(List.of())).isEqualTo(Origin.CUSTOM);
    assertThat(Origin.EXTENDED.label()).isEqualTo("extended");
  }

  @Test
  void forConfigUsesTheProjectRoot() throws IOException {
    Path project = tmp.resolve("p");
    write(project, "config/idflow.yml", "base_dir: data\n");
    write(project, "workflows/demo/demo.json", "{}");
    Path sub = Files.createDirectories(project.resolve("data/inbox"));

    ResourceResolver r =
        ResourceResolver.forConfig(
            new io.idflow.api.config.ConfigLoader().env(Map.of()).workingDir(sub).load());

    assertThat(r.bases())
        .extracting(ResourceBase::type)
        .containsExactly(BaseType.CORE, BaseType.PROJECT);
    assertThat(r.directory(ResourceKind.WORKFLOWS, "demo")).isPresent();
  }
}

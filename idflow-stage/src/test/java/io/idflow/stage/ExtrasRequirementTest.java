package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.conductor.maven.MavenArtifacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine of a project checks extras requirements against the local Maven repository. */
class ExtrasRequirementTest {

  @TempDir Path tmp;

  @Test
  void anExtraIsInstalledOnceAllItsArtifactsAreInTheLocalRepository() throws IOException {
    Path project = tmp.resolve("project");
    Files.createDirectories(project.resolve("config/extras.d"));
    Files.writeString(project.resolve("config/idflow.yml"), "base_dir: data\n");
    Files.writeString(
        project.resolve("config/extras.d/extras.toml"),
        "[extras]\nmd = [\"org.example:md:1.0\", \"org.example:md-ext:1.0\"]\n");
    Path repo = tmp.resolve("repo");
    IdflowConfig config =
        new ConfigLoader()
            .env(Map.of("MAVEN_REPO_LOCAL", repo.toString()))
            .workingDir(project)
            .load();
    MavenArtifacts maven = new MavenArtifacts(config.env());
    assertThat(maven.localRepository()).isEqualTo(repo);

    Predicate<String> installed =
        StageEngine.extrasInstalled(ResourceResolver.forConfig(config), maven);

    assertThat(installed.test("md")).isFalse();
    put(repo, "org/example/md/1.0/md-1.0.jar");
    assertThat(installed.test("md")).isFalse();
    put(repo, "org/example/md-ext/1.0/md-ext-1.0.jar");
    assertThat(installed.test("md")).isTrue();
    assertThat(installed.test("other")).isFalse();
  }

  private static void put(Path repo, String rel) throws IOException {
    Path f = repo.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "jar");
  }
}

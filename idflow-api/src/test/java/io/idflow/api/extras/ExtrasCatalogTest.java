package io.idflow.api.extras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtrasCatalogTest {

  @TempDir Path tmp;

  private static void write(Path root, String rel, String text) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  @Test
  void bothFormsExtendsAndLayers() throws IOException {
    Path vendor = tmp.resolve("vendor");
    Path project = tmp.resolve("project");
    write(
        vendor,
        "config/extras.d/v.toml",
        "[extras]\nmarkdown = [\"org.commonmark:commonmark:0.22.0\"]\n"
            + "[extras.html]\nartifacts = [\"org.jsoup:jsoup:1.18.1\"]\n");
    write(
        project,
        "config/extras.d/p.toml",
        "[extras.html]\nartifacts = [\"org.jsoup:jsoup:1.17.2\"]\nextends = [\"markdown\"]\n"
            + "[extras.loop]\nextends = [\"loop\", \"html\"]\n");
    ResourceResolver r =
        ResourceResolver.builder().vendor("v", 10, vendor).project(project).build();

    ExtrasCatalog c = ExtrasCatalog.load(r);

    assertThat(c.extras()).extracting(Extra::name).containsExactly("html", "loop", "markdown");
    assertThat(c.extra("html").orElseThrow().origin()).isEqualTo(Origin.EXTENDED);
    assertThat(c.extra("markdown").orElseThrow().origin()).isEqualTo(Origin.VENDOR);
    assertThat(c.extra("loop").orElseThrow().origin()).isEqualTo(Origin.CUSTOM);
    assertThat(c.extra("html").orElseThrow().source()).isEqualTo("config/extras.d/p.toml");
    assertThat(c.extra("markdown").orElseThrow().source())
        .isEqualTo("vendor:v:config/extras.d/v.toml");
    assertThat(c.artifacts("html"))
        .containsExactly("org.commonmark:commonmark:0.22.0", "org.jsoup:jsoup:1.17.2");
    // A cycle is cut, not followed forever.
    assertThat(c.artifacts("loop"))
        .containsExactly("org.commonmark:commonmark:0.22.0", "org.jsoup:jsoup:1.17.2");

    Path repo = tmp.resolve("repo");
    assertThat(c.installed("html", a -> repo.resolve(a.replace(':', '_')))).isFalse();
    write(repo, "org.commonmark_commonmark_0.22.0", "jar");
    assertThat(c.installed("markdown", a -> repo.resolve(a.replace(':', '_')))).isTrue();
    assertThat(c.installed("html", a -> repo.resolve(a.replace(':', '_')))).isFalse();
    write(repo, "org.jsoup_jsoup_1.17.2", "jar");
    assertThat(c.installed("html", a -> repo.resolve(a.replace(':', '_')))).isTrue();
    assertThat(c.installed("unknown", a -> repo.resolve("x"))).isFalse();
  }

  @Test
  void aBadFileIsNamed() throws IOException {
    Path project = tmp.resolve("project");
    write(project, "config/extras.d/bad.toml", "[extras]\nx = [\"not-coordinates\"]\n");
    ResourceResolver r = ResourceResolver.builder().project(project).build();

    assertThatThrownBy(() -> ExtrasCatalog.load(r))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "config/extras.d/bad.toml: extras.x: \"not-coordinates\" is not"
                + " group:artifact:version[:type[:classifier]]");
  }

  @Test
  void anExtraThatExtendsAnUnknownExtraIsAnErrorNamingTheFileAndTheName() throws IOException {
    Path project = tmp.resolve("project");
    write(
        project,
        "config/extras.d/e.toml",
        "[extras]\nmarkdown = []\n[extras.x]\nartifacts = []\nextends = [\"markdown\", \"nope\"]\n");
    ResourceResolver r = ResourceResolver.builder().project(project).build();

    assertThatThrownBy(() -> ExtrasCatalog.load(r))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "config/extras.d/e.toml: extras.x.extends: 'nope' is not an extra (none of"
                + " config/extras.d/*.toml of the project or its vendors defines it)");
  }
}

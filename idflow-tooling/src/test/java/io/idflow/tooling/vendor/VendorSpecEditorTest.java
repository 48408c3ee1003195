package io.idflow.tooling.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import io.idflow.api.vendor.Vendors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorSpecEditorTest {

  @TempDir Path project;

  private static final String SPEC =
      """
      # The team's shared stages.   (comment kept)
      name = "shared"   # inline comment kept
      enabled   =   true  # spacing kept

      priority = 20
      # about the source
      [source]
      type = "path"
      path = "../shared"
      """;

  @Test
  void disableThenEnableChangesOnlyTheValue() throws Exception {
    Path file = write("shared.toml", SPEC);

    assertThat(VendorSpecEditor.setEnabled(file, false, project)).isTrue();
    assertThat(Files.readString(file))
        .isEqualTo(SPEC.replace("enabled   =   true  #", "enabled   =   false  #"));
    assertThat(Vendors.read(file, project).enabled()).isFalse();

    assertThat(VendorSpecEditor.setEnabled(file, true, project)).isTrue();
    assertThat(Files.readString(file)).isEqualTo(SPEC);
    assertThat(Vendors.read(file, project).enabled()).isTrue();

    // Already so: the file is not touched.
    assertThat(VendorSpecEditor.setEnabled(file, true, project)).isFalse();
    assertThat(Files.readString(file)).isEqualTo(SPEC);
  }

  @Test
  void aMissingKeyIsAddedAmongTheTopLevelKeysNotInTheSourceTable() throws Exception {
    String spec = SPEC.replace("enabled   =   true  # spacing kept\n", "");
    Path file = write("shared.toml", spec);

    VendorSpecEditor.setEnabled(file, false, project);

    assertThat(Files.readString(file))
        .isEqualTo(spec.replace("# about the source\n", "enabled = false\n# about the source\n"));
    assertThat(Vendors.read(file, project).enabled()).isFalse();
    // A second toggle rewrites that key: no duplicate key, the file stays valid.
    VendorSpecEditor.setEnabled(file, true, project);
    VendorSpecEditor.setEnabled(file, false, project);
    assertThat(Files.readString(file))
        .isEqualTo(spec.replace("# about the source\n", "enabled = false\n# about the source\n"));
  }

  @Test
  void aFlatSpecWithoutTablesGetsTheKeyAtTheEnd() throws Exception {
    Path file = write("flat.toml", "# flat\ntype = \"path\"\npath = \"../x\"");

    VendorSpecEditor.setEnabled(file, false, project);

    assertThat(Files.readString(file))
        .isEqualTo("# flat\ntype = \"path\"\npath = \"../x\"\nenabled = false\n");
  }

  @Test
  void brokenTomlIsRefusedAndLeftAsItWas() throws Exception {
    Path file = write("bad.toml", "enabled = true\nname = \n");

    assertThatThrownBy(() -> VendorSpecEditor.setEnabled(file, false, project))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("bad.toml: invalid TOML at line 2");
    assertThat(Files.readString(file)).isEqualTo("enabled = true\nname = \n");
  }

  private Path write(String name, String text) throws Exception {
    Path f = project.resolve(name);
    Files.writeString(f, text);
    return f;
  }
}

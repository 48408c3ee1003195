package io.idflow.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import io.idflow.api.IdflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path project;

  private IdflowConfig load(Map<String, String> env, Path cwd) {
    return new ConfigLoader().env(env).workingDir(cwd).load();
  }

  private void writeConfig(String yaml) throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/idflow.yml"), yaml);
  }

  @Test
  void defaultsApplyWithoutAConfigFile() {
    IdflowConfig c = load(Map.of(), project);
    assertThat(c.configFile()).isEmpty();
    assertThat(c.projectRoot()).isEqualTo(project);
    assertThat(c.conductorUrl()).isEqualTo("http://localhost:8080");
    assertThat(c.conductorApiUrl()).isEqualTo("http://localhost:8080/api");
    assertThat(c.baseDir()).isEqualTo(project.resolve("data"));
    assertThat(c.documentImplementation()).isEqualTo("fs_markdown");
    assertThat(c.string("conductor.api_key_env_var")).isEqualTo("CONDUCTOR_API_KEY");
    assertThat(c.source("conductor.server_url")).isEqualTo("default");
  }

  @Test
  void theNearestConfigFileIsFoundFromASubFolderAndBaseDirIsRelativeToTheProject()
      throws IOException {
    writeConfig("base_dir: docs\n");
    Path deep = Files.createDirectories(project.resolve("a/b/c"));
    IdflowConfig c = load(Map.of(), deep);
    assertThat(c.configFile()).contains(project.resolve("config/idflow.yml"));
    assertThat(c.projectRoot()).isEqualTo(project);
    assertThat(c.baseDir()).isEqualTo(project.resolve("docs"));
    assertThat(c.source("base_dir")).isEqualTo("file:../../../config/idflow.yml");
  }

  @Test
  void defaultsAreDeepMerged() throws IOException {
    // The original replaced the whole conductor map and lost api_key_env_var.
    writeConfig("conductor:\n  server_url: http://conductor.example:9000/api/\n");
    IdflowConfig c = load(Map.of(), project);
    assertThat(c.conductorUrl()).isEqualTo("http://conductor.example:9000");
    assertThat(c.string("conductor.api_key_env_var")).isEqualTo("CONDUCTOR_API_KEY");
    assertThat(c.source("conductor.api_key_env_var")).isEqualTo("default");
    assertThat(c.source("conductor.server_url")).startsWith("file:");
  }

  @Test
  void aFileOfCommentsOnlyHoldsNoKeys() throws IOException {
    // idflow init writes such a file: every key commented out.
    writeConfig("# base_dir: data\n\n# conductor:\n#   server_url: http://localhost:8080\n");
    IdflowConfig c = load(Map.of(), project);
    assertThat(c.configFile()).isPresent();
    assertThat(c.string("base_dir")).isEqualTo("data");
  }

  @Test
  void theTopLevelAliasIsAccepted() throws IOException {
    writeConfig("conductor_server_url: http://alias:1234\n");
    assertThat(load(Map.of(), project).conductorUrl()).isEqualTo("http://alias:1234");
  }

  @Test
  void theCanonicalKeyWinsOverTheAlias() throws IOException {
    writeConfig(
        "conductor_server_url: http://alias:1\nconductor:\n  server_url: http://canonical:2\n");
    assertThat(load(Map.of(), project).conductorUrl()).isEqualTo("http://canonical:2");
  }

  @Test
  void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws IOException {
    writeConfig("conductor:\n  server_url: http://file:1\n");
    Map<String, String> env = new HashMap<>();
    env.put("CONDUCTOR_SERVER_URL", "http://sdk-env:2/api");
    IdflowConfig c = load(env, project);
    assertThat(c.conductorUrl()).isEqualTo("http://sdk-env:2");
    assertThat(c.source("conductor.server_url")).isEqualTo("env:CONDUCTOR_SERVER_URL");

    env.put("IDFLOW_CONDUCTOR_URL", "http://idflow-env:3");
    c = load(env, project);
    assertThat(c.conductorUrl()).isEqualTo("http://idflow-env:3");
    assertThat(c.source("conductor.server_url")).isEqualTo("env:IDFLOW_CONDUCTOR_URL");

    c =
        new ConfigLoader()
            .env(env)
            .workingDir(project)
            .flag("conductor.server_url", "http://flag:4", "--server")
            .load();
    assertThat(c.conductorUrl()).isEqualTo("http://flag:4");
    assertThat(c.source("conductor.server_url")).isEqualTo("flag:--server");
  }

  @Test
  void idflowConfigNamesTheFileAndItsFolderIsTheProject() throws IOException {
    Path elsewhere = Files.createDirectories(project.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("my.yml"), "base_dir: store\n");
    IdflowConfig c = load(Map.of("IDFLOW_CONFIG", elsewhere.resolve("my.yml").toString()), project);
    assertThat(c.projectRoot()).isEqualTo(elsewhere);
    assertThat(c.baseDir()).isEqualTo(elsewhere.resolve("store"));
  }

  @Test
  void aMissingIdflowConfigFileIsAConfigurationError() {
    assertThatThrownBy(() -> load(Map.of("IDFLOW_CONFIG", "nope.yml"), project))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("IDFLOW_CONFIG");
  }

  @Test
  void invalidYamlIsAConfigurationErrorWithFileAndLine() throws IOException {
    writeConfig("base_dir: data\nconductor: [unclosed\n");
    assertThatThrownBy(() -> load(Map.of(), project))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("invalid YAML in")
        .hasMessageContaining("idflow.yml")
        .hasMessageContaining("line");
  }

  @Test
  void invalidYamlIsOneLineWithoutTheFilesText() throws IOException {
    writeConfig("base_dir: data\ntoken: \"s3cr3t-value\n");
    assertThatThrownBy(() -> load(Map.of(), project))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("invalid YAML in")
        .hasMessageContaining("(line 3)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("s3cr3t"));
  }

  @Test
  void theConfigFileIsReadAsStrictlyAsAFrontmatter() throws IOException {
    String[][] cases = {
      {"base_dir: a\nbase_dir: b\n", "(line 2): duplicate key 'base_dir'"},
      {"server:\n  port: 1\n  port: 2\n", "(line 3): duplicate key 'server.port'"},
      {"base_dir: !!binary aGVsbG8=\n", "(line 1): base_dir: !!binary values are not supported"},
      {"x: 1\nbase_dir: *nothing\n", "(line 2): base_dir: the alias *nothing has no anchor"},
      {"~: x\n", "(line 1): the key '~' is a null key in YAML"},
    };
    for (String[] c : cases) {
      writeConfig(c[0]);
      assertThatThrownBy(() -> load(Map.of(), project))
          .as(c[0])
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("invalid config file ")
          .hasMessageContaining("config/idflow.yml " + c[1])
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void anchorsAndMergeKeysInTheConfigFileAreResolved() throws IOException {
    writeConfig(
        "common: &c\n  connect_timeout_ms: 1234\nconductor:\n  <<: *c\n  read_timeout_ms: 999\n");
    IdflowConfig config = load(Map.of(), project);
    assertThat(config.get("conductor.connect_timeout_ms")).contains(1234);
    assertThat(config.get("conductor.read_timeout_ms")).contains(999);
  }

  @Test
  void aConfigThatIsNotAMappingIsRejected() throws IOException {
    writeConfig("- a\n- b\n");
    assertThatThrownBy(() -> load(Map.of(), project)).hasMessageContaining("expected a mapping");
  }

  @Test
  void anEmptyConfigFileMeansDefaults() throws IOException {
    writeConfig("");
    assertThat(load(Map.of(), project).conductorUrl()).isEqualTo("http://localhost:8080");
  }

  @Test
  void aUrlThatIsNotHttpIsRejectedNamingItsSource() {
    IdflowConfig c = load(Map.of("IDFLOW_CONDUCTOR_URL", "localhost:8080"), project);
    assertThatThrownBy(c::conductorUrl)
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("env:IDFLOW_CONDUCTOR_URL")
        .hasMessageContaining("localhost:8080");
  }

  @Test
  void typedAccessorsNameTheKeyOnBadValues() throws IOException {
    // Keys idflow knows are checked at load (ConfigValidationFaultTest); these are a module's own.
    writeConfig("server:\n  custom: eighty\n  flag: maybe\n");
    IdflowConfig c = load(Map.of(), project);
    assertThatThrownBy(() -> c.integer("server.custom", 1)).hasMessageContaining("server.custom");
    assertThatThrownBy(() -> c.bool("server.flag", true)).hasMessageContaining("server.flag");
    assertThat(c.integer("server.missing", 7)).isEqualTo(7);
  }

  @Test
  void entriesMaskSecretsAndNeverPrintThem() {
    IdflowConfig c = load(Map.of("CONDUCTOR_API_KEY", "s3cr3t"), project);
    assertThat(c.entries())
        .filteredOn(e -> e.key().equals("conductor.api_key"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.value()).isEqualTo("****");
              assertThat(e.source()).isEqualTo("env:CONDUCTOR_API_KEY");
            });
    assertThat(c.entries().toString()).doesNotContain("s3cr3t");
  }
}

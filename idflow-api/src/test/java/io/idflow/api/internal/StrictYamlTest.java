package io.idflow.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader shared by frontmatters and the config file: what it refuses, and where. */
class StrictYamlTest {

  private static StrictYaml.Refused refused(String yaml) {
    StrictYaml.Refused r =
        catchThrowableOfType(StrictYaml.Refused.class, () -> StrictYaml.read(yaml));
    assertThat(r).as("refused: " + yaml).isNotNull();
    assertThat(r.getMessage()).as("one line").doesNotContain("\n");
    return r;
  }

  @Test
  void aNullKeyIsRefusedInEachSpellingWithItsLine() {
    for (String key : new String[] {"~", "null", "Null", "NULL", "!!null x"}) {
      StrictYaml.Refused r = refused("a: 1\n" + key + ": x\n");
      assertThat(r.getMessage()).contains("is a null key in YAML").contains("quote it");
      assertThat(r.line()).isEqualTo(2);
    }
    assertThat(refused("? \n: x\n").getMessage()).contains("the key '' is a null key");
    assertThat(refused("m:\n  ~: x\n").getMessage()).startsWith("m: the key '~' is a null key");
  }

  @Test
  void aQuotedOrStringTaggedNullWordIsAnOrdinaryKey() throws Exception {
    assertThat(StrictYaml.read("'~': a\n\"null\": b\n!!str NULL: c\n"))
        .isEqualTo(Map.of("~", "a", "null", "b", "NULL", "c"));
  }

  @Test
  void aDuplicateKeyIsRefusedAtTheSecondKeysLine() {
    StrictYaml.Refused r = refused("a: 1\nb:\n  c: 1\n  c:\n    d: 2\n");
    assertThat(r.getMessage()).isEqualTo("duplicate key 'b.c'");
    assertThat(r.line()).isEqualTo(4);
  }

  @Test
  void binaryAndAnAliasWithoutAnchorAreRefusedWithTheirKey() {
    StrictYaml.Refused binary = refused("x: 1\nblob: !!binary aGVsbG8=\n");
    assertThat(binary.getMessage()).startsWith("blob: !!binary values are not supported");
    assertThat(binary.line()).isEqualTo(2);
    StrictYaml.Refused alias = refused("x: 1\n\nm: *nowhere\n");
    assertThat(alias.getMessage()).isEqualTo("m: the alias *nowhere has no anchor before it");
    assertThat(alias.line()).isEqualTo(3);
  }
}

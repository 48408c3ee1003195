package io.idflow.api.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.internal.Json;
import io.idflow.api.value.internal.Values;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The writer and the fast reader against the general YAML parser: whatever the writer writes reads
 * back equal, and the fast reader either agrees with the general parser or gives up.
 */
class YamlFormatTest {

  private static final List<String> TRICKY =
      List.of(
          "",
          " ",
          "plain",
          "two words",
          "0.8",
          "1",
          "-1",
          "+1",
          "007",
          "0x1F",
          "0o17",
          "1_000",
          "1e5",
          "1.0E10",
          ".5",
          "12:30",
          "12:30:45",
          "2024-01-15",
          "2024-01-15T10:30:00Z",
          "true",
          "True",
          "TRUE",
          "false",
          "yes",
          "Yes",
          "no",
          "NO",
          "on",
          "Off",
          "y",
          "N",
          "null",
          "Null",
          "NULL",
          "~",
          "nan",
          "NaN",
          ".nan",
          "inf",
          ".inf",
          "-.inf",
          "Infinity",
          "a: b",
          "a:b",
          "ends with colon:",
          "hash # comment",
          "C#",
          "#start",
          "- dash",
          "-",
          "--",
          "---",
          "...",
          "? q",
          "[a, b]",
          "{a: 1}",
          "&anchor",
          "*alias",
          "!tag",
          "|",
          ">",
          "%percent",
          "@at",
          "`tick",
          "'single'",
          "\"double\"",
          "it's",
          "say \"hi\"",
          "trailing space ",
          " leading space",
          "double  space",
          "tab\there",
          "line\nbreak",
          "cr\rlf",
          "back\\slash",
          "unicode äöü ß",
          "日本語",
          "emoji 😀",
          "nel\u0085x",
          "ls\u2028x",
          "bom\ufeffx",
          "bell\u0007",
          "del\u007f",
          "https://example.com/a?b=c#d",
          "meta.owner",
          "_doc_refs",
          "=",
          "<<",
          "a,b",
          "x]",
          "x}",
          "x ,y",
          "5d26a3cc-1d04-4ed8-a702-8a658609daa9",
          "12345678-1234-1234-1234-123456789012",
          "1234e567-1234-1234-1234-123456789012",
          "2024e567-1234-1234-1234-123456789012",
          "12345678-1234-1234-1234-12345678901");

  @Test
  void everyTrickyStringReadsBackAsTheSameString() throws Exception {
    for (String s : TRICKY) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("v", s);
      map.put(s.isEmpty() ? "empty" : s, "as key");
      String yaml = YamlWriter.write(map);
      assertThat(general(yaml)).as("general parser on %s", yaml).isEqualTo(map);
      Map<String, Object> fast = FastYamlReader.read(yaml);
      if (fast != null) {
        assertThat(fast).as("fast reader on %s", yaml).isEqualTo(map);
      }
    }
  }

  @Test
  void plainScalarsAreOnlyUsedWhenUnambiguous() {
    assertThat(YamlWriter.write(Map.of("a", "Observability"))).isEqualTo("a: Observability\n");
    assertThat(YamlWriter.write(Map.of("a", "0.8"))).isEqualTo("a: \"0.8\"\n");
    assertThat(YamlWriter.write(Map.of("a", "true"))).isEqualTo("a: \"true\"\n");
    assertThat(YamlWriter.write(Map.of("a", "null"))).isEqualTo("a: \"null\"\n");
    assertThat(YamlWriter.write(Map.of("a", "Yes"))).isEqualTo("a: \"Yes\"\n");
    assertThat(YamlWriter.write(Map.of("id", "12345678-1234-1234-1234-123456789012")))
        .isEqualTo("id: 12345678-1234-1234-1234-123456789012\n");
  }

  @Test
  void randomNestedValuesRoundTripThroughBothReaders() throws Exception {
    Random random = new Random(42);
    int fastHits = 0;
    for (int i = 0; i < 3000; i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map =
          (Map<String, Object>) Values.normalize(randomMap(random, 0), "root");
      String yaml = YamlWriter.write(map);
      assertThat(general(yaml)).as(yaml).isEqualTo(map);
      Map<String, Object> fast = FastYamlReader.read(yaml);
      if (fast != null) {
        fastHits++;
        assertThat(fast).as(yaml).isEqualTo(map);
      }
    }
    // The fast reader must handle what the writer writes, or it is no use.
    assertThat(fastHits).isEqualTo(3000);
  }

  @Test
  void theFastReaderAgreesWithTheGeneralParserOrGivesUp() throws Exception {
    List<String> corpus =
        List.of(
            "a: 1\n",
            "a: 1 # comment\n",
            "# comment\na: 1\n",
            "a: yes\n",
            "a: Yes\n",
            "a: on\n",
            "a: 2024-01-15\n",
            "a: 0x10\n",
            "a: 1_000\n",
            "a: 1e3\n",
            "a: -0\n",
            "a: 12345678901234567890123\n",
            "a: 3.0\n",
            "a: -2.5e-3\n",
            "a: ~\n",
            "a:\n",
            "a:\nb: 2\n",
            "a: [1, 2]\n",
            "a: {b: 1}\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: |\n  text\n",
            "a: >\n  folded\n",
            "a: multi\n  line\n",
            "a:\n  - 1\n  - 2\n",
            "a:\n- 1\n- - 2\n",
            "a:\n- b: 1\n  c: 2\n- d: 3\n",
            "a:\n  b:\n    c: 1\n",
            "'quoted key': 1\n",
            "\"dq key\": 1\n",
            "1: one\n",
            "true: t\n",
            "a: 'it''s'\n",
            "a: \"tab\\there\"\n",
            "a: \"\\x41\"\n",
            "a: 1\na: 2\n",
            "a: 1\n\nb: 2\n",
            "a:\tb\n",
            "- a\n- b\n",
            "just text\n",
            "a: b: c\n",
            "a: \"unclosed\n",
            "a: 'x'y\n",
            "a: NaN\n",
            "a: nan\n",
            "a: inf\n",
            "a: Infinity\n",
            "a: yEs\n",
            "a: oN\n",
            "a: nULL\n",
            "a: tRUE\n",
            "a: y\n",
            "a: Off\n");
    for (String yaml : corpus) {
      Map<String, Object> fast = FastYamlReader.read(yaml);
      if (fast == null) {
        continue;
      }
      assertThat(fast).as(yaml).isEqualTo(general(yaml));
    }
  }

  @Test
  void keyOrderIsKept() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("zeta", 1);
    map.put("alpha", List.of("x", Map.of("k", "v")));
    map.put("mid", Map.of());
    String yaml = YamlWriter.write(map);
    assertThat(yaml).isEqualTo("zeta: 1\nalpha:\n- x\n- k: v\nmid: {}\n");
    assertThat(FastYamlReader.read(yaml).keySet()).containsExactly("zeta", "alpha", "mid");
  }

  private static Object general(String yaml) throws Exception {
    Object v = Json.YAML.readValue(yaml, Object.class);
    return Values.normalize(v, "root");
  }

  private static Map<String, Object> randomMap(Random r, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = r.nextInt(depth == 0 ? 8 : 4) + (depth == 0 ? 1 : 0);
    for (int i = 0; i < n; i++) {
      m.put(randomString(r), randomValue(r, depth + 1));
    }
    return m;
  }

  private static Object randomValue(Random r, int depth) {
    int kind = r.nextInt(depth > 3 ? 7 : 10);
    return switch (kind) {
      case 0, 1, 2 -> randomString(r);
      case 3 -> r.nextInt(2000) - 1000;
      case 4 -> r.nextBoolean() ? r.nextLong() : new BigInteger(80, r);
      case 5 -> r.nextBoolean() ? r.nextDouble() * 100 : r.nextGaussian() * 1e12;
      case 6 -> r.nextInt(3) == 0 ? null : r.nextBoolean();
      case 7, 8 -> {
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          l.add(randomValue(r, depth + 1));
        }
        yield l;
      }
      default -> randomMap(r, depth);
    };
  }

  private static String randomString(Random r) {
    if (r.nextInt(4) == 0) {
      return TRICKY.get(r.nextInt(TRICKY.size()));
    }
    String alphabet = "abcXYZ019 _-.:#'\"/äß";
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}

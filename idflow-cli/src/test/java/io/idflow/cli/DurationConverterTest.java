package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void readsUnitsBareSecondsAndIso() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationConverter.parse("2H")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationConverter.parse("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void rejectsWhatIsNotAPositiveDuration() {
    for (String bad : new String[] {"", "soon", "0s", "-5m", "5 minutes", "PT-1S", "1.5m"}) {
      assertThatThrownBy(() -> DurationConverter.parse(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class)
          .hasMessageStartingWith("invalid duration '" + bad + "'");
    }
  }

  @Test
  void formatsAsWritten() {
    assertThat(DurationConverter.format(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationConverter.format(Duration.ofHours(1))).isEqualTo("1h");
  }
}

package dev.studiolifecycle.local.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339TimestampTest {

  @ParameterizedTest
  @CsvSource({
    "2016-03-14T01:59:00Z, 2016-03-14T01:59:00Z",
    "2016-03-14T01:59:00.123456Z, 2016-03-14T01:59:00.123456Z",
    "2016-03-14T03:59:00+02:00, 2016-03-14T01:59:00Z",
    "2016-03-13T20:59:00-05:00, 2016-03-14T01:59:00Z"
  })
  void parsesRfc3339TimestampsToTheirInstant(String text, String instant) {
    assertThat(Rfc3339Timestamp.parse(text)).contains(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2016-03-14",
        "2016-03-14T01:59Z",
        "2016-03-14t01:59:00Z",
        "2016-03-14T01:59:00z",
        "2016-03-14 01:59:00Z",
        "2016-03-14T01:59:00",
        "2016-13-14T01:59:00Z",
        "2016-02-30T01:59:00Z",
        "1457920740",
        ""
      })
  void refusesAnythingElse(String text) {
    assertThat(Rfc3339Timestamp.parse(text)).isEmpty();
  }
}

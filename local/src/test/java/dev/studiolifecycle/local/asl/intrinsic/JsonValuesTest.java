package dev.studiolifecycle.local.asl.intrinsic;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonValuesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1                      | 1.0                    | true",
        "1                      | 2                      | false",
        "\"1\"                  | 1                      | false",
        "{\"a\": [1, {\"b\": 2}]} | {\"a\": [1.0, {\"b\": 2}]} | true",
        "{\"a\": 1}             | {\"a\": 1, \"b\": 2}   | false",
        "{\"a\": 1}             | {\"b\": 1}             | false",
        "[1, 2]                 | [2, 1]                 | false",
        "null                   | null                   | true",
        "true                   | \"true\"               | false"
      })
  void comparesJsonValuesWithNumbersByValue(String a, String b, boolean same) {
    assertThat(JsonValues.same(json(a), json(b))).isEqualTo(same);
    assertThat(JsonValues.same(json(b), json(a))).isEqualTo(same);
  }
}

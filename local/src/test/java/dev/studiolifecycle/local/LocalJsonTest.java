package dev.studiolifecycle.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class LocalJsonTest {

  @Test
  void theStrictReaderRefusesADuplicateKeyThatThePlainMapperWouldDropSilently()
      throws JsonProcessingException {
    String twice = "{\"StartAt\": \"A\", \"StartAt\": \"B\"}";
    assertThat(LocalJson.MAPPER.readTree(twice).get("StartAt").asText()).isEqualTo("B");
    assertThatThrownBy(() -> LocalJson.STRICT.readTree(twice))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Duplicate field 'StartAt'");
  }

  @Test
  void theStrictReaderRefusesAnythingAfterTheDocument() {
    assertThatThrownBy(() -> LocalJson.STRICT.readTree("{\"a\": 1} {\"b\": 2}"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Trailing token");
  }

  /** A parser message names places by line and column, without the parser's source marker. */
  @Test
  void aProblemSaysWhereInLinesAndColumnsOnly() {
    assertThatThrownBy(() -> LocalJson.MAPPER.readTree("{\"action\": \"ONBOARD\"\n"))
        .isInstanceOfSatisfying(
            JsonProcessingException.class,
            e ->
                assertThat(LocalJson.problem(e))
                    .isEqualTo(
                        "Unexpected end-of-input: expected close marker for Object (start marker"
                            + " at line: 1, column: 1) (line 2, column 1)"));
  }
}

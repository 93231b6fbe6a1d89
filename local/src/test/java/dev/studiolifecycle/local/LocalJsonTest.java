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
}

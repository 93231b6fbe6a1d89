package dev.studiolifecycle.local.emulator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormDecoderTest {

  @Test
  void decodesPercentAndPlusEncodingKeepingOrder() {
    assertThat(
            FormDecoder.decode(
                "Action=CreateRole&AssumeRolePolicyDocument=%7B%22a%22%3A1%7D"
                    + "&Description=two+words&Empty=&Flag"))
        .containsExactly(
            java.util.Map.entry("Action", "CreateRole"),
            java.util.Map.entry("AssumeRolePolicyDocument", "{\"a\":1}"),
            java.util.Map.entry("Description", "two words"),
            java.util.Map.entry("Empty", ""),
            java.util.Map.entry("Flag", ""));
  }

  @Test
  void anEmptyOrMissingFormHasNoParameters() {
    assertThat(FormDecoder.decode(null)).isEmpty();
    assertThat(FormDecoder.decode("")).isEmpty();
  }
}

package dev.studiolifecycle.local.asl.choice;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.path.PathContext;
import org.junit.jupiter.api.Test;

class ChoiceBranchTest {

  @Test
  void parsesTheDocumentedRuleWithItsNext() {
    ChoiceBranch branch =
        ChoiceBranch.parse(
            json(
                "{\"Variable\": \"$.foo\","
                    + " \"NumericEquals\": 1, \"Next\": \"FirstMatchState\"}"),
            "Check",
            "Choices[0]");
    assertThat(branch.next()).isEqualTo("FirstMatchState");
    assertThat(branch.assignment()).isEmpty();
    assertThat(branch.matches(PathContext.of(json("{\"foo\": 1}")))).isTrue();
    assertThat(branch.matches(PathContext.of(json("{\"foo\": 2}")))).isFalse();
  }

  @Test
  void keepsTheAssignBlock() {
    ChoiceBranch branch =
        ChoiceBranch.parse(
            json(
                "{\"Variable\": \"$.foo\", \"IsPresent\": true,"
                    + " \"Next\": \"X\", \"Assign\": {\"seen\": true}}"),
            "Check",
            "Choices[1]");
    assertThat(branch.assignment()).contains(json("{\"seen\": true}"));
  }

  @Test
  void aTopLevelRuleWithoutNextIsADefinitionError() {
    assertThatThrownBy(
            () ->
                ChoiceBranch.parse(
                    json("{\"Variable\": \"$.foo\"," + " \"NumericEquals\": 1}"),
                    "Check",
                    "Choices[3]"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'Check', field 'Choices[3]'")
        .hasMessageContaining("must have a 'Next'");
    assertThatThrownBy(
            () ->
                ChoiceBranch.parse(
                    json("{\"Variable\": \"$.foo\"," + " \"NumericEquals\": 1, \"Next\": 5}"),
                    "Check",
                    "Choices[3]"))
        .isInstanceOf(DefinitionException.class);
  }
}

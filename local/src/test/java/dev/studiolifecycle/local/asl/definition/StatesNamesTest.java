package dev.studiolifecycle.local.asl.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Names of executions, state machines and Map Run labels, as the Step Functions API reference gives
 * them (StartExecution's and CreateStateMachine's {@code name}).
 */
class StatesNamesTest {

  @Test
  void anUnpairedSurrogateIsRefusedAndAPairIsOneCharacter() {
    assertThatThrownBy(() -> StatesNames.checkName("execution", "lone\ud800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogates");
    assertThatThrownBy(() -> StatesNames.checkName("execution", "low\udc00first"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> StatesNames.checkName("execution", "\ud83d\ude00".repeat(80)))
        .as("80 characters above U+FFFF")
        .doesNotThrowAnyException();
  }

  @Test
  void controlCharactersOfTheC1RangeAndNonCharactersAreRefused() {
    for (String name : new String[] {"a\u0080", "a\u009f", "a\uffff", "a\u2028b", "a\tb"}) {
      assertThatThrownBy(() -> StatesNames.checkName("execution", name))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatCode(() -> StatesNames.checkName("execution", "\u00a1Hola-se\u00f1or_1"))
        .doesNotThrowAnyException();
  }

  /** A Distributed Map's Label (developer guide, "Map state in Distributed mode"): 40 at most. */
  @Test
  void aMapRunLabelHasTheSameCharactersAndAtMost40() {
    assertThat(StatesNames.isName("l".repeat(40), StatesNames.MAX_LABEL)).isTrue();
    assertThat(StatesNames.isName("l".repeat(41), StatesNames.MAX_LABEL)).isFalse();
    assertThat(StatesNames.isName("next\u0085line", StatesNames.MAX_LABEL)).isFalse();
    assertThat(StatesNames.isName("", StatesNames.MAX_LABEL)).isFalse();
  }
}

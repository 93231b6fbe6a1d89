package dev.studiolifecycle.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.error.ValidationError;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViolationsTest {

  @Test
  void collectsFieldAndRule() {
    Violations v =
        new Violations()
            .add("a", "is bad")
            .check("b", Optional.of("is worse"))
            .check("c", Optional.empty())
            .require("d", " ")
            .require("e", "present");
    assertThat(v.list()).containsExactly("a: is bad", "b: is worse", "d: is required");
  }

  @Test
  void throwsOneErrorListingAllViolations() {
    Violations v = new Violations().add("a", "x").add("b", "y");
    assertThatThrownBy(v::throwIfAny)
        .isInstanceOf(ValidationError.class)
        .hasMessage("a: x; b: y")
        .satisfies(e -> assertThat(((ValidationError) e).violations()).hasSize(2));
  }

  @Test
  void throwsNothingWhenEmpty() {
    assertThat(new Violations().isEmpty()).isTrue();
    assertThatNoException().isThrownBy(() -> new Violations().throwIfAny());
  }
}

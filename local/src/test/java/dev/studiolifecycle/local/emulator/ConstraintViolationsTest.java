package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConstraintViolationsTest {

  private static AwsServiceError validation(String message) {
    return AwsServiceError.badRequest("ValidationException", message);
  }

  /** The error the violations make, asserting that there is one. */
  private static AwsServiceError report(ConstraintViolations violations) {
    AwsServiceError error =
        catchThrowableOfType(
            AwsServiceError.class,
            () -> violations.throwIfAny(ConstraintViolationsTest::validation));
    assertThat(error).as("the report of the violations").isNotNull();
    return error;
  }

  @Test
  void throwsNothingWhenNoRuleWasBroken() {
    ConstraintViolations violations = new ConstraintViolations();
    violations.checkString("jane-doe", "userProfileName", Pattern.compile("[a-z-]+"), 1, 63);
    violations.checkRange(10, "maxResults", 1, 100);
    violations.checkEnum("Ascending", "sortOrder", List.of("Ascending", "Descending"));

    assertThatCode(() -> violations.throwIfAny(ConstraintViolationsTest::validation))
        .doesNotThrowAnyException();
  }

  @Test
  void reportsOneViolationInTheSingular() {
    ConstraintViolations violations = new ConstraintViolations();
    violations.missing("roleName");

    AwsServiceError error = report(violations);

    assertThat(error.code()).isEqualTo("ValidationException");
    assertThat(error.getMessage())
        .isEqualTo(
            "1 validation error detected: Value null at 'roleName' failed to satisfy constraint:"
                + " Member must not be null");
  }

  @Test
  void reportsEveryViolationInTheOrderFound() {
    ConstraintViolations violations = new ConstraintViolations();
    violations.checkRange(0, "maxResults", 1, 100);
    violations.checkEnum("Up", "sortOrder", List.of("Ascending", "Descending"));
    violations.add("Value at 'input' failed to satisfy constraint: too large");

    AwsServiceError error = report(violations);

    assertThat(error.getMessage())
        .isEqualTo(
            "3 validation errors detected: Value '0' at 'maxResults' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 1; Value 'Up' at"
                + " 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set:"
                + " [Ascending, Descending]; Value at 'input' failed to satisfy constraint: too"
                + " large");
  }

  @Test
  void checksLengthBeforePatternAndRecordsOnlyTheFirstBrokenRule() {
    Pattern lowerCase = Pattern.compile("[a-z]+");
    ConstraintViolations violations = new ConstraintViolations();
    violations.checkString("", "a", lowerCase, 1, 3);
    violations.checkString("ABCD", "b", lowerCase, 1, 3);
    violations.checkString("AB", "c", lowerCase, 1, 3);

    AwsServiceError error = report(violations);

    assertThat(error.getMessage())
        .isEqualTo(
            "3 validation errors detected: Value '' at 'a' failed to satisfy constraint: Member"
                + " must have length greater than or equal to 1; Value 'ABCD' at 'b' failed to"
                + " satisfy constraint: Member must have length less than or equal to 3; Value"
                + " 'AB' at 'c' failed to satisfy constraint: Member must satisfy regular"
                + " expression pattern: [a-z]+");
  }

  @Test
  void checksTheUpperBoundOfARange() {
    ConstraintViolations violations = new ConstraintViolations();
    violations.checkRange(1001, "maxResults", 0, 1000);

    AwsServiceError error = report(violations);

    assertThat(error.getMessage())
        .endsWith(
            "Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value"
                + " less than or equal to 1000");
  }
}

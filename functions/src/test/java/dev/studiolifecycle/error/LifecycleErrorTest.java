package dev.studiolifecycle.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleErrorTest {

  @Test
  void theErrorNameIsTheFullyQualifiedClassName() {
    assertThat(new ValidationError("a: b").errorName())
        .isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(new ProfileInUse("x").errorName())
        .isEqualTo("dev.studiolifecycle.error.ProfileInUse");
  }

  @Test
  void onlyTransientErrorsAreRetryable() {
    List<LifecycleError> retryable =
        List.of(
            new AwsThrottled("x"),
            new AwsServiceUnavailable("x"),
            new RoleNotYetAssumable("x"),
            new ProfileInUse("x"),
            new ResourceBusy("x"),
            CheckAgain.in(10, "x"));
    List<LifecycleError> final_ =
        List.of(
            new AccessRevoked("x"),
            new AwsRequestFailed("x"),
            new ConfigurationError("x"),
            new DomainNotFound("x"),
            new DomainNotReady("x"),
            new EventSuperseded("x"),
            new ExecutionRoleConflict("x"),
            new ExecutionRoleUnusable("x"),
            new InvalidHrMessage("x"),
            new ProfileConflict("x"),
            new SharedSpaceOwned("x"),
            new ValidationError("x: y"),
            new ResourceFailed("x"),
            new WaitTimedOut("x"));
    assertThat(retryable).allMatch(LifecycleError::retryable);
    assertThat(final_).noneMatch(LifecycleError::retryable);
    assertThat(LifecycleError.class.getPermittedSubclasses())
        .hasSize(retryable.size() + final_.size());
  }

  @Test
  void checkAgainNamesItsDelayInItsErrorName() {
    assertThat(CheckAgain.in(10, "x").errorName())
        .isEqualTo("dev.studiolifecycle.error.CheckAgainIn10Seconds");
    assertThat(CheckAgain.in(30, "x").delaySeconds()).isEqualTo(30);
    assertThat(CheckAgain.class.getPermittedSubclasses()).hasSize(2);
    assertThatThrownBy(() -> CheckAgain.in(20, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no Retry entry waits 20 s");
  }

  @Test
  void aValidationErrorListsItsViolations() {
    ValidationError error = new ValidationError(List.of("a: is required", "b: is bad"));
    assertThat(error.getMessage()).isEqualTo("a: is required; b: is bad");
    assertThat(error.violations()).containsExactly("a: is required", "b: is bad");
    assertThatThrownBy(() -> new ValidationError(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

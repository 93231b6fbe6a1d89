package dev.studiolifecycle.error;

import java.util.List;

/**
 * Input that breaks the contract. Each violation names the field and the rule ({@code
 * userProfileName: must fully match ...}); the message lists all of them, so one attempt reports
 * every problem.
 */
public final class ValidationError extends LifecycleError {

  private static final long serialVersionUID = 1L;

  private final List<String> violations;

  public ValidationError(List<String> violations) {
    super(String.join("; ", requireNonEmpty(violations)), false);
    this.violations = List.copyOf(violations);
  }

  public ValidationError(String violation) {
    this(List.of(violation));
  }

  /** One entry per broken rule, each of the form {@code field: rule}. */
  public List<String> violations() {
    return violations;
  }

  private static List<String> requireNonEmpty(List<String> violations) {
    if (violations == null || violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationError needs at least one violation");
    }
    return violations;
  }
}

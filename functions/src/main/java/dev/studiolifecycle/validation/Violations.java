package dev.studiolifecycle.validation;

import dev.studiolifecycle.error.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects every broken rule of one input, so a single error reports all of them. */
public final class Violations {

  private final List<String> found = new ArrayList<>();

  /** Records that {@code field} breaks {@code rule}. */
  public Violations add(String field, String rule) {
    found.add(field + ": " + rule);
    return this;
  }

  /** Records the rule {@code field} breaks, if any. */
  public Violations check(String field, Optional<String> brokenRule) {
    brokenRule.ifPresent(rule -> add(field, rule));
    return this;
  }

  /** Records {@code field: is required} when the value is missing or blank. */
  public Violations require(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(field, "is required");
    }
    return this;
  }

  /** Refuses, naming the fields, a step input that does not say which user of which domain. */
  public static void requireProfile(String domainId, String userProfileName) {
    new Violations()
        .require("domainId", domainId)
        .require("userProfileName", userProfileName)
        .throwIfAny();
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<String> list() {
    return List.copyOf(found);
  }

  /** Throws a {@link ValidationError} listing every violation, if there is any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ValidationError(found);
    }
  }
}

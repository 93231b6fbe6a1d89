package dev.studiolifecycle.local.emulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The constraint violations of one request, in the words the AWS front ends use ("Value 'x' at
 * 'roleName' failed to satisfy constraint: ..."), reported together as "2 validation errors
 * detected: ...". Each service's input reader decides how it names members and which error code
 * carries the report; the wording of the rules is the same across services.
 */
public final class ConstraintViolations {

  private final List<String> messages = new ArrayList<>();

  /** Records that the member at {@code path} is required but absent. */
  public void missing(String path) {
    messages.add(
        "Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
  }

  /** Records that {@code value} at {@code path} breaks {@code constraint}. */
  public void add(Object value, String path, String constraint) {
    messages.add(
        "Value '" + value + "' at '" + path + "' failed to satisfy constraint: " + constraint);
  }

  /** Records a violation whose message does not follow the value-at-path form. */
  public void add(String message) {
    messages.add(message);
  }

  /**
   * Checks a string's length (too short first, then too long) and then, when {@code pattern} is not
   * null, that the pattern matches it whole; records the first rule it breaks.
   */
  public void checkString(String text, String path, Pattern pattern, int minLength, int maxLength) {
    checkString(text, path, pattern, minLength, maxLength, false);
  }

  /**
   * As above; for a member the model marks sensitive ({@code hideValue}) the report leaves the
   * value out, "Value at 'password' failed to satisfy constraint: ...", as AWS's front ends do.
   */
  public void checkString(
      String text, String path, Pattern pattern, int minLength, int maxLength, boolean hideValue) {
    String broken = null;
    if (text.length() < minLength) {
      broken = "Member must have length greater than or equal to " + minLength;
    } else if (text.length() > maxLength) {
      broken = "Member must have length less than or equal to " + maxLength;
    } else if (pattern != null && !pattern.matcher(text).matches()) {
      broken = "Member must satisfy regular expression pattern: " + pattern.pattern();
    }
    if (broken != null && hideValue) {
      add("Value at '" + path + "' failed to satisfy constraint: " + broken);
    } else if (broken != null) {
      add(text, path, broken);
    }
  }

  /** Checks that {@code number} lies between {@code min} and {@code max}, both included. */
  public void checkRange(long number, String path, long min, long max) {
    if (number < min) {
      add(number, path, "Member must have value greater than or equal to " + min);
    } else if (number > max) {
      add(number, path, "Member must have value less than or equal to " + max);
    }
  }

  /** Checks that {@code value} is one of {@code allowed}, listed in the order given. */
  public void checkEnum(String value, String path, Collection<String> allowed) {
    if (!allowed.contains(value)) {
      add(value, path, "Member must satisfy enum value set: " + allowed);
    }
  }

  /**
   * Throws the error {@code validationError} makes of the report when any violation was recorded.
   */
  public void throwIfAny(Function<String, AwsServiceError> validationError) {
    if (messages.isEmpty()) {
      return;
    }
    String count =
        messages.size() == 1 ? "1 validation error" : messages.size() + " validation errors";
    throw validationError.apply(count + " detected: " + String.join("; ", messages));
  }
}

package dev.studiolifecycle.local.emulator;

/**
 * A seed the emulator cannot take (a scenario's mistake, not an AWS error answer): the field at
 * fault, when there is one, and why. A scenario file reports it at the seed's place in the file.
 */
public final class SeedException extends IllegalArgumentException {

  private final String field;
  private final String reason;

  private SeedException(String field, String reason) {
    super(field == null ? reason : field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** Refuses the seed as a whole unless {@code condition} holds. */
  public static void require(boolean condition, String reason) {
    if (!condition) {
      throw new SeedException(null, reason);
    }
  }

  /** Refuses the seed, naming {@code field}, unless {@code condition} holds. */
  public static void require(boolean condition, String field, String reason) {
    if (!condition) {
      throw new SeedException(field, reason);
    }
  }

  /**
   * The refusal of a seed naming {@code field}, for a caller to throw (a lookup that found none).
   */
  public static SeedException naming(String field, String reason) {
    return new SeedException(field, reason);
  }

  /** Refuses the seed as a whole, for what a service's own check found wrong in it. */
  public static SeedException because(String reason, Throwable cause) {
    SeedException refusal = new SeedException(null, reason);
    refusal.initCause(cause);
    return refusal;
  }

  /** {@code value}, which the seed must have. */
  public static <T> T required(T value, String field) {
    require(value != null, field, "is required");
    return value;
  }

  /** The field at fault, or null when the seed as a whole is. */
  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}

package dev.studiolifecycle.error;

/**
 * Not done yet, and nothing is wrong: what the step waits for (a profile becoming InService, apps,
 * spaces and a profile being deleted) is still under way. The state machine retries the step after
 * the delay the subclass names, each with its own Retry entry (IntervalSeconds, BackoffRate 1), so
 * that a poll costs one state transition and no Wait loop. The step itself ends the wait with
 * {@link WaitTimedOut} when its bound is reached.
 */
public abstract sealed class CheckAgain extends LifecycleError
    permits CheckAgainIn10Seconds, CheckAgainIn30Seconds {

  private static final long serialVersionUID = 1L;

  CheckAgain(String message) {
    super(message, true);
  }

  /** The delay of the state machine's Retry entry for this error. */
  public abstract int delaySeconds();

  /** The error that asks for a check after {@code seconds}: 10 or 30. */
  public static CheckAgain in(int seconds, String message) {
    return switch (seconds) {
      case 10 -> new CheckAgainIn10Seconds(message);
      case 30 -> new CheckAgainIn30Seconds(message);
      default -> throw new IllegalArgumentException("no Retry entry waits " + seconds + " s");
    };
  }
}

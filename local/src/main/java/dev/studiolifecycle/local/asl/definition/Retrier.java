package dev.studiolifecycle.local.asl.definition;

import java.time.Duration;
import java.util.List;

/**
 * One element of a state's "Retry" array.
 *
 * @param maxDelaySeconds the cap on any one delay, or 0 when the retrier sets none (the field must
 *     be positive when present, so 0 cannot be written)
 */
public record Retrier(
    List<String> errorEquals,
    long intervalSeconds,
    int maxAttempts,
    double backoffRate,
    long maxDelaySeconds,
    JitterStrategy jitterStrategy) {

  public static final long DEFAULT_INTERVAL_SECONDS = 1;
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final double DEFAULT_BACKOFF_RATE = 2.0;

  public Retrier {
    errorEquals = List.copyOf(errorEquals);
  }

  /**
   * The delay before retry number {@code retriesSoFar + 1} of this retrier, before jitter:
   * IntervalSeconds x BackoffRate^retriesSoFar, capped by MaxDelaySeconds, to the millisecond.
   */
  public Duration delayBefore(int retriesSoFar) {
    double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
    if (maxDelaySeconds > 0) {
      seconds = Math.min(seconds, maxDelaySeconds);
    }
    // Cap far beyond any real delay so that a huge BackoffRate cannot overflow a Duration.
    seconds = Math.min(seconds, 1.0e12);
    return Duration.ofMillis(Math.round(seconds * 1000.0));
  }
}

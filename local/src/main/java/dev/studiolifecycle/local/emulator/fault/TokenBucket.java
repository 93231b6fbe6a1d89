package dev.studiolifecycle.local.emulator.fault;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket that the simulation clock refills: {@code burst} tokens at most, {@code
 * ratePerSecond} new tokens per second of clock time. Starts full.
 */
public final class TokenBucket {

  private final double ratePerSecond;
  private final int burst;
  private double tokens;
  private Instant lastRefill;

  public TokenBucket(double ratePerSecond, int burst, Instant start) {
    if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException(
          "ratePerSecond must be a finite number >= 0, got " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, got " + burst);
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefill = start;
  }

  /** Takes one token if there is one; false means the call is throttled. */
  public synchronized boolean tryTake(Instant now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  public synchronized boolean hasToken(Instant now) {
    refill(now);
    return tokens >= 1;
  }

  public synchronized double available(Instant now) {
    refill(now);
    return tokens;
  }

  private void refill(Instant now) {
    if (now.isAfter(lastRefill)) {
      double seconds = Duration.between(lastRefill, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + seconds * ratePerSecond);
      lastRefill = now;
    }
  }
}

package dev.studiolifecycle.local.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Virtual time: it stands still until the simulation advances it, and never goes back. */
public final class VirtualClock extends SimulationClock {

  /** Where virtual time starts unless a caller says otherwise; fixed so that runs repeat. */
  public static final Instant DEFAULT_ORIGIN = Instant.parse("2026-01-05T09:00:00Z");

  private Instant now;

  public VirtualClock() {
    this(DEFAULT_ORIGIN);
  }

  public VirtualClock(Instant origin) {
    this.now = Objects.requireNonNull(origin, "origin");
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  /** Moves time forward by {@code duration}; a negative duration is refused. */
  public synchronized Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("virtual time cannot go back: " + duration);
    }
    now = now.plus(duration);
    return now;
  }

  /** Moves time forward to {@code target}; a target in the past leaves the clock unchanged. */
  public synchronized Instant advanceTo(Instant target) {
    if (target.isAfter(now)) {
      now = target;
    }
    return now;
  }
}

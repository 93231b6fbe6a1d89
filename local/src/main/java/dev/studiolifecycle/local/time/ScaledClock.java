package dev.studiolifecycle.local.time;

import java.time.Duration;
import java.time.Instant;

/** Real time sped up by a factor, for the standalone emulator: scale 60 turns a minute into 1 s. */
public final class ScaledClock extends SimulationClock {

  private final Instant origin;
  private final long startNanos;
  private final double scale;

  public ScaledClock(Instant origin, double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("time scale must be a positive number, got " + scale);
    }
    this.origin = origin;
    this.startNanos = System.nanoTime();
    this.scale = scale;
  }

  public double scale() {
    return scale;
  }

  @Override
  public boolean isVirtual() {
    return false;
  }

  @Override
  public Instant instant() {
    long elapsed = System.nanoTime() - startNanos;
    return origin.plusNanos((long) (elapsed * scale));
  }

  /** The real time that passes while this clock moves by {@code simulated}. */
  public Duration realDurationOf(Duration simulated) {
    return Duration.ofNanos((long) (simulated.toNanos() / scale));
  }
}

package dev.studiolifecycle.local.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock that the emulator and the interpreter share: virtual (advanced by whoever drives the
 * simulation) or real time scaled by a factor (the standalone emulator).
 */
public abstract sealed class SimulationClock extends Clock permits VirtualClock, ScaledClock {

  @Override
  public final ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public final Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("the simulation clock runs in UTC only");
    }
    return this;
  }

  /** Whether time moves only when the simulation advances it. */
  public abstract boolean isVirtual();

  @Override
  public abstract Instant instant();
}

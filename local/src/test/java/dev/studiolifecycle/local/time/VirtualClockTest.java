package dev.studiolifecycle.local.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

  @Test
  void standsStillUntilAdvanced() {
    VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(clock.instant());
    clock.advance(Duration.ofMinutes(20));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:20:00Z"));
  }

  @Test
  void neverGoesBack() {
    VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    clock.advanceTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot go back");
  }
}

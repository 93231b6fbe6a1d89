package dev.studiolifecycle.local.emulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void startsFullAndRefillsAtTheRateUpToTheBurst() {
    TokenBucket bucket = new TokenBucket(2.0, 3, T0);

    assertThat(bucket.tryTake(T0)).isTrue();
    assertThat(bucket.tryTake(T0)).isTrue();
    assertThat(bucket.tryTake(T0)).isTrue();
    assertThat(bucket.tryTake(T0)).isFalse();
    assertThat(bucket.tryTake(T0.plusMillis(499))).isFalse();
    assertThat(bucket.tryTake(T0.plusMillis(500))).isTrue();
    assertThat(bucket.available(T0.plusSeconds(3600))).isEqualTo(3.0);
  }

  @Test
  void aZeroRateNeverRefills() {
    TokenBucket bucket = new TokenBucket(0, 1, T0);

    assertThat(bucket.tryTake(T0)).isTrue();
    assertThat(bucket.tryTake(T0.plusSeconds(86400))).isFalse();
  }

  @Test
  void refusesABurstBelowOneOrANegativeRate() {
    assertThatThrownBy(() -> new TokenBucket(1, 0, T0)).hasMessageContaining("burst");
    assertThatThrownBy(() -> new TokenBucket(-1, 1, T0)).hasMessageContaining("ratePerSecond");
  }
}

package dev.studiolifecycle.local.emulator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SageMakerTimingsTest {

  private static final Duration DAY = Duration.ofDays(1);

  private static List<Duration> durations(SageMakerTimings t) {
    return List.of(
        t.domainReady(),
        t.userProfileReady(),
        t.userProfileUpdate(),
        t.userProfileDelete(),
        t.appStart(),
        t.appDelete(),
        t.deletedAppRetention(),
        t.spaceReady(),
        t.spaceDelete());
  }

  @Test
  void eachWithMethodChangesOnlyItsOwnDuration() {
    SageMakerTimings d = SageMakerTimings.defaults();
    List<SageMakerTimings> changed =
        List.of(
            d.withDomainReady(DAY),
            d.withUserProfileReady(DAY),
            d.withUserProfileUpdate(DAY),
            d.withUserProfileDelete(DAY),
            d.withAppStart(DAY),
            d.withAppDelete(DAY),
            d.withDeletedAppRetention(DAY),
            d.withSpaceReady(DAY),
            d.withSpaceDelete(DAY));

    for (int i = 0; i < changed.size(); i++) {
      List<Duration> expected = new ArrayList<>(durations(d));
      expected.set(i, DAY);
      assertThat(durations(changed.get(i))).as("with method %d", i).isEqualTo(expected);
    }
  }

  @Test
  void refusesANegativeDurationNamingIt() {
    assertThatThrownBy(() -> SageMakerTimings.defaults().withAppDelete(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("appDelete must not be negative, got PT-1S");
  }
}

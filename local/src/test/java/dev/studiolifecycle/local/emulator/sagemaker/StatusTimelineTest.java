package dev.studiolifecycle.local.emulator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusTimelineTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void appliesDueStepsInOrderAndRemembersWhenTheStatusChanged() {
    StatusTimeline<AppStatus> timeline = new StatusTimeline<>(AppStatus.DELETING, T0);
    timeline.then(AppStatus.DELETED, T0.plusSeconds(120));
    timeline.thenGone(T0.plusSeconds(3720));

    timeline.settle(T0.plusSeconds(119));
    assertThat(timeline.status()).isEqualTo(AppStatus.DELETING);
    timeline.settle(T0.plusSeconds(500));
    assertThat(timeline.status()).isEqualTo(AppStatus.DELETED);
    assertThat(timeline.changedAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(timeline.gone()).isFalse();
    timeline.settle(T0.plusSeconds(3720));
    assertThat(timeline.gone()).isTrue();
  }

  @Test
  void settingAStatusDropsWhatWasScheduled() {
    StatusTimeline<ResourceStatus> timeline = new StatusTimeline<>(ResourceStatus.PENDING, T0);
    timeline.then(ResourceStatus.IN_SERVICE, T0.plusSeconds(10));

    timeline.set(ResourceStatus.DELETING, T0.plusSeconds(5));
    timeline.settle(T0.plusSeconds(60));

    assertThat(timeline.status()).isEqualTo(ResourceStatus.DELETING);
    assertThat(timeline.changedAt()).isEqualTo(T0.plusSeconds(5));
  }
}

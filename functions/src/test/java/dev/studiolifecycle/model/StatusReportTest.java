package dev.studiolifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusReportTest {

  private static final StatusItem ITEM =
      new StatusItem(ResourceKind.PROFILE, "d-a", "jane", null, null, null, "InService", null);

  @Test
  void isCompleteWhenNothingIsInProgress() {
    StatusReport report =
        StatusReport.of(StatusMode.AWAIT_READY, List.of(), List.of(ITEM), List.of());
    assertThat(report.complete()).isTrue();
    assertThat(report.anyFailed()).isFalse();
  }

  @Test
  void isIncompleteWhileSomethingIsInProgressAndFlagsFailures() {
    StatusReport report =
        StatusReport.of(StatusMode.AWAIT_DELETION, List.of(ITEM), List.of(), List.of(ITEM));
    assertThat(report.complete()).isFalse();
    assertThat(report.anyFailed()).isTrue();
  }
}

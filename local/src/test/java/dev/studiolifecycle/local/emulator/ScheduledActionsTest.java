package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledActionsTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private final ScheduledActions actions = new ScheduledActions();
  private final List<String> performed = new ArrayList<>();

  private void schedule(int secondsAfterT0, String name) {
    actions.schedule(
        T0.plusSeconds(secondsAfterT0),
        name,
        at -> performed.add(name + "@" + at.getEpochSecond()));
  }

  @Test
  void performsOnlyTheDueActionsOldestFirstEachAtItsOwnTime() {
    schedule(60, "second");
    schedule(30, "first");
    schedule(90, "later");

    List<ScheduledActions.Applied> done = actions.applyDue(T0.plusSeconds(75));

    long t0 = T0.getEpochSecond();
    assertThat(performed).containsExactly("first@" + (t0 + 30), "second@" + (t0 + 60));
    assertThat(done)
        .extracting(ScheduledActions.Applied::description, ScheduledActions.Applied::due)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first", T0.plusSeconds(30)),
            org.assertj.core.groups.Tuple.tuple("second", T0.plusSeconds(60)));
    assertThat(actions.pendingCount()).isOne();
  }

  @Test
  void anActionDueExactlyNowIsPerformedAndNoneIsPerformedTwice() {
    schedule(30, "once");

    assertThat(actions.applyDue(T0.plusSeconds(29))).isEmpty();
    assertThat(actions.applyDue(T0.plusSeconds(30))).hasSize(1);
    assertThat(actions.applyDue(T0.plusSeconds(300))).isEmpty();
    assertThat(performed).hasSize(1);
    assertThat(actions.applied()).hasSize(1);
    assertThat(actions.pendingCount()).isZero();
  }

  @Test
  void actionsDueAtTheSameTimeRunInTheOrderTheyWereScheduled() {
    schedule(10, "a");
    schedule(10, "b");
    schedule(10, "c");

    actions.applyDue(T0.plusSeconds(10));

    assertThat(performed).extracting(p -> p.substring(0, 1)).containsExactly("a", "b", "c");
  }

  @Test
  void aRefusedActionIsRecordedWithTheServicesAnswerAndTheNextOnesStillRun() {
    actions.schedule(
        T0.plusSeconds(5),
        "DeleteApp Canvas/default of user profile jane-doe",
        at -> {
          throw AwsServiceError.badRequest("ResourceNotFound", "App does not exist.");
        });
    schedule(6, "next");

    List<ScheduledActions.Applied> done = actions.applyDue(T0.plusSeconds(10));

    assertThat(done.get(0).accepted()).isFalse();
    assertThat(done.get(0).refusal()).isEqualTo("ResourceNotFound: App does not exist.");
    assertThat(done.get(1).accepted()).isTrue();
    assertThat(done.get(1).refusal()).isNull();
    assertThat(performed).hasSize(1);
  }
}

package dev.studiolifecycle.local.asl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.time.ScaledClock;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventSchedulerTest {

  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void runsActionsInTimeOrderThenInTheOrderTheyWereScheduled() {
    VirtualClock clock = new VirtualClock(START);
    EventScheduler scheduler = new EventScheduler(clock);
    List<String> order = new ArrayList<>();
    scheduler.schedule(START.plusSeconds(10), () -> order.add("b@10"));
    scheduler.schedule(START.plusSeconds(5), () -> order.add("a@5"));
    scheduler.schedule(START.plusSeconds(10), () -> order.add("c@10"));
    scheduler.schedule(START, () -> order.add("now"));
    scheduler.runUntilIdle();
    assertThat(order).containsExactly("now", "a@5", "b@10", "c@10");
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(10));
  }

  @Test
  void virtualTimeJumpsToTheNextActionAndActionsMayScheduleMore() {
    VirtualClock clock = new VirtualClock(START);
    EventScheduler scheduler = new EventScheduler(clock);
    List<Instant> seen = new ArrayList<>();
    scheduler.schedule(
        Duration.ofDays(1),
        () -> {
          seen.add(clock.instant());
          scheduler.schedule(Duration.ofDays(365), () -> seen.add(clock.instant()));
        });
    scheduler.runUntilIdle();
    assertThat(seen)
        .containsExactly(START.plus(Duration.ofDays(1)), START.plus(Duration.ofDays(366)));
    assertThat(scheduler.isIdle()).isTrue();
  }

  @Test
  void anActionInThePastRunsAtTheCurrentTime() {
    VirtualClock clock = new VirtualClock(START);
    EventScheduler scheduler = new EventScheduler(clock);
    List<Instant> seen = new ArrayList<>();
    scheduler.schedule(START.minusSeconds(60), () -> seen.add(clock.instant()));
    scheduler.runUntilIdle();
    assertThat(seen).containsExactly(START);
  }

  @Test
  void runUntilStopsAsSoonAsTheConditionHolds() {
    VirtualClock clock = new VirtualClock(START);
    EventScheduler scheduler = new EventScheduler(clock);
    List<Integer> ran = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      int n = i;
      scheduler.schedule(START.plusSeconds(i), () -> ran.add(n));
    }
    assertThat(scheduler.runUntil(() -> ran.size() == 2)).isTrue();
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(2));
    assertThat(scheduler.runUntil(() -> ran.size() == 99)).isFalse();
    assertThat(ran).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aScaledClockWaitsTheScaledRealTime() {
    // 1 000 000x faster than real time: a minute of simulation is 60 microseconds of waiting.
    ScaledClock clock = new ScaledClock(START, 1_000_000);
    EventScheduler scheduler = new EventScheduler(clock);
    List<Instant> seen = new ArrayList<>();
    Instant due = clock.instant().plus(Duration.ofMinutes(1));
    scheduler.schedule(due, () -> seen.add(clock.instant()));
    scheduler.runUntilIdle();
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).isAfterOrEqualTo(due);
  }

  @Test
  void theBackgroundThreadRunsWhatOtherThreadsSchedule() throws Exception {
    EventScheduler scheduler = new EventScheduler(new VirtualClock(START));
    scheduler.startBackground();
    CountDownLatch ran = new CountDownLatch(2);
    scheduler.schedule(Duration.ofHours(2), ran::countDown);
    scheduler.schedule(Duration.ofHours(1), ran::countDown);
    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(scheduler::runUntilIdle).isInstanceOf(IllegalStateException.class);
    scheduler.close();
    assertThatThrownBy(() -> scheduler.schedule(Duration.ZERO, () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}

package dev.studiolifecycle.local.emulator.sagemaker;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The status of a resource as a function of clock time: a current status plus scheduled steps
 * ("InService at t1", "gone at t2"). Settling against the clock applies the steps that are due, so
 * advancing virtual time is all it takes to move a resource along.
 */
final class StatusTimeline<S> {

  private record Step<S>(Instant at, S status) {}

  private final Deque<Step<S>> steps = new ArrayDeque<>();
  private S status;
  private Instant changedAt;
  private boolean gone;

  StatusTimeline(S initial, Instant at) {
    this.status = Objects.requireNonNull(initial, "initial");
    this.changedAt = Objects.requireNonNull(at, "at");
  }

  /** Applies every step due at {@code now}. */
  void settle(Instant now) {
    while (!steps.isEmpty() && !steps.peekFirst().at().isAfter(now)) {
      Step<S> step = steps.pollFirst();
      if (step.status() == null) {
        gone = true;
        steps.clear();
        return;
      }
      status = step.status();
      changedAt = step.at();
    }
  }

  S status() {
    return status;
  }

  Instant changedAt() {
    return changedAt;
  }

  boolean gone() {
    return gone;
  }

  /** Sets the status now and drops whatever was scheduled. */
  void set(S newStatus, Instant now) {
    steps.clear();
    status = Objects.requireNonNull(newStatus, "newStatus");
    changedAt = now;
  }

  /** Schedules {@code next} at {@code at}, after the steps already scheduled. */
  void then(S next, Instant at) {
    steps.addLast(new Step<>(at, Objects.requireNonNull(next, "next")));
  }

  /** Schedules the resource's disappearance at {@code at}. */
  void thenGone(Instant at) {
    steps.addLast(new Step<>(at, null));
  }
}

package dev.studiolifecycle.local.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * What happens outside the calls the emulator serves, at chosen simulation times: a Studio user
 * opening or deleting an app or a space while a workflow runs (a scenario's {@code timeline}).
 * Nothing runs the actions on a timer: before the emulator serves a request it performs every
 * action due at the request's clock time, oldest first, each at its own due time. So they happen in
 * the same order relative to the workflow's calls in virtual time (where the clock jumps) and in
 * scaled real time (where it flows).
 */
public final class ScheduledActions {

  /** One action; a refusal by the emulated service is an {@link AwsServiceError}. */
  @FunctionalInterface
  public interface Action {
    void perform(Instant at);
  }

  /**
   * An action that was due and was performed; {@code refusal} is null when the service accepted it,
   * else the service's error code and message.
   */
  public record Applied(Instant due, String description, String refusal) {

    public Applied {
      Objects.requireNonNull(due, "due");
      Objects.requireNonNull(description, "description");
    }

    public boolean accepted() {
      return refusal == null;
    }
  }

  private record Pending(Instant due, long sequence, String description, Action action) {}

  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(
          (a, b) -> {
            int byTime = a.due().compareTo(b.due());
            return byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
          });
  private final List<Applied> applied = new ArrayList<>();
  private long nextSequence;

  /** Schedules {@code action} at {@code due}; actions due at the same time run in this order. */
  public synchronized void schedule(Instant due, String description, Action action) {
    pending.add(
        new Pending(
            Objects.requireNonNull(due, "due"),
            nextSequence++,
            Objects.requireNonNull(description, "description"),
            Objects.requireNonNull(action, "action")));
  }

  /**
   * Performs every action due at {@code now} (due time not after it), oldest first, each at its due
   * time; returns what it performed. Holding the lock while they run makes a request that arrives
   * meanwhile wait until they are done, so that it sees their effects.
   */
  public synchronized List<Applied> applyDue(Instant now) {
    List<Applied> done = new ArrayList<>();
    while (!pending.isEmpty() && !pending.peek().due().isAfter(now)) {
      Pending next = pending.poll();
      String refusal = null;
      try {
        next.action().perform(next.due());
      } catch (AwsServiceError error) {
        // The user's call was refused, as it could be in the console: kept for the report.
        refusal = error.code() + ": " + error.getMessage();
      }
      Applied result = new Applied(next.due(), next.description(), refusal);
      applied.add(result);
      done.add(result);
    }
    return done;
  }

  /** Every action performed so far, in the order performed. */
  public synchronized List<Applied> applied() {
    return List.copyOf(applied);
  }

  /** How many actions are still to come. */
  public synchronized int pendingCount() {
    return pending.size();
  }
}

package dev.studiolifecycle.local.asl.engine;

import dev.studiolifecycle.local.time.ScaledClock;
import dev.studiolifecycle.local.time.SimulationClock;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A deterministic discrete-event scheduler: one queue of actions ordered by virtual time, then by
 * the order they were scheduled. One thread at a time runs them. When nothing is due, a {@link
 * VirtualClock} jumps to the next action's time (no wall time passes); a {@link ScaledClock}
 * instead waits for the scaled real time.
 *
 * <p>Executions, branches and iterations never get threads of their own: each runs as actions that
 * schedule the next one, so runs are reproducible and free of races. Any thread may schedule;
 * either a caller drives the queue ({@link #runUntilIdle}, {@link #runUntil}) or a background
 * thread does ({@link #startBackground}), never both.
 */
public final class EventScheduler implements AutoCloseable {

  private final AtomicLong actionsRun = new AtomicLong();

  private final SimulationClock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private long sequence;
  private Thread driver;
  private Thread background;
  private boolean closed;

  public EventScheduler(SimulationClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public SimulationClock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * Runs {@code action} at virtual time {@code at} (now, if {@code at} has passed); the returned
   * handle takes it off the queue, so that a deadline nobody needs any more (the time limit of an
   * execution that has ended) never moves the clock.
   */
  public Runnable schedule(Instant at, Runnable action) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the scheduler is closed");
      }
      Entry entry = new Entry(at, sequence++, action);
      queue.add(entry);
      changed.signalAll();
      return () -> cancel(entry);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code scheduling} (which schedules several actions) so that no driver takes any of them
   * before all are queued: a background thread that saw only the last of them could otherwise
   * advance a virtual clock past the others.
   */
  public void atomically(Runnable scheduling) {
    lock.lock();
    try {
      scheduling.run();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} after {@code delay} of virtual time; returns its cancelling handle. */
  public Runnable schedule(Duration delay, Runnable action) {
    return schedule(clock.instant().plus(delay), action);
  }

  private void cancel(Entry entry) {
    lock.lock();
    try {
      queue.remove(entry);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether no action is waiting. */
  public boolean isIdle() {
    lock.lock();
    try {
      return queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs actions, advancing the clock as needed, until none is left.
   *
   * @throws IllegalStateException when a background thread drives this scheduler
   */
  public void runUntilIdle() {
    runUntil(() -> false);
  }

  /**
   * Runs actions until {@code done} holds or none is left.
   *
   * @return whether {@code done} holds
   * @throws IllegalStateException when a background thread or another caller drives this scheduler
   */
  /** How many actions have run so far, on whichever thread drove them. */
  public long actionsRun() {
    return actionsRun.get();
  }

  public boolean runUntil(BooleanSupplier done) {
    boolean claimed = claimDriver();
    try {
      while (!done.getAsBoolean()) {
        Entry next = takeDue(false);
        if (next == null) {
          return done.getAsBoolean();
        }
        next.action.run();
        actionsRun.incrementAndGet();
      }
      return true;
    } finally {
      if (claimed) {
        releaseDriver();
      }
    }
  }

  /** Starts a daemon thread that runs actions as they fall due, until {@link #close}. */
  public void startBackground() {
    lock.lock();
    try {
      if (background != null) {
        return;
      }
      if (driver != null) {
        throw new IllegalStateException("a caller is already driving this scheduler");
      }
      background = new Thread(this::backgroundLoop, "asl-scheduler");
      background.setDaemon(true);
      driver = background;
      background.start();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a background thread drives this scheduler. */
  public boolean isBackground() {
    lock.lock();
    try {
      return background != null;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the background thread, if any; actions still queued are dropped. */
  @Override
  public void close() {
    Thread thread;
    lock.lock();
    try {
      closed = true;
      queue.clear();
      changed.signalAll();
      thread = background;
    } finally {
      lock.unlock();
    }
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void backgroundLoop() {
    while (true) {
      Entry next = takeDue(true);
      if (next == null) {
        return;
      }
      try {
        next.action.run();
        actionsRun.incrementAndGet();
      } catch (RuntimeException e) {
        // Actions handle their own failures; one that escapes must not stop every execution.
        Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
        if (handler != null) {
          handler.uncaughtException(Thread.currentThread(), e);
        } else {
          e.printStackTrace(System.err);
        }
      }
    }
  }

  /**
   * The next action, once it is due. With a virtual clock it is due at once (the clock jumps); with
   * a scaled clock this waits. Returns null when idle (or, when {@code waitForWork}, only once
   * closed).
   */
  private Entry takeDue(boolean waitForWork) {
    lock.lock();
    try {
      while (true) {
        if (closed) {
          return null;
        }
        Entry next = queue.peek();
        if (next == null) {
          if (!waitForWork) {
            return null;
          }
          changed.await();
          continue;
        }
        Instant now = clock.instant();
        if (next.at.isAfter(now)) {
          if (clock instanceof VirtualClock virtual) {
            virtual.advanceTo(next.at);
          } else {
            Duration simulated = Duration.between(now, next.at);
            Duration real =
                clock instanceof ScaledClock scaled ? scaled.realDurationOf(simulated) : simulated;
            changed.awaitNanos(Math.max(1, real.toNanos()));
            continue;
          }
        }
        return queue.poll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** Makes the calling thread the driver; false when it already was (a nested run). */
  private boolean claimDriver() {
    lock.lock();
    try {
      if (background != null) {
        throw new IllegalStateException(
            "a background thread drives this scheduler; wait for "
                + "executions instead of running the queue");
      }
      if (driver != null && driver != Thread.currentThread()) {
        throw new IllegalStateException("another thread is already running this scheduler");
      }
      boolean claimed = driver == null;
      driver = Thread.currentThread();
      return claimed;
    } finally {
      lock.unlock();
    }
  }

  private void releaseDriver() {
    lock.lock();
    try {
      if (background == null) {
        driver = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private record Entry(Instant at, long sequence, Runnable action) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}

package dev.studiolifecycle.local.emulator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The calls the emulator answered, in arrival order, up to a limit: beyond it the oldest are
 * dropped (and counted), so that a long-running standalone emulator does not grow without bound.
 * Thread-safe.
 */
public final class RequestLog {

  /** How many calls are kept unless a limit is given. */
  public static final int DEFAULT_LIMIT = 100_000;

  private final ArrayDeque<RecordedCall> calls = new ArrayDeque<>();
  private final int limit;
  private long nextSequence = 1;
  private long dropped;

  public RequestLog() {
    this(DEFAULT_LIMIT);
  }

  /** Keeps the newest {@code limit} calls. */
  public RequestLog(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the request log must keep at least 1 call, got " + limit);
    }
    this.limit = limit;
  }

  /** Records the call that {@code call} makes of the next sequence number, and returns it. */
  synchronized RecordedCall record(LongFunction<RecordedCall> call) {
    RecordedCall recorded = call.apply(nextSequence++);
    calls.addLast(recorded);
    if (calls.size() > limit) {
      calls.removeFirst();
      dropped++;
    }
    return recorded;
  }

  public synchronized List<RecordedCall> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<RecordedCall> calls(Predicate<RecordedCall> filter) {
    return calls.stream().filter(filter).toList();
  }

  /** Calls to {@code operation} of {@code service}, e.g. {@code ("sagemaker", "DeleteApp")}. */
  public List<RecordedCall> calls(String service, String operation) {
    return calls(c -> service.equals(c.service()) && operation.equals(c.operation()));
  }

  /** Calls to mutating operations, whether or not they succeeded. */
  public List<RecordedCall> mutatingCalls() {
    return calls(RecordedCall::mutating);
  }

  /** The IAM actions of all calls that named a known operation, sorted. */
  public synchronized Set<String> iamActions() {
    Set<String> actions = new TreeSet<>();
    for (RecordedCall call : calls) {
      if (call.iamAction() != null) {
        actions.add(call.iamAction());
      }
    }
    return actions;
  }

  /** How many calls are kept. */
  public synchronized int size() {
    return calls.size();
  }

  /** How many calls were dropped, oldest first, to stay within the limit. */
  public synchronized long dropped() {
    return dropped;
  }

  public int limit() {
    return limit;
  }

  /** Forgets every call, e.g. between the arrange and act parts of a test. */
  public synchronized void clear() {
    calls.clear();
  }
}

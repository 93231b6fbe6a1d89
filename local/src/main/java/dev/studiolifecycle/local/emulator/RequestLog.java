package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Every call the emulator answered, in arrival order; thread-safe. */
public final class RequestLog {

  private final List<RecordedCall> calls = new ArrayList<>();
  private long nextSequence = 1;

  synchronized RecordedCall record(
      Instant time,
      String service,
      String operation,
      String iamAction,
      boolean mutating,
      JsonNode parameters,
      int httpStatus,
      String errorCode,
      String caller,
      String requestId) {
    RecordedCall call =
        new RecordedCall(
            nextSequence++,
            time,
            service,
            operation,
            iamAction,
            mutating,
            parameters,
            httpStatus,
            errorCode,
            caller,
            requestId);
    calls.add(call);
    return call;
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

  public synchronized int size() {
    return calls.size();
  }

  /** Forgets every call, e.g. between the arrange and act parts of a test. */
  public synchronized void clear() {
    calls.clear();
  }
}

package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One execution of a state machine: what DescribeExecution and GetExecutionHistory report. The
 * interpreter updates it on its scheduler thread; any thread may read it.
 */
public final class Execution {

  private final String executionArn;
  private final String name;
  private final StateMachine stateMachine;
  private final JsonNode input;
  private final Instant startDate;
  private CompletableFuture<Execution> completion = new CompletableFuture<>();
  private int redriveCount;
  private Instant redriveDate;

  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private JsonNode output;
  private String error;
  private String cause;
  private Instant stopDate;
  private final List<HistoryEvent> history = new ArrayList<>();

  Execution(String name, StateMachine stateMachine, JsonNode input, Instant startDate) {
    this.executionArn = LocalAccount.executionArn(stateMachine.name(), name);
    this.name = name;
    this.stateMachine = stateMachine;
    this.input = input.deepCopy();
    this.startDate = startDate;
  }

  public String executionArn() {
    return executionArn;
  }

  public String name() {
    return name;
  }

  public StateMachine stateMachine() {
    return stateMachine;
  }

  /** The execution's input (a copy). */
  public JsonNode input() {
    return input.deepCopy();
  }

  public Instant startDate() {
    return startDate;
  }

  public synchronized ExecutionStatus status() {
    return status;
  }

  public synchronized boolean isDone() {
    return status.isDone();
  }

  /** The output of a SUCCEEDED execution (a copy). */
  public synchronized Optional<JsonNode> output() {
    return Optional.ofNullable(output).map(JsonNode::deepCopy);
  }

  /** The error of a FAILED, TIMED_OUT or ABORTED execution, when it has a name. */
  public synchronized Optional<String> error() {
    return Optional.ofNullable(error);
  }

  public synchronized Optional<String> cause() {
    return Optional.ofNullable(cause);
  }

  public synchronized Optional<Instant> stopDate() {
    return Optional.ofNullable(stopDate);
  }

  /** The history so far, oldest first (a snapshot). */
  public synchronized List<HistoryEvent> history() {
    return List.copyOf(history);
  }

  synchronized int historySize() {
    return history.size();
  }

  /** Completes with this execution when it ends, whichever way (this attempt of it). */
  public synchronized CompletableFuture<Execution> completion() {
    return completion.copy();
  }

  /** How many times the execution has been redriven. */
  public synchronized int redriveCount() {
    return redriveCount;
  }

  /** When it was last redriven. */
  public synchronized Optional<Instant> redriveDate() {
    return Optional.ofNullable(redriveDate);
  }

  /**
   * Runs again after it ended unsuccessfully: RUNNING, its ExecutionRedriven event recorded, its
   * end unknown again.
   *
   * @return the ExecutionRedriven event's id
   */
  synchronized long redriven(Instant at) {
    if (!status.isDone() || status == ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException(executionArn + " is " + status + " and cannot be redriven");
    }
    status = ExecutionStatus.RUNNING;
    output = null;
    error = null;
    cause = null;
    stopDate = null;
    redriveCount++;
    redriveDate = at;
    completion = new CompletableFuture<>();
    return append(
        HistoryEventType.ExecutionRedriven,
        null,
        history.size(),
        new EventDetails.ExecutionRedriven(redriveCount),
        at);
  }

  /**
   * Appends an event unless the execution has ended (then events of work that was still in flight
   * are dropped, as a stopped execution records nothing more).
   *
   * @return the event's id, or 0 when it was dropped
   */
  synchronized long record(
      HistoryEventType type,
      String stateName,
      long previousEventId,
      EventDetails details,
      Instant at) {
    if (status.isDone()) {
      return 0;
    }
    return append(type, stateName, previousEventId, details, at);
  }

  /**
   * Ends the execution with its final event, once.
   *
   * @param previousEventId the event the final one follows, or -1 for the latest event
   * @return false when it had already ended
   */
  boolean finish(
      ExecutionStatus newStatus,
      JsonNode newOutput,
      String newError,
      String newCause,
      HistoryEventType type,
      long previousEventId,
      EventDetails details,
      Instant at) {
    synchronized (this) {
      if (status.isDone()) {
        return false;
      }
      append(type, null, previousEventId < 0 ? history.size() : previousEventId, details, at);
      status = newStatus;
      output = newOutput;
      error = newError;
      cause = newCause;
      stopDate = at;
    }
    CompletableFuture<Execution> ended;
    synchronized (this) {
      ended = completion;
    }
    ended.complete(this);
    return true;
  }

  private long append(
      HistoryEventType type,
      String stateName,
      long previousEventId,
      EventDetails details,
      Instant at) {
    long id = history.size() + 1;
    history.add(new HistoryEvent(id, previousEventId, at, type, stateName, details));
    return id;
  }

  @Override
  public synchronized String toString() {
    return "Execution[" + executionArn + ", " + status + "]";
  }
}

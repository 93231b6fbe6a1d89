package dev.studiolifecycle.local.asl.history;

import java.time.Instant;
import java.util.Optional;

/**
 * One event of an execution's history, as GetExecutionHistory reports it.
 *
 * @param id 1 for ExecutionStarted, then one more for each event
 * @param previousEventId the event this one follows in its branch of the execution, 0 for none
 * @param timestamp virtual time at which the event happened
 * @param stateName the state this event belongs to, or null for execution-level events; not part of
 *     the API shape (it is there for the timeline)
 */
public record HistoryEvent(
    long id,
    long previousEventId,
    Instant timestamp,
    HistoryEventType type,
    String stateName,
    EventDetails details) {

  public Optional<String> state() {
    return Optional.ofNullable(stateName);
  }
}

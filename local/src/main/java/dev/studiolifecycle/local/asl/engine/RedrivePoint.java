package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.MapState;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StateType;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where a redrive continues (API reference, RedriveExecution; developer guide, "Redriving
 * executions"): the unsuccessful state, the top-level state whose Entered event has no Exited
 * event, with the input it had; its successful predecessors are not run again. An execution is
 * redrivable when it FAILED, TIMED_OUT or was ABORTED less than 14 days ago and has been redriven
 * fewer than 1,000 times. A Parallel or inline Map state would have only its failed branches or
 * iterations rerun; the local interpreter does not do that and refuses to redrive there.
 */
record RedrivePoint(String stateName, JsonNode input) {

  static final Duration REDRIVE_WINDOW = Duration.ofDays(14);
  static final int MAX_REDRIVES = 1000;

  /**
   * @throws IllegalStateException naming why the execution cannot be redriven
   */
  static RedrivePoint of(Execution execution, Instant now) {
    ExecutionStatus status = execution.status();
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException(
          "Execution is " + status + " and cannot be redriven: " + execution.executionArn());
    }
    if (execution.stopDate().orElseThrow().plus(REDRIVE_WINDOW).isBefore(now)) {
      throw new IllegalStateException(
          "Execution ended more than 14 days ago and cannot be redriven: "
              + execution.executionArn());
    }
    if (execution.redriveCount() >= MAX_REDRIVES) {
      throw new IllegalStateException(
          "Execution has been redriven " + MAX_REDRIVES + " times and cannot be again");
    }
    Set<String> topLevel = execution.stateMachine().definition().block().states().keySet();
    List<HistoryEvent> history = execution.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      HistoryEvent event = history.get(i);
      if (event.type().name().endsWith("StateExited") && topLevel.contains(event.stateName())) {
        break;
      }
      if (event.details() instanceof EventDetails.StateEntered entered
          && topLevel.contains(entered.name())) {
        State state = execution.stateMachine().definition().block().require(entered.name());
        if (state.type() == StateType.PARALLEL
            || (state.type() == StateType.MAP && ((MapState) state).distributed() == null)) {
          throw new IllegalStateException(
              "The unsuccessful state '"
                  + entered.name()
                  + "' is a "
                  + state.type().aslName()
                  + " state: redriving only its failed branches or iterations is not supported"
                  + " by the local interpreter");
        }
        return new RedrivePoint(entered.name(), ExecutionEngine.parseInput(entered.input()));
      }
    }
    throw new IllegalStateException(
        "Execution has no unsuccessful state to redrive: " + execution.executionArn());
  }
}

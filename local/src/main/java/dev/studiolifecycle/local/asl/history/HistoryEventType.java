package dev.studiolifecycle.local.asl.history;

import dev.studiolifecycle.local.asl.definition.StateType;
import java.util.Optional;

/**
 * The Step Functions history event types the local interpreter records, named as
 * GetExecutionHistory names them, each with the key its details object has in that API.
 */
public enum HistoryEventType {
  ExecutionStarted("executionStartedEventDetails"),
  ExecutionSucceeded("executionSucceededEventDetails"),
  ExecutionFailed("executionFailedEventDetails"),
  ExecutionTimedOut("executionTimedOutEventDetails"),
  ExecutionAborted("executionAbortedEventDetails"),
  ExecutionRedriven("executionRedrivenEventDetails"),

  PassStateEntered("stateEnteredEventDetails"),
  PassStateExited("stateExitedEventDetails"),
  TaskStateEntered("stateEnteredEventDetails"),
  TaskStateExited("stateExitedEventDetails"),
  ChoiceStateEntered("stateEnteredEventDetails"),
  ChoiceStateExited("stateExitedEventDetails"),
  WaitStateEntered("stateEnteredEventDetails"),
  WaitStateExited("stateExitedEventDetails"),
  SucceedStateEntered("stateEnteredEventDetails"),
  SucceedStateExited("stateExitedEventDetails"),
  FailStateEntered("stateEnteredEventDetails"),
  ParallelStateEntered("stateEnteredEventDetails"),
  ParallelStateExited("stateExitedEventDetails"),
  MapStateEntered("stateEnteredEventDetails"),
  MapStateExited("stateExitedEventDetails"),

  TaskScheduled("taskScheduledEventDetails"),
  TaskStarted("taskStartedEventDetails"),
  TaskSubmitted("taskSubmittedEventDetails"),
  TaskSucceeded("taskSucceededEventDetails"),
  TaskFailed("taskFailedEventDetails"),
  TaskTimedOut("taskTimedOutEventDetails"),

  LambdaFunctionScheduled("lambdaFunctionScheduledEventDetails"),
  LambdaFunctionStarted(null),
  LambdaFunctionSucceeded("lambdaFunctionSucceededEventDetails"),
  LambdaFunctionFailed("lambdaFunctionFailedEventDetails"),
  LambdaFunctionTimedOut("lambdaFunctionTimedOutEventDetails"),

  ParallelStateStarted(null),
  ParallelStateSucceeded(null),
  ParallelStateFailed(null),

  MapStateStarted("mapStateStartedEventDetails"),
  MapStateSucceeded(null),
  MapStateFailed(null),
  MapIterationStarted("mapIterationStartedEventDetails"),
  MapIterationSucceeded("mapIterationSucceededEventDetails"),
  MapIterationFailed("mapIterationFailedEventDetails"),
  MapIterationAborted("mapIterationAbortedEventDetails"),

  MapRunStarted("mapRunStartedEventDetails"),
  MapRunSucceeded(null),
  MapRunFailed("mapRunFailedEventDetails"),
  MapRunAborted(null),
  MapRunRedriven("mapRunRedrivenEventDetails");

  private final String detailsKey;

  HistoryEventType(String detailsKey) {
    this.detailsKey = detailsKey;
  }

  /** The details member of a GetExecutionHistory event, e.g. {@code taskFailedEventDetails}. */
  public Optional<String> detailsKey() {
    return Optional.ofNullable(detailsKey);
  }

  /** {@code <Type>StateEntered} for a state type, e.g. TaskStateEntered. */
  public static HistoryEventType entered(StateType type) {
    return valueOf(type.aslName() + "StateEntered");
  }

  /** {@code <Type>StateExited}; Fail states have none. */
  public static HistoryEventType exited(StateType type) {
    if (type == StateType.FAIL) {
      throw new IllegalArgumentException("a Fail state is never exited");
    }
    return valueOf(type.aslName() + "StateExited");
  }

  /** Whether this event ends an execution. */
  public boolean endsExecution() {
    return this == ExecutionSucceeded
        || this == ExecutionFailed
        || this == ExecutionTimedOut
        || this == ExecutionAborted;
  }
}

package dev.studiolifecycle.local.asl.definition;

/** One state of a state machine, as parsed and checked from its definition. */
public sealed interface State
    permits PassState,
        TaskState,
        ChoiceState,
        WaitState,
        SucceedState,
        FailState,
        ParallelState,
        MapState {

  /** The state's name: its key in "States", unique in the whole state machine. */
  String name();

  StateType type();

  /**
   * A JSONata state's Arguments, Output and Items; null for a JSONPath state (and for a Fail state,
   * which has none of them: its Error and Cause say which language they are in).
   */
  default JsonataFields jsonata() {
    return null;
  }
}

package dev.studiolifecycle.local.asl.definition;

/** Where a Pass, Task, Wait, Parallel or Map state goes when it succeeds. */
public sealed interface Transition {

  /** "Next": the state to run next, in the same States block. */
  record Next(String state) implements Transition {}

  /** "End": true: the block (the execution, a branch or an iteration) ends with this output. */
  record End() implements Transition {}

  static Transition next(String state) {
    return new Next(state);
  }

  static Transition end() {
    return new End();
  }
}

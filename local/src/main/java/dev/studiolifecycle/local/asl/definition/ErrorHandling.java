package dev.studiolifecycle.local.asl.definition;

import java.util.List;

/** The Retry and Catch fields of the states that have them: Task, Parallel and Map. */
public sealed interface ErrorHandling permits TaskState, ParallelState, MapState {

  /** The retriers, in the order the definition lists them. */
  List<Retrier> retry();

  /** The catchers, in the order the definition lists them. */
  List<Catcher> catchers();
}

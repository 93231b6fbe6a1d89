package dev.studiolifecycle.local.asl.engine;

import dev.studiolifecycle.local.asl.definition.ChoiceState;
import dev.studiolifecycle.local.asl.definition.FailState;
import dev.studiolifecycle.local.asl.definition.MapState;
import dev.studiolifecycle.local.asl.definition.ParallelState;
import dev.studiolifecycle.local.asl.definition.PassState;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.SucceedState;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.definition.WaitState;

/**
 * One state type's behaviour: an attempt of a visit runs until it must wait, schedules its
 * continuation on the run's scheduler, and returns. A retry runs the attempt again.
 */
sealed interface StateRunner
    permits PassRunner,
        TaskRunner,
        ChoiceRunner,
        WaitRunner,
        SucceedRunner,
        FailRunner,
        ParallelRunner,
        MapRunner,
        DistributedMapRunner {

  void attempt(Visit visit);

  /** The runner of a state; the switch names every state type, so a new one cannot be missed. */
  static StateRunner of(ExecutionRun run, State state) {
    return switch (state.type()) {
      case PASS -> new PassRunner(run, (PassState) state);
      case TASK -> new TaskRunner(run, (TaskState) state);
      case CHOICE -> new ChoiceRunner(run, (ChoiceState) state);
      case WAIT -> new WaitRunner(run, (WaitState) state);
      case SUCCEED -> new SucceedRunner(run, (SucceedState) state);
      case FAIL -> new FailRunner(run, (FailState) state);
      case PARALLEL -> new ParallelRunner(run, (ParallelState) state);
      case MAP ->
          ((MapState) state).distributed() == null
              ? new MapRunner(run, (MapState) state)
              : new DistributedMapRunner(run, (MapState) state);
    };
  }
}

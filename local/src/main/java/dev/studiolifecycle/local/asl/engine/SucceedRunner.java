package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.SucceedState;
import dev.studiolifecycle.local.asl.definition.Transition;

/** A Succeed state: ends its block with its (path-selected) input, or a JSONata Output. */
record SucceedRunner(ExecutionRun run, SucceedState succeed) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    if (succeed.jsonata() != null) {
      run.leaveJsonata(
          visit,
          ExecutionRun.bindings(visit, run.context(visit), null, null),
          null,
          succeed.jsonata().output(),
          visit.input,
          Transition.end());
      return;
    }
    try {
      JsonNode context = run.context(visit);
      JsonNode effective =
          PathValues.select(succeed.inputPath(), visit.input, context, visit, "InputPath");
      JsonNode output =
          PathValues.select(succeed.outputPath(), effective, context, visit, "OutputPath");
      run.leave(visit, output, Transition.end());
    } catch (StatesError e) {
      run.fail(visit, e);
    }
  }
}

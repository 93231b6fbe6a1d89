package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.PassState;

/**
 * A Pass state: its Result (or its effective input) placed at its ResultPath; its Assign reads that
 * result. A JSONata state's Output (by default its input) and Assign read {@code $states.input}.
 */
record PassRunner(ExecutionRun run, PassState pass) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    if (pass.jsonata() != null) {
      run.leaveJsonata(
          visit,
          ExecutionRun.bindings(visit, run.context(visit), null, null),
          pass.assign(),
          pass.jsonata().output(),
          visit.input,
          pass.transition());
      return;
    }
    try {
      JsonNode context = run.context(visit);
      JsonNode effective =
          PathValues.select(pass.inputPath(), visit.input, context, visit, "InputPath");
      if (!pass.parameters().isMissingNode()) {
        effective =
            run.engine()
                .templates()
                .evaluate(pass.parameters(), PathValues.paths(visit, effective, context));
      }
      JsonNode result = pass.result().isMissingNode() ? effective : pass.result().deepCopy();
      run.assign(visit, pass.assign(), result, context);
      JsonNode output = PathValues.place(pass.resultPath(), visit.input, result);
      output = PathValues.select(pass.outputPath(), output, context, visit, "OutputPath");
      run.leave(visit, output, pass.transition());
    } catch (StatesError e) {
      run.fail(visit, e);
    }
  }
}

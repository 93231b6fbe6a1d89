package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import dev.studiolifecycle.local.asl.definition.ChoiceState;
import dev.studiolifecycle.local.asl.definition.Transition;
import dev.studiolifecycle.local.asl.path.PathContext;

/**
 * A Choice state: the first matching rule's Next, else the Default, else States.NoChoiceMatched.
 */
record ChoiceRunner(ExecutionRun run, ChoiceState choice) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    try {
      JsonNode context = run.context(visit);
      JsonNode effective = run.select(choice.inputPath(), visit.input, context, visit, "InputPath");
      String next = next(new PathContext(effective, context), effective);
      JsonNode output = run.select(choice.outputPath(), effective, context, visit, "OutputPath");
      run.leave(visit, output, Transition.next(next));
    } catch (StatesError e) {
      run.fail(visit, e);
    }
  }

  private String next(PathContext paths, JsonNode effective) {
    for (ChoiceBranch branch : choice.choices()) {
      if (branch.matches(paths)) {
        return branch.next();
      }
    }
    return choice
        .defaultNext()
        .orElseThrow(
            () ->
                new StatesError(
                    StatesError.NO_CHOICE_MATCHED,
                    "No Choice Rule of state '"
                        + choice.name()
                        + "' matched the input '"
                        + ExecutionRun.json(effective)
                        + "' and it has no Default"));
  }
}

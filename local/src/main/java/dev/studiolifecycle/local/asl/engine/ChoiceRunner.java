package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import dev.studiolifecycle.local.asl.definition.ChoiceState;
import dev.studiolifecycle.local.asl.definition.Transition;
import dev.studiolifecycle.local.asl.path.PathContext;

/**
 * A Choice state: the first matching rule's Next and Assign, else the Default and the state's own
 * Assign, else States.NoChoiceMatched.
 */
record ChoiceRunner(ExecutionRun run, ChoiceState choice) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    try {
      JsonNode context = run.context(visit);
      JsonNode effective = run.select(choice.inputPath(), visit.input, context, visit, "InputPath");
      ChoiceBranch matched = matched(ExecutionRun.paths(visit, effective, context));
      String next;
      if (matched != null) {
        next = matched.next();
        run.assign(visit, matched.assignment().orElse(null), effective, context);
      } else {
        next = defaultNext(effective);
        run.assign(visit, choice.assign(), effective, context);
      }
      JsonNode output = run.select(choice.outputPath(), effective, context, visit, "OutputPath");
      run.leave(visit, output, Transition.next(next));
    } catch (StatesError e) {
      run.fail(visit, e);
    }
  }

  /** The first rule that matches, or null. */
  private ChoiceBranch matched(PathContext paths) {
    for (ChoiceBranch branch : choice.choices()) {
      if (branch.matches(paths)) {
        return branch;
      }
    }
    return null;
  }

  private String defaultNext(JsonNode effective) {
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

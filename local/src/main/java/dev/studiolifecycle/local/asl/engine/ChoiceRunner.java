package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import dev.studiolifecycle.local.asl.definition.ChoiceState;
import dev.studiolifecycle.local.asl.definition.Transition;
import dev.studiolifecycle.local.asl.jsonata.JsonataBindings;
import dev.studiolifecycle.local.asl.path.PathContext;

/**
 * A Choice state: the first matching rule's Next and Assign, else the Default and the state's own
 * Assign, else States.NoChoiceMatched.
 */
record ChoiceRunner(ExecutionRun run, ChoiceState choice) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    if (choice.jsonata() != null) {
      attemptJsonata(visit);
      return;
    }
    try {
      JsonNode context = run.context(visit);
      JsonNode effective =
          PathValues.select(choice.inputPath(), visit.input, context, visit, "InputPath");
      ChoiceBranch matched = matched(PathValues.paths(visit, effective, context));
      String next;
      if (matched != null) {
        next = matched.next();
        run.assign(visit, matched.assignment().orElse(null), effective, context);
      } else {
        next = defaultNext(effective);
        run.assign(visit, choice.assign(), effective, context);
      }
      JsonNode output =
          PathValues.select(choice.outputPath(), effective, context, visit, "OutputPath");
      run.leave(visit, output, Transition.next(next));
    } catch (StatesError e) {
      run.fail(visit, e);
    }
  }

  /**
   * A JSONata Choice: the first rule whose Condition gives true, with its Assign and Output; else
   * the Default with the state's own. A Condition that gives anything but a boolean fails the state
   * with States.QueryEvaluationError.
   */
  private void attemptJsonata(Visit visit) {
    try {
      JsonNode context = run.context(visit);
      JsonataBindings bindings = ExecutionRun.bindings(visit, context, null, null);
      for (int i = 0; i < choice.choices().size(); i++) {
        ChoiceBranch branch = choice.choices().get(i);
        String field = "Choices[" + i + "].Condition";
        JsonNode verdict =
            run.jsonataValue(
                branch.condition(), visit, context, field, JsonNode::isBoolean, "a boolean");
        if (verdict.booleanValue()) {
          run.leaveJsonata(
              visit,
              bindings,
              branch.assign(),
              branch.output(),
              visit.input,
              Transition.next(branch.next()));
          return;
        }
      }
      String next = defaultNext(visit.input);
      run.leaveJsonata(
          visit,
          bindings,
          choice.assign(),
          choice.jsonata().output(),
          visit.input,
          Transition.next(next));
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

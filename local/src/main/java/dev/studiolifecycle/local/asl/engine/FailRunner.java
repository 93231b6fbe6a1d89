package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.FailState;
import dev.studiolifecycle.local.asl.definition.TextSource;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicFunctions;

/** A Fail state: fails its block with its Error and Cause (literal, path or intrinsic). */
record FailRunner(ExecutionRun run, FailState fail) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    StatesError error;
    try {
      JsonNode context = run.context(visit);
      String name = text(fail.error(), visit, context, "ErrorPath");
      String cause = text(fail.cause(), visit, context, "CausePath");
      error = name == null ? StatesError.unnamed(cause) : new StatesError(name, cause);
    } catch (StatesError e) {
      error = e;
    }
    visit.done.failed(error, visit.lane);
  }

  private String text(TextSource source, Visit visit, JsonNode context, String field) {
    if (source instanceof TextSource.Literal literal) {
      return literal.text();
    }
    if (source instanceof TextSource.Jsonata jsonata) {
      return run.jsonataValue(
              jsonata.expression(),
              visit,
              context,
              field.replace("Path", ""),
              JsonNode::isTextual,
              "a string")
          .asText();
    }
    if (source instanceof TextSource.Expression expression) {
      String text = expression.expression();
      JsonNode value =
          IntrinsicFunctions.isIntrinsic(text)
              ? run.engine()
                  .intrinsics()
                  .evaluate(text, PathValues.paths(visit, visit.input, context))
              : PathValues.read(text, visit.input, context, visit, field);
      if (!value.isTextual()) {
        throw new StatesError(
            StatesError.RUNTIME,
            "The "
                + field
                + " '"
                + text
                + "' of state '"
                + visit.name()
                + "' must produce a string, got "
                + ExecutionRun.json(value));
      }
      return value.asText();
    }
    return null;
  }
}

package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.JsonataFields;
import dev.studiolifecycle.local.asl.definition.NumberSetting;
import java.util.function.Predicate;

/** What a state works out from its input as it starts: its arguments and its number settings. */
final class StateValues {

  private StateValues() {}

  /**
   * What a Task or Parallel state hands its work: a JSONata state's Arguments, else Parameters
   * applied to the effective input (the effective input itself without them), within the payload
   * limit.
   */
  static JsonNode arguments(
      ExecutionRun run,
      Visit visit,
      JsonNode context,
      JsonNode effective,
      JsonataFields jsonata,
      JsonNode parameters) {
    JsonNode arguments =
        jsonata != null
            ? run.jsonata(
                jsonata.arguments(),
                ExecutionRun.bindings(visit, context, null, null),
                "Arguments",
                visit.input)
            : parameters.isMissingNode()
                ? effective
                : run.engine()
                    .templates()
                    .evaluate(parameters, PathValues.paths(visit, effective, context));
    run.checkSize(arguments, visit);
    return arguments;
  }

  /**
   * A number setting's value when the state starts: literal, read by its path from the effective
   * input, or its JSONata expression's; 0 when unset. A read value must be what {@code fits}
   * accepts, which {@code kind} names in the error.
   */
  static long number(
      ExecutionRun run,
      NumberSetting setting,
      Visit visit,
      JsonNode effective,
      JsonNode context,
      String field,
      Predicate<JsonNode> fits,
      String kind) {
    if (setting instanceof NumberSetting.Fixed fixed) {
      return fixed.value();
    }
    if (setting instanceof NumberSetting.FromJsonata jsonata) {
      return run.jsonataValue(jsonata.expression(), visit, context, field, fits, kind).asLong();
    }
    if (setting instanceof NumberSetting.FromPath path) {
      return PathValues.read(path.path(), effective, context, visit, field + "Path", fits, kind)
          .asLong();
    }
    return 0;
  }
}

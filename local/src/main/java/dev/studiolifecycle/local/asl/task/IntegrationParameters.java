package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.TaskState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What an optimized integration checks of a Task state's Parameters before an execution starts:
 * that there are Parameters, that each required field is given (as a value or a {@code .$} path)
 * and that no field is unknown, each problem naming the state and the field.
 */
final class IntegrationParameters {

  private IntegrationParameters() {}

  /**
   * @param integration how problems name the integration, e.g. {@code sns:publish}
   * @param anyOfEach each entry a list of fields of which one is required
   */
  static List<String> check(
      TaskState state, String integration, Set<String> allowed, List<List<String>> anyOfEach) {
    List<String> problems = new ArrayList<>();
    if (state.argumentsComputed()) {
      return problems;
    }
    JsonNode parameters = state.arguments();
    String where = where(state);
    if (parameters.isMissingNode()) {
      problems.add(
          where
              + "': "
              + integration
              + " needs "
              + state.argumentsField()
              + " with "
              + String.join(" and ", anyOfEach.stream().map(each -> each.get(0)).toList()));
      return problems;
    }
    for (List<String> anyOf : anyOfEach) {
      if (anyOf.stream().noneMatch(field -> has(parameters, field))) {
        problems.add(
            where
                + "."
                + anyOf.get(0)
                + "': "
                + (anyOf.size() == 1
                    ? "is required by " + integration
                    : integration
                        + " needs "
                        + String.join(", ", anyOf.subList(0, anyOf.size() - 1))
                        + " or "
                        + anyOf.get(anyOf.size() - 1)));
      }
    }
    for (Iterator<String> it = parameters.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      String bare = field.endsWith(".$") ? field.substring(0, field.length() - 2) : field;
      if (!allowed.contains(bare)) {
        problems.add(
            where + "." + field + "': " + integration + " has no parameter '" + bare + "'");
      }
    }
    return problems;
  }

  /** {@code State 'X', field 'Parameters} (or Arguments), to be followed by a member's path. */
  static String where(TaskState state) {
    return "State '" + state.name() + "', field '" + state.argumentsField();
  }

  private static boolean has(JsonNode parameters, String field) {
    return parameters.has(field) || parameters.has(field + ".$");
  }
}

package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.PathSelection;
import dev.studiolifecycle.local.asl.definition.ResultPlacement;
import dev.studiolifecycle.local.asl.path.JsonPathReader;
import dev.studiolifecycle.local.asl.path.PathContext;
import dev.studiolifecycle.local.asl.path.PathNotFoundException;
import java.util.function.Predicate;

/**
 * What the paths of a JSONPath state's visit read (its input, the Context object, the variables),
 * and where a ResultPath puts a result; a path that selects nothing, or not the kind a field needs,
 * is States.Runtime, as Step Functions reports it.
 */
final class PathValues {

  private PathValues() {}

  /** What a path of this visit reads: {@code input}, the Context object, and the variables. */
  static PathContext paths(Visit visit, JsonNode input, JsonNode context) {
    return new PathContext(input, context, visit.variables);
  }

  /** InputPath or OutputPath: null discards (an empty object), {@code $} is the input itself. */
  static JsonNode select(
      PathSelection selection, JsonNode input, JsonNode context, Visit visit, String field) {
    if (selection instanceof PathSelection.Discard) {
      return JsonNodeFactory.instance.objectNode();
    }
    String path = ((PathSelection.Select) selection).path();
    if (path.equals("$")) {
      return input;
    }
    return read(path, input, context, visit, field);
  }

  /** Reads a path; a path that selects nothing is States.Runtime. */
  static JsonNode read(String path, JsonNode input, JsonNode context, Visit visit, String field) {
    try {
      return JsonPathReader.read(path, paths(visit, input, context));
    } catch (PathNotFoundException e) {
      throw new StatesError(
          StatesError.RUNTIME,
          "An error occurred while executing the state '"
              + visit.name()
              + "' (entered at the event id #"
              + visit.enteredEventId
              + "). Invalid path '"
              + path
              + "' in "
              + field
              + ": "
              + e.getMessage());
    }
  }

  /**
   * A path that must select one value of a kind (SecondsPath's non-negative integer): the value
   * when {@code fits} accepts it, else States.Runtime saying the field wanted {@code kind}.
   */
  static JsonNode read(
      String path,
      JsonNode input,
      JsonNode context,
      Visit visit,
      String field,
      Predicate<JsonNode> fits,
      String kind) {
    JsonNode value = read(path, input, context, visit, field);
    if (!fits.test(value)) {
      throw new StatesError(
          StatesError.RUNTIME,
          "The "
              + field
              + " '"
              + path
              + "' of state '"
              + visit.name()
              + "' must select "
              + kind
              + ", got "
              + ExecutionRun.json(value));
    }
    return value;
  }

  /** ResultPath: null keeps the input as it is, else the result goes where the path says. */
  static JsonNode place(ResultPlacement placement, JsonNode input, JsonNode result) {
    if (placement instanceof ResultPlacement.Discard) {
      return input;
    }
    return ((ResultPlacement.Place) placement).path().set(input, result);
  }
}

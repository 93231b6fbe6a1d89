package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.kind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The Retry and Catch fields of a Task, Parallel or Map state: retriers (intervals, backoff,
 * jitter), catchers (ResultPath, or a JSONata state's Output; Assign), and their ErrorEquals, each
 * problem recorded in the definition's {@link DefinitionFields}.
 */
final class ErrorHandlingRules {

  private static final long MAX_DELAY_SECONDS_LIMIT = 31_622_400L;

  /** The predefined error names; any other name starting with "States." is a typo. */
  private static final Set<String> PREDEFINED_ERRORS =
      Set.of(
          StatesError.ALL,
          StatesError.HEARTBEAT_TIMEOUT,
          StatesError.TIMEOUT,
          StatesError.TASK_FAILED,
          StatesError.PERMISSIONS,
          StatesError.RESULT_PATH_MATCH_FAILURE,
          StatesError.PARAMETER_PATH_FAILURE,
          StatesError.BRANCH_FAILED,
          StatesError.NO_CHOICE_MATCHED,
          StatesError.INTRINSIC_FAILURE,
          StatesError.RUNTIME,
          StatesError.DATA_LIMIT_EXCEEDED,
          "States.QueryEvaluationError",
          "States.ExceedToleratedFailureThreshold",
          "States.ItemReaderFailed",
          "States.ResultWriterFailed",
          "States.Http.Socket");

  private final DefinitionFields fields;

  ErrorHandlingRules(DefinitionFields fields) {
    this.fields = fields;
  }

  List<Retrier> retriers(String name, JsonNode node) {
    List<Retrier> retriers = new ArrayList<>();
    JsonNode retry = node.get("Retry");
    if (retry == null) {
      return retriers;
    }
    if (!retry.isArray()) {
      fields.problem(at(name, "Retry") + ": must be an array of retriers, got " + kind(retry));
      return retriers;
    }
    for (int i = 0; i < retry.size(); i++) {
      String field = "Retry[" + i + "]";
      JsonNode element = retry.get(i);
      if (!element.isObject()) {
        fields.problem(at(name, field) + ": must be a retrier object, got " + kind(element));
        continue;
      }
      retriers.add(retrier(name, field, element, i == retry.size() - 1));
    }
    return retriers;
  }

  /** One retrier of a Retry field. */
  private Retrier retrier(String name, String field, JsonNode element, boolean last) {
    for (Iterator<String> it = element.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!Set.of(
              "ErrorEquals",
              "IntervalSeconds",
              "MaxAttempts",
              "BackoffRate",
              "MaxDelaySeconds",
              "JitterStrategy",
              "Comment")
          .contains(key)) {
        fields.problem(at(name, field + "." + key) + ": unknown field in a retrier");
      }
    }
    List<String> errors = errorEquals(name, field, element, last, "Retry");
    long interval =
        fields.optionalLong(
            element,
            "IntervalSeconds",
            name,
            field + ".IntervalSeconds",
            1,
            DefinitionFields.MAX_SECONDS);
    long attempts =
        fields.optionalLong(
            element, "MaxAttempts", name, field + ".MaxAttempts", 0, DefinitionFields.MAX_SECONDS);
    double backoff = backoffRate(name, field, element.get("BackoffRate"));
    long maxDelay =
        fields.optionalLong(
            element,
            "MaxDelaySeconds",
            name,
            field + ".MaxDelaySeconds",
            1,
            MAX_DELAY_SECONDS_LIMIT);
    JitterStrategy jitter = jitter(name, field, element.get("JitterStrategy"));
    return new Retrier(
        errors,
        interval < 0 ? Retrier.DEFAULT_INTERVAL_SECONDS : interval,
        attempts < 0 ? Retrier.DEFAULT_MAX_ATTEMPTS : (int) attempts,
        backoff,
        Math.max(maxDelay, 0),
        jitter);
  }

  /** BackoffRate: a number of at least 1.0, else the default after recording a problem. */
  private double backoffRate(String name, String field, JsonNode value) {
    if (value == null) {
      return Retrier.DEFAULT_BACKOFF_RATE;
    }
    if (!value.isNumber() || value.asDouble() < 1.0) {
      fields.problem(at(name, field + ".BackoffRate") + ": must be a number >= 1.0, got " + value);
      return Retrier.DEFAULT_BACKOFF_RATE;
    }
    return value.asDouble();
  }

  /** JitterStrategy: FULL or NONE (the default). */
  private JitterStrategy jitter(String name, String field, JsonNode value) {
    if (value == null) {
      return JitterStrategy.NONE;
    }
    if (value.isTextual() && value.asText().equals("FULL")) {
      return JitterStrategy.FULL;
    }
    if (!value.isTextual() || !value.asText().equals("NONE")) {
      fields.problem(at(name, field + ".JitterStrategy") + ": must be FULL or NONE, got " + value);
    }
    return JitterStrategy.NONE;
  }

  List<Catcher> catchers(String name, JsonNode node, Links links) {
    boolean jsonata = fields.jsonata(node);
    List<Catcher> catchers = new ArrayList<>();
    JsonNode catchNode = node.get("Catch");
    if (catchNode == null) {
      return catchers;
    }
    if (!catchNode.isArray()) {
      fields.problem(at(name, "Catch") + ": must be an array of catchers, got " + kind(catchNode));
      return catchers;
    }
    for (int i = 0; i < catchNode.size(); i++) {
      String field = "Catch[" + i + "]";
      JsonNode element = catchNode.get(i);
      if (!element.isObject()) {
        fields.problem(at(name, field) + ": must be a catcher object, got " + kind(element));
        continue;
      }
      for (Iterator<String> it = element.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (jsonata && key.equals("ResultPath")) {
          fields.problem(
              at(name, field + "." + key)
                  + ": a JSONata state's catcher has no ResultPath (it has Output and Assign)");
        } else if (!jsonata && key.equals("Output")) {
          fields.problem(
              at(name, field + "." + key)
                  + ": Output is a JSONata field and this state uses JSONPath (its catchers "
                  + "have ResultPath)");
        } else if (!Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Output", "Comment")
            .contains(key)) {
          fields.problem(at(name, field + "." + key) + ": unknown field in a catcher");
        }
      }
      List<String> errors = errorEquals(name, field, element, i == catchNode.size() - 1, "Catch");
      JsonNode next = element.get("Next");
      String target = null;
      if (next == null || !next.isTextual()) {
        fields.problem(at(name, field + ".Next") + ": a catcher needs a string Next");
      } else {
        target = next.asText();
        links.add(field + ".Next", target);
      }
      ResultPlacement placement =
          fields.resultPath(name, element, "ResultPath", field + ".ResultPath");
      catchers.add(
          new Catcher(
              errors,
              target,
              placement,
              fields.assign(name, element, "Assign", field + ".Assign", jsonata),
              jsonata
                  ? fields.jsonataTemplate(name, element, "Output", field + ".Output")
                  : DefinitionFields.missing()));
    }
    return catchers;
  }

  List<String> errorEquals(String name, String field, JsonNode element, boolean last, String kind) {
    List<String> errors = new ArrayList<>();
    JsonNode node = element.get("ErrorEquals");
    String where = at(name, field + ".ErrorEquals");
    if (node == null) {
      fields.problem(where + ": is required");
      return errors;
    }
    if (!node.isArray() || node.isEmpty()) {
      fields.problem(where + ": must be a non-empty array of error names, got " + kind(node));
      return errors;
    }
    for (JsonNode error : node) {
      if (!error.isTextual()) {
        fields.problem(where + ": error names must be strings, got " + kind(error));
        continue;
      }
      String text = error.asText();
      if (text.startsWith("States.") && !PREDEFINED_ERRORS.contains(text)) {
        fields.problem(
            where
                + ": '"
                + text
                + "' is not a predefined error name (names starting "
                + "with 'States.' are reserved)");
      }
      errors.add(text);
    }
    if (errors.contains(StatesError.ALL)) {
      if (errors.size() > 1) {
        fields.problem(where + ": States.ALL must appear alone in its ErrorEquals");
      }
      if (!last) {
        fields.problem(
            where
                + ": a "
                + (kind.equals("Retry") ? "retrier" : "catcher")
                + " with States.ALL must be the last in "
                + kind);
      }
    }
    return errors;
  }
}

package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.path.JsonPathReader;
import dev.studiolifecycle.local.asl.path.PayloadTemplate;
import dev.studiolifecycle.local.asl.path.ReferencePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The problems of one definition, and the readers of the fields that several state types share
 * (paths, templates, transitions, Retry and Catch, numbers and strings): each reader records what
 * is wrong, naming the state and the field, and returns a usable default so that one run reports
 * every problem.
 */
final class DefinitionFields {

  static final long MAX_SECONDS = 99_999_999L;
  private static final long MAX_DELAY_SECONDS_LIMIT = 31_622_400L;

  /** Fields that exist in the language but that this interpreter does not run, and why. */
  static final Map<String, String> UNSUPPORTED_FIELDS = unsupportedFields();

  private static final Set<String> ALL_KNOWN_FIELDS = allKnownFields();

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

  /** Reads a nested StartAt/States block (a Parallel's branch, a Map's item processor). */
  @FunctionalInterface
  interface BlockReader {
    StatesBlock block(JsonNode node, String owner, String prefix);
  }

  final List<String> problems = new ArrayList<>();
  private final BlockReader blocks;

  DefinitionFields(BlockReader blocks) {
    this.blocks = blocks;
  }

  /** A nested block, read like the top level; null after recording its problems. */
  StatesBlock block(JsonNode node, String owner, String prefix) {
    return blocks.block(node, owner, prefix);
  }

  void problem(String problem) {
    problems.add(problem);
  }

  void checkFields(String name, JsonNode node, StateType type) {
    Set<String> allowed = StateRules.of(type).fields();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (allowed.contains(field)) {
        continue;
      }
      String unsupported = UNSUPPORTED_FIELDS.get(field);
      if (unsupported != null) {
        problems.add(
            at(name, field) + ": " + unsupported + " is not supported by the local interpreter");
      } else if (ALL_KNOWN_FIELDS.contains(field)) {
        problems.add(at(name, field) + ": not allowed in a " + type.aslName() + " state");
      } else {
        problems.add(at(name, field) + ": unknown field");
      }
    }
  }

  void checkQueryLanguage(JsonNode node, String state, String field) {
    JsonNode language = node.get("QueryLanguage");
    if (language == null) {
      return;
    }
    if (language.isTextual() && language.asText().equals("JSONPath")) {
      return;
    }
    if (language.isTextual() && language.asText().equals("JSONata")) {
      problems.add(
          at(state, field)
              + ": the JSONata query language is not supported by the "
              + "local interpreter; use JSONPath");
    } else {
      problems.add(at(state, field) + ": must be \"JSONPath\" or \"JSONata\", got " + language);
    }
  }

  void checkBlockFields(String name, String prefix, JsonNode block, Set<String> allowed) {
    for (Iterator<String> it = block.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        problems.add(
            at(name, prefix + key)
                + ": unknown field (expected "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  Transition transition(String name, JsonNode node, Links links) {
    JsonNode next = node.get("Next");
    JsonNode end = node.get("End");
    if (end != null && !end.isBoolean()) {
      problems.add(at(name, "End") + ": must be true or false, got " + kind(end));
      return null;
    }
    boolean ends = end != null && end.asBoolean();
    if (next != null && ends) {
      problems.add(at(name, "Next") + ": a state has Next or \"End\": true, not both");
      return null;
    }
    if (next == null && !ends) {
      problems.add(at(name, "Next") + ": a non-terminal state needs Next or \"End\": true");
      return null;
    }
    if (ends) {
      return Transition.end();
    }
    if (!next.isTextual()) {
      problems.add(at(name, "Next") + ": must be a state name, got " + kind(next));
      return null;
    }
    links.add("Next", next.asText());
    return Transition.next(next.asText());
  }

  /** ResultSelector, ResultPath, OutputPath, Retry and Catch of a Task, Map or Parallel state. */
  ResultHandling handling(String name, JsonNode node, Links links) {
    return new ResultHandling(
        template(name, node, "ResultSelector"),
        resultPath(name, node, "ResultPath"),
        outputPath(name, node),
        assign(name, node, "Assign"),
        retriers(name, node),
        catchers(name, node, links));
  }

  List<Retrier> retriers(String name, JsonNode node) {
    List<Retrier> retriers = new ArrayList<>();
    JsonNode retry = node.get("Retry");
    if (retry == null) {
      return retriers;
    }
    if (!retry.isArray()) {
      problems.add(at(name, "Retry") + ": must be an array of retriers, got " + kind(retry));
      return retriers;
    }
    for (int i = 0; i < retry.size(); i++) {
      String field = "Retry[" + i + "]";
      JsonNode element = retry.get(i);
      if (!element.isObject()) {
        problems.add(at(name, field) + ": must be a retrier object, got " + kind(element));
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
        problems.add(at(name, field + "." + key) + ": unknown field in a retrier");
      }
    }
    List<String> errors = errorEquals(name, field, element, last, "Retry");
    long interval =
        optionalLong(element, "IntervalSeconds", name, field + ".IntervalSeconds", 1, MAX_SECONDS);
    long attempts =
        optionalLong(element, "MaxAttempts", name, field + ".MaxAttempts", 0, MAX_SECONDS);
    double backoff = Retrier.DEFAULT_BACKOFF_RATE;
    JsonNode backoffNode = element.get("BackoffRate");
    if (backoffNode != null) {
      if (!backoffNode.isNumber() || backoffNode.asDouble() < 1.0) {
        problems.add(
            at(name, field + ".BackoffRate") + ": must be a number >= 1.0, got " + backoffNode);
      } else {
        backoff = backoffNode.asDouble();
      }
    }
    long maxDelay =
        optionalLong(
            element,
            "MaxDelaySeconds",
            name,
            field + ".MaxDelaySeconds",
            1,
            MAX_DELAY_SECONDS_LIMIT);
    JitterStrategy jitter = JitterStrategy.NONE;
    JsonNode jitterNode = element.get("JitterStrategy");
    if (jitterNode != null) {
      if (jitterNode.isTextual() && jitterNode.asText().equals("FULL")) {
        jitter = JitterStrategy.FULL;
      } else if (!jitterNode.isTextual() || !jitterNode.asText().equals("NONE")) {
        problems.add(
            at(name, field + ".JitterStrategy") + ": must be FULL or NONE, got " + jitterNode);
      }
    }
    return new Retrier(
        errors,
        interval < 0 ? Retrier.DEFAULT_INTERVAL_SECONDS : interval,
        attempts < 0 ? Retrier.DEFAULT_MAX_ATTEMPTS : (int) attempts,
        backoff,
        Math.max(maxDelay, 0),
        jitter);
  }

  List<Catcher> catchers(String name, JsonNode node, Links links) {
    List<Catcher> catchers = new ArrayList<>();
    JsonNode catchNode = node.get("Catch");
    if (catchNode == null) {
      return catchers;
    }
    if (!catchNode.isArray()) {
      problems.add(at(name, "Catch") + ": must be an array of catchers, got " + kind(catchNode));
      return catchers;
    }
    for (int i = 0; i < catchNode.size(); i++) {
      String field = "Catch[" + i + "]";
      JsonNode element = catchNode.get(i);
      if (!element.isObject()) {
        problems.add(at(name, field) + ": must be a catcher object, got " + kind(element));
        continue;
      }
      for (Iterator<String> it = element.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (key.equals("Output")) {
          problems.add(
              at(name, field + "." + key)
                  + ": "
                  + UNSUPPORTED_FIELDS.get(key)
                  + " is not supported by the local interpreter");
        } else if (!Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment")
            .contains(key)) {
          problems.add(at(name, field + "." + key) + ": unknown field in a catcher");
        }
      }
      List<String> errors = errorEquals(name, field, element, i == catchNode.size() - 1, "Catch");
      JsonNode next = element.get("Next");
      String target = null;
      if (next == null || !next.isTextual()) {
        problems.add(at(name, field + ".Next") + ": a catcher needs a string Next");
      } else {
        target = next.asText();
        links.add(field + ".Next", target);
      }
      ResultPlacement placement = resultPath(name, element, "ResultPath", field + ".ResultPath");
      catchers.add(
          new Catcher(
              errors, target, placement, assign(name, element, "Assign", field + ".Assign")));
    }
    return catchers;
  }

  List<String> errorEquals(String name, String field, JsonNode element, boolean last, String kind) {
    List<String> errors = new ArrayList<>();
    JsonNode node = element.get("ErrorEquals");
    String where = at(name, field + ".ErrorEquals");
    if (node == null) {
      problems.add(where + ": is required");
      return errors;
    }
    if (!node.isArray() || node.isEmpty()) {
      problems.add(where + ": must be a non-empty array of error names, got " + kind(node));
      return errors;
    }
    for (JsonNode error : node) {
      if (!error.isTextual()) {
        problems.add(where + ": error names must be strings, got " + kind(error));
        continue;
      }
      String text = error.asText();
      if (text.startsWith("States.") && !PREDEFINED_ERRORS.contains(text)) {
        problems.add(
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
        problems.add(where + ": States.ALL must appear alone in its ErrorEquals");
      }
      if (!last) {
        problems.add(
            where
                + ": a "
                + (kind.equals("Retry") ? "retrier" : "catcher")
                + " with States.ALL must be the last in "
                + kind);
      }
    }
    return errors;
  }

  TimeoutSetting timeoutSetting(String name, JsonNode node, String field, String pathField) {
    if (node.has(field) && node.has(pathField)) {
      problems.add(
          at(name, pathField)
              + ": a Task state may have "
              + field
              + " or "
              + pathField
              + ", not both");
      return TimeoutSetting.unset();
    }
    if (node.has(field)) {
      long seconds = optionalLong(node, field, name, field, 1, TaskState.MAX_TIMEOUT_SECONDS);
      return seconds > 0 ? new TimeoutSetting.Fixed(seconds) : TimeoutSetting.unset();
    }
    if (node.has(pathField)) {
      String path = definitePath(name, node, pathField);
      return path == null ? TimeoutSetting.unset() : new TimeoutSetting.FromPath(path);
    }
    return TimeoutSetting.unset();
  }

  PathSelection inputPath(String name, JsonNode node) {
    return pathSelection(name, node, "InputPath");
  }

  PathSelection outputPath(String name, JsonNode node) {
    return pathSelection(name, node, "OutputPath");
  }

  PathSelection pathSelection(String name, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return PathSelection.all();
    }
    if (value.isNull()) {
      return new PathSelection.Discard();
    }
    if (!value.isTextual()) {
      problems.add(at(name, field) + ": must be a path string or null, got " + kind(value));
      return PathSelection.all();
    }
    return checkPath(name, field, value.asText())
        ? new PathSelection.Select(value.asText())
        : PathSelection.all();
  }

  ResultPlacement resultPath(String name, JsonNode node, String field) {
    return resultPath(name, node, field, field);
  }

  ResultPlacement resultPath(String name, JsonNode node, String field, String label) {
    JsonNode value = node.get(field);
    if (value == null) {
      return ResultPlacement.replaceInput();
    }
    if (value.isNull()) {
      return new ResultPlacement.Discard();
    }
    if (!value.isTextual()) {
      problems.add(
          at(name, label) + ": must be a Reference Path string or null, got " + kind(value));
      return ResultPlacement.replaceInput();
    }
    try {
      return new ResultPlacement.Place(ReferencePath.parse(value.asText(), name, label));
    } catch (DefinitionException e) {
      problems.add(e.getMessage());
      return ResultPlacement.replaceInput();
    }
  }

  /** A path field that must name a single node; null after recording a problem. */
  String definitePath(String name, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      problems.add(at(name, field) + ": must be a path string, got " + kind(value));
      return null;
    }
    String path = value.asText();
    if (!checkPath(name, field, path)) {
      return null;
    }
    if (!JsonPathReader.isDefinite(path)) {
      problems.add(
          at(name, field)
              + ": '"
              + path
              + "' must be a Reference Path that selects a "
              + "single value (no wildcards, filters or slices)");
      return null;
    }
    return path;
  }

  boolean checkPath(String name, String field, String path) {
    try {
      JsonPathReader.validate(path, name, field);
      return true;
    } catch (DefinitionException e) {
      problems.add(e.getMessage());
      return false;
    }
  }

  JsonNode template(String name, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return MissingNode.getInstance();
    }
    if (!value.isObject()) {
      problems.add(
          at(name, field) + ": must be a JSON object (a payload template), got " + kind(value));
      return MissingNode.getInstance();
    }
    try {
      PayloadTemplate.validate(value, name, field);
    } catch (DefinitionException e) {
      problems.add(e.getMessage());
    }
    return value;
  }

  JsonNode assign(String name, JsonNode node, String field) {
    return assign(name, node, field, field);
  }

  /**
   * An Assign field: an object whose keys are variable names (with {@code .$} when the value is a
   * path or an intrinsic function) and whose values are payload templates, as in Parameters; a
   * missing node when there is none. Developer guide, "Passing data between states with variables":
   * a name is a Unicode identifier (ID_Start, then ID_Continue characters) of at most 80
   * characters, and {@code states} is reserved.
   */
  JsonNode assign(String name, JsonNode node, String field, String label) {
    JsonNode value = node.get(field);
    if (value == null) {
      return MissingNode.getInstance();
    }
    if (!value.isObject()) {
      problems.add(
          at(name, label)
              + ": must be a JSON object of variable names and values, got "
              + kind(value));
      return MissingNode.getInstance();
    }
    int before = problems.size();
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      String variable = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
      Optional<String> problem = variableNameProblem(variable);
      problem.ifPresent(p -> problems.add(at(name, label + "." + key) + ": " + p));
    }
    try {
      PayloadTemplate.validate(value, name, label);
    } catch (DefinitionException e) {
      problems.add(e.getMessage());
    }
    return problems.size() == before ? value : MissingNode.getInstance();
  }

  /** Why a name cannot be a variable's, or empty when it can. */
  static Optional<String> variableNameProblem(String variable) {
    Optional<JsonPathReader.VariablePath> parsed = JsonPathReader.variablePath("$" + variable);
    if (parsed.isEmpty() || !parsed.get().rest().equals("$")) {
      return Optional.of(
          "'"
              + variable
              + "' is not a variable name (a Unicode identifier: a letter first, then letters, "
              + "digits or '_')");
    }
    if (variable.equals(JsonPathReader.RESERVED_VARIABLE)) {
      return Optional.of("'states' is reserved ($states) and cannot be assigned");
    }
    if (variable.length() > JsonPathReader.MAX_VARIABLE_NAME_LENGTH) {
      return Optional.of(
          "the variable name '"
              + variable
              + "' is longer than "
              + JsonPathReader.MAX_VARIABLE_NAME_LENGTH
              + " characters");
    }
    return Optional.empty();
  }

  String optionalString(JsonNode node, String field, String state, String label) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(at(state, label) + ": must be a string, got " + kind(value));
      return null;
    }
    return value.asText();
  }

  /** An integer field in [min, max]; -1 when absent or invalid (after recording a problem). */
  long optionalLong(JsonNode node, String field, String state, String label, long min, long max) {
    JsonNode value = node.get(field);
    if (value == null) {
      return -1;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      problems.add(at(state, label) + ": must be an integer, got " + value);
      return -1;
    }
    long number = value.asLong();
    if (number < min || number > max) {
      problems.add(
          at(state, label) + ": must be between " + min + " and " + max + ", got " + number);
      return -1;
    }
    return number;
  }

  static String at(String state, String field) {
    return state == null ? "Field '" + field + "'" : "State '" + state + "', field '" + field + "'";
  }

  static String top(String field) {
    return at(null, field);
  }

  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> node.isEmpty() ? "an empty array" : "an array";
      case OBJECT -> node.isEmpty() ? "an empty object" : "an object";
      case STRING -> "the string \"" + node.asText() + "\"";
      case NUMBER -> "the number " + node;
      case BOOLEAN -> node.toString();
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static Map<String, String> unsupportedFields() {
    Map<String, String> fields = new HashMap<>();
    fields.put("Arguments", "JSONata (Arguments)");
    fields.put("Output", "JSONata (Output)");
    fields.put("Items", "JSONata (Items)");
    fields.put("Credentials", "Cross-account access (Credentials)");
    return Map.copyOf(fields);
  }

  private static Set<String> allKnownFields() {
    Set<String> all = new HashSet<>();
    for (StateType type : StateType.values()) {
      all.addAll(StateRules.of(type).fields());
    }
    return Set.copyOf(all);
  }
}

package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.jsonata.JsonataTemplates;
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

  /** Fields that exist in the language but that this interpreter does not run, and why. */
  static final Map<String, String> UNSUPPORTED_FIELDS = unsupportedFields();

  private static final Set<String> ALL_KNOWN_FIELDS = allKnownFields();

  /** Reads a nested StartAt/States block (a Parallel's branch, a Map's item processor). */
  @FunctionalInterface
  interface BlockReader {
    StatesBlock block(JsonNode node, String owner, String prefix);
  }

  /** The fields a JSONata state cannot have: JSONPath's, and their {@code ...Path} variants. */
  static final Set<String> JSONPATH_ONLY =
      Set.of(
          "InputPath",
          "OutputPath",
          "Parameters",
          "ResultSelector",
          "ResultPath",
          "Result",
          "ItemsPath",
          "Iterator",
          "SecondsPath",
          "TimestampPath",
          "TimeoutSecondsPath",
          "HeartbeatSecondsPath",
          "ErrorPath",
          "CausePath",
          "MaxConcurrencyPath",
          "ToleratedFailureCountPath",
          "ToleratedFailurePercentagePath");

  private static final String JSONATA = "JSONata";

  final List<String> problems = new ArrayList<>();
  private final BlockReader blocks;
  private final ErrorHandlingRules errorHandling = new ErrorHandlingRules(this);

  /** Whether the top-level QueryLanguage is JSONata, which a state without its own inherits. */
  private boolean jsonataByDefault;

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

  /** Reads the top-level QueryLanguage, which states without their own inherit. */
  void topLevelLanguage(JsonNode root) {
    jsonataByDefault = JSONATA.equals(root.path("QueryLanguage").asText(""));
  }

  /** Whether a state uses JSONata: its own QueryLanguage, else the state machine's. */
  boolean jsonata(JsonNode state) {
    JsonNode own = state.get("QueryLanguage");
    return own != null && own.isTextual() ? own.asText().equals(JSONATA) : jsonataByDefault;
  }

  /** The fields only a JSONata state of this type has. */
  static Set<String> jsonataOnly(StateType type) {
    return switch (type) {
      case TASK, PARALLEL -> Set.of("Arguments", "Output");
      case MAP -> Set.of("Items", "Output");
      case FAIL -> Set.of();
      case PASS, CHOICE, WAIT, SUCCEED -> Set.of("Output");
    };
  }

  void checkFields(String name, JsonNode node, StateType type) {
    boolean jsonata = jsonata(node);
    Set<String> allowed = new HashSet<>(StateRules.of(type).fields());
    if (jsonata) {
      allowed.removeAll(JSONPATH_ONLY);
      allowed.addAll(jsonataOnly(type));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (allowed.contains(field)) {
        continue;
      }
      String unsupported = UNSUPPORTED_FIELDS.get(field);
      if (jsonata && JSONPATH_ONLY.contains(field)) {
        problems.add(
            at(name, field)
                + ": a JSONata state has no "
                + field
                + " (a JSONPath field; JSONata states use Arguments, Output and Assign)");
      } else if (!jsonata && jsonataOnly(type).contains(field)) {
        problems.add(
            at(name, field)
                + ": "
                + field
                + " is a JSONata field and this state uses JSONPath (set \"QueryLanguage\": "
                + "\"JSONata\" on the state or the state machine)");
      } else if (unsupported != null) {
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
      if (state != null && jsonataByDefault) {
        // The developer guide converts JSONPath states to JSONata one at a time; it never shows
        // the reverse, so a JSONPath state in a JSONata state machine is refused.
        problems.add(
            at(state, field)
                + ": a state cannot use JSONPath when the state machine's QueryLanguage is "
                + "JSONata");
      }
      return;
    }
    if (language.isTextual() && language.asText().equals(JSONATA)) {
      return;
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
        errorHandling.retriers(name, node),
        errorHandling.catchers(name, node, links));
  }

  /**
   * {@code field} or {@code field}Path of a {@code stateType} state (not both), a literal within
   * {@code min} and {@code max}, or a JSONata expression in a JSONata state.
   */
  NumberSetting numberSetting(
      String name, JsonNode node, String stateType, String field, long min, long max) {
    String pathField = field + "Path";
    if (node.has(field) && node.has(pathField)) {
      problems.add(
          at(name, pathField)
              + ": a "
              + stateType
              + " state may have "
              + field
              + " or "
              + pathField
              + ", not both");
      return NumberSetting.unset();
    }
    if (node.has(field) && jsonata(node)) {
      JsonNode expression = jsonataExpression(name, node.get(field), field);
      if (expression != null) {
        return new NumberSetting.FromJsonata(expression);
      }
    }
    if (node.has(field)) {
      long value = optionalLong(node, field, name, field, min, max);
      return value >= min ? new NumberSetting.Fixed(value) : NumberSetting.unset();
    }
    if (node.has(pathField)) {
      String path = definitePath(name, node, pathField);
      return path == null ? NumberSetting.unset() : new NumberSetting.FromPath(path);
    }
    return NumberSetting.unset();
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
    return assign(name, node, field, field, jsonata(node));
  }

  /**
   * An Assign field: an object whose keys are variable names (with {@code .$} when the value is a
   * path or an intrinsic function) and whose values are payload templates, as in Parameters; a
   * missing node when there is none. Developer guide, "Passing data between states with variables":
   * a name is a Unicode identifier (ID_Start, then ID_Continue characters) of at most 80
   * characters, and {@code states} is reserved.
   */
  JsonNode assign(String name, JsonNode node, String field, String label, boolean jsonata) {
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
      String variable = !jsonata && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
      Optional<String> problem = variableNameProblem(variable);
      problem.ifPresent(p -> problems.add(at(name, label + "." + key) + ": " + p));
    }
    try {
      if (jsonata) {
        JsonataTemplates.validate(value, name, label);
      } else {
        PayloadTemplate.validate(value, name, label);
      }
    } catch (DefinitionException e) {
      problems.add(e.getMessage());
    }
    return problems.size() == before ? value : MissingNode.getInstance();
  }

  /** A JSONata state's Arguments, Output and Items; null for a JSONPath state. */
  JsonataFields jsonataFields(String name, JsonNode node) {
    if (!jsonata(node)) {
      return null;
    }
    return new JsonataFields(
        jsonataTemplate(name, node, "Arguments", "Arguments"),
        jsonataTemplate(name, node, "Output", "Output"),
        jsonataTemplate(name, node, "Items", "Items"));
  }

  /**
   * A field of a JSONata state whose value is any JSON, with JSONata expressions in its strings; a
   * missing node when absent or after recording a problem.
   */
  JsonNode jsonataTemplate(String name, JsonNode node, String field, String label) {
    JsonNode value = node.get(field);
    if (value == null) {
      return missing();
    }
    try {
      JsonataTemplates.validate(value, name, label);
      return value;
    } catch (DefinitionException e) {
      problems.add(e.getMessage());
      return missing();
    }
  }

  /**
   * A JSONata expression standing for a number or a text ({@code "Seconds": "{% ... %}"}), checked;
   * null when the value is no expression or after recording a problem.
   */
  JsonNode jsonataExpression(String name, JsonNode value, String field) {
    if (JsonataTemplates.expression(value).isEmpty()) {
      return null;
    }
    try {
      JsonataTemplates.validate(value, name, field);
      return value;
    } catch (DefinitionException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  static JsonNode missing() {
    return MissingNode.getInstance();
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

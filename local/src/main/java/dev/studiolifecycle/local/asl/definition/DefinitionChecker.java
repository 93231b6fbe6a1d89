package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicFunctions;
import dev.studiolifecycle.local.asl.path.JsonPathReader;
import dev.studiolifecycle.local.asl.path.PayloadTemplate;
import dev.studiolifecycle.local.asl.path.ReferencePath;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a definition into the model and collects every problem on the way, so that one run reports
 * them all. Each problem names the state and the field, in the form {@code State 'X', field 'Y':
 * ...} that the path checks of this package also use.
 */
final class DefinitionChecker {

  private static final int MAX_STATE_NAME_LENGTH = 80;
  private static final long MAX_SECONDS = 99_999_999L;
  private static final long MAX_DELAY_SECONDS_LIMIT = 31_622_400L;

  private static final Set<String> TOP_LEVEL_FIELDS =
      Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage");

  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  private static final Set<String> IO = Set.of("InputPath", "OutputPath");
  private static final Set<String> FLOW = Set.of("Next", "End");
  private static final Set<String> RESULT = Set.of("ResultPath", "ResultSelector");
  private static final Set<String> ERRORS = Set.of("Retry", "Catch");

  private static final Map<StateType, Set<String>> FIELDS =
      Map.of(
          StateType.PASS, union(COMMON, IO, FLOW, Set.of("Parameters", "Result", "ResultPath")),
          StateType.TASK,
              union(
                  COMMON,
                  IO,
                  FLOW,
                  RESULT,
                  ERRORS,
                  Set.of(
                      "Resource",
                      "Parameters",
                      "TimeoutSeconds",
                      "TimeoutSecondsPath",
                      "HeartbeatSeconds",
                      "HeartbeatSecondsPath")),
          StateType.CHOICE, union(COMMON, IO, Set.of("Choices", "Default")),
          StateType.WAIT,
              union(
                  COMMON, IO, FLOW, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")),
          StateType.SUCCEED, union(COMMON, IO),
          StateType.FAIL, union(COMMON, Set.of("Error", "ErrorPath", "Cause", "CausePath")),
          StateType.PARALLEL,
              union(COMMON, IO, FLOW, RESULT, ERRORS, Set.of("Branches", "Parameters")),
          StateType.MAP,
              union(
                  COMMON,
                  IO,
                  FLOW,
                  RESULT,
                  ERRORS,
                  Set.of(
                      "ItemsPath",
                      "ItemSelector",
                      "Parameters",
                      "ItemProcessor",
                      "Iterator",
                      "MaxConcurrency",
                      "MaxConcurrencyPath")));

  /** Fields that exist in the language but that this interpreter does not run, and why. */
  private static final Map<String, String> UNSUPPORTED_FIELDS = unsupportedFields();

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

  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> definedStates = new HashMap<>();
  private final List<String[]> missingTargets = new ArrayList<>();

  StateMachineDefinition check(JsonNode root) {
    if (!root.isObject()) {
      throw new DefinitionException("The definition must be a JSON object, got " + kind(root));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_LEVEL_FIELDS.contains(field)) {
        problems.add(top(field) + ": unknown field at the top level of the definition");
      }
    }
    checkQueryLanguage(root, null, "QueryLanguage");
    String comment = optionalString(root, "Comment", null, "Comment");
    optionalString(root, "Version", null, "Version");
    long timeout = optionalLong(root, "TimeoutSeconds", null, "TimeoutSeconds", 1, MAX_SECONDS);
    StatesBlock block = block(root, null, "");
    for (String[] transition : missingTargets) {
      String elsewhere =
          definedStates.containsKey(transition[2])
              ? " (that state is in another block: transitions cannot leave a branch or an item "
                  + "processor)"
              : "";
      problems.add(
          at(transition[0], transition[1])
              + ": no state named '"
              + transition[2]
              + "'"
              + elsewhere);
    }
    if (!problems.isEmpty() || block == null) {
      throw new DefinitionException(
          problems.isEmpty() ? List.of("The definition has no usable StartAt/States") : problems);
    }
    return new StateMachineDefinition(root, comment, block, Math.max(timeout, 0));
  }

  // ---------------------------------------------------------------- blocks and transitions

  /**
   * A StartAt/States block. {@code owner} is the Parallel or Map state the block belongs to (null
   * at the top level), {@code prefix} the field path to it, e.g. {@code Branches[1].}.
   */
  private StatesBlock block(JsonNode node, String owner, String prefix) {
    JsonNode startAtNode = node.get("StartAt");
    JsonNode statesNode = node.get("States");
    String startAt = null;
    if (startAtNode == null) {
      problems.add(at(owner, prefix + "StartAt") + ": is required");
    } else if (!startAtNode.isTextual()) {
      problems.add(at(owner, prefix + "StartAt") + ": must be a string, got " + kind(startAtNode));
    } else {
      startAt = startAtNode.asText();
    }
    if (statesNode == null) {
      problems.add(at(owner, prefix + "States") + ": is required");
      return null;
    }
    if (!statesNode.isObject() || statesNode.isEmpty()) {
      problems.add(
          at(owner, prefix + "States")
              + ": must be a non-empty object of states, got "
              + kind(statesNode));
      return null;
    }
    Map<String, State> states = new LinkedHashMap<>();
    Map<String, Set<String>> edges = new LinkedHashMap<>();
    List<String[]> transitions = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      checkStateName(name, owner, prefix);
      Set<String> targets = new LinkedHashSet<>();
      State state = state(name, entry.getValue(), targets, transitions);
      edges.put(name, targets);
      if (state != null) {
        states.put(name, state);
      }
    }
    for (String[] transition : transitions) {
      if (!edges.containsKey(transition[2])) {
        // Reported once every block is parsed, to say whether the state exists elsewhere.
        missingTargets.add(transition);
      }
    }
    if (startAt != null && !edges.containsKey(startAt)) {
      problems.add(
          at(owner, prefix + "StartAt")
              + ": no state named '"
              + startAt
              + "'"
              + " in "
              + (owner == null ? "States" : prefix + "States"));
    } else if (startAt != null) {
      Set<String> reached = reachable(startAt, edges);
      for (String name : edges.keySet()) {
        if (!reached.contains(name)) {
          problems.add(
              "State '"
                  + name
                  + "': is not reachable from StartAt '"
                  + startAt
                  + "' (no Next, Default, Choices or Catch leads to it)");
        }
      }
    }
    if (startAt == null || states.size() != edges.size()) {
      return null;
    }
    return new StatesBlock(startAt, states);
  }

  private void checkStateName(String name, String owner, String prefix) {
    if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
      problems.add(
          "State '"
              + name
              + "': a state name must be 1 to "
              + MAX_STATE_NAME_LENGTH
              + " characters long");
    }
    String where = owner == null ? "States" : "State '" + owner + "', field '" + prefix + "States'";
    String previous = definedStates.putIfAbsent(name, where);
    if (previous != null) {
      problems.add(
          "State '"
              + name
              + "': is defined more than once (in "
              + previous
              + " and in "
              + where
              + "); state names must be unique in the whole state machine");
    }
  }

  private static Set<String> reachable(String startAt, Map<String, Set<String>> edges) {
    Set<String> reached = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(startAt);
    while (!queue.isEmpty()) {
      String name = queue.poll();
      if (reached.add(name)) {
        queue.addAll(edges.getOrDefault(name, Set.of()));
      }
    }
    return reached;
  }

  // ---------------------------------------------------------------- states

  private State state(String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
    if (!node.isObject()) {
      problems.add("State '" + name + "': must be a JSON object, got " + kind(node));
      return null;
    }
    JsonNode typeNode = node.get("Type");
    if (typeNode == null) {
      problems.add(at(name, "Type") + ": is required");
      return null;
    }
    StateType type =
        typeNode.isTextual() ? StateType.fromAslName(typeNode.asText()).orElse(null) : null;
    if (type == null) {
      problems.add(
          at(name, "Type")
              + ": unknown state type "
              + typeNode
              + "; expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map");
      return null;
    }
    int before = problems.size();
    checkFields(name, node, type);
    checkQueryLanguage(node, name, "QueryLanguage");
    optionalString(node, "Comment", name, "Comment");
    State state =
        switch (type) {
          case PASS -> pass(name, node, targets, transitions);
          case TASK -> task(name, node, targets, transitions);
          case CHOICE -> choice(name, node, targets, transitions);
          case WAIT -> waitState(name, node, targets, transitions);
          case SUCCEED -> new SucceedState(name, inputPath(name, node), outputPath(name, node));
          case FAIL -> fail(name, node);
          case PARALLEL -> parallel(name, node, targets, transitions);
          case MAP -> map(name, node, targets, transitions);
        };
    return problems.size() == before ? state : null;
  }

  private void checkFields(String name, JsonNode node, StateType type) {
    Set<String> allowed = FIELDS.get(type);
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

  private void checkQueryLanguage(JsonNode node, String state, String field) {
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

  private PassState pass(
      String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
    JsonNode result = node.has("Result") ? node.get("Result") : MissingNode.getInstance();
    return new PassState(
        name,
        inputPath(name, node),
        template(name, node, "Parameters"),
        result,
        resultPath(name, node, "ResultPath"),
        outputPath(name, node),
        transition(name, node, targets, transitions));
  }

  private TaskState task(
      String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
    TaskResource resource = null;
    JsonNode resourceNode = node.get("Resource");
    if (resourceNode == null) {
      problems.add(at(name, "Resource") + ": is required in a Task state");
    } else if (!resourceNode.isTextual()) {
      problems.add(at(name, "Resource") + ": must be a string, got " + kind(resourceNode));
    } else {
      try {
        resource = TaskResource.parse(resourceNode.asText());
      } catch (IllegalArgumentException e) {
        problems.add(at(name, "Resource") + ": " + e.getMessage());
      }
    }
    TimeoutSetting timeout = timeoutSetting(name, node, "TimeoutSeconds", "TimeoutSecondsPath");
    TimeoutSetting heartbeat =
        timeoutSetting(name, node, "HeartbeatSeconds", "HeartbeatSecondsPath");
    if (heartbeat instanceof TimeoutSetting.Fixed beat) {
      long limit =
          timeout instanceof TimeoutSetting.Fixed fixed
              ? fixed.seconds()
              : TaskState.MAX_TIMEOUT_SECONDS;
      if (beat.seconds() >= limit) {
        problems.add(
            at(name, "HeartbeatSeconds")
                + ": must be smaller than TimeoutSeconds ("
                + limit
                + "), got "
                + beat.seconds());
      }
    }
    List<Retrier> retry = retriers(name, node);
    List<Catcher> catchers = catchers(name, node, targets, transitions);
    return new TaskState(
        name,
        resource,
        inputPath(name, node),
        template(name, node, "Parameters"),
        template(name, node, "ResultSelector"),
        resultPath(name, node, "ResultPath"),
        outputPath(name, node),
        retry,
        catchers,
        timeout,
        heartbeat,
        transition(name, node, targets, transitions));
  }

  private ChoiceState choice(
      String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
    List<ChoiceBranch> branches = new ArrayList<>();
    JsonNode choices = node.get("Choices");
    if (choices == null) {
      problems.add(at(name, "Choices") + ": is required in a Choice state");
    } else if (!choices.isArray() || choices.isEmpty()) {
      problems.add(
          at(name, "Choices")
              + ": must be a non-empty array of choice rules, got "
              + kind(choices));
    } else {
      for (int i = 0; i < choices.size(); i++) {
        String field = "Choices[" + i + "]";
        JsonNode rule = choices.get(i);
        if (!rule.isObject()) {
          problems.add(at(name, field) + ": must be a choice rule object, got " + kind(rule));
          continue;
        }
        JsonNode next = rule.get("Next");
        if (next == null || !next.isTextual()) {
          problems.add(
              at(name, field + ".Next") + ": every top-level choice rule needs a " + "string Next");
          continue;
        }
        targets.add(next.asText());
        transitions.add(new String[] {name, field + ".Next", next.asText()});
        if (rule.has("Assign")) {
          problems.add(
              at(name, field + ".Assign")
                  + ": "
                  + UNSUPPORTED_FIELDS.get("Assign")
                  + " is not supported by the local interpreter");
          continue;
        }
        try {
          branches.add(ChoiceBranch.parse(rule, name, field));
        } catch (DefinitionException e) {
          problems.add(e.getMessage());
        }
      }
    }
    String defaultState = optionalString(node, "Default", name, "Default");
    if (defaultState != null) {
      targets.add(defaultState);
      transitions.add(new String[] {name, "Default", defaultState});
    }
    return new ChoiceState(
        name, inputPath(name, node), outputPath(name, node), branches, defaultState);
  }

  private WaitState waitState(
      String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
    List<String> present = new ArrayList<>();
    for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
      if (node.has(field)) {
        present.add(field);
      }
    }
    WaitTime waitTime = null;
    if (present.size() != 1) {
      problems.add(
          at(name, present.isEmpty() ? "Seconds" : String.join("/", present))
              + ": a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath"
              + (present.isEmpty() ? "" : ", got " + present.size()));
    } else {
      String field = present.get(0);
      JsonNode value = node.get(field);
      switch (field) {
        case "Seconds" -> {
          long seconds = optionalLong(node, field, name, field, 0, MAX_SECONDS);
          if (seconds >= 0) {
            waitTime = new WaitTime.Seconds(seconds);
          }
        }
        case "Timestamp" -> {
          if (!value.isTextual()) {
            problems.add(
                at(name, field) + ": must be an RFC 3339 timestamp string, got " + kind(value));
          } else {
            try {
              waitTime = new WaitTime.Timestamp(parseTimestamp(value.asText()));
            } catch (DateTimeParseException e) {
              problems.add(
                  at(name, field)
                      + ": '"
                      + value.asText()
                      + "' is not an RFC 3339 "
                      + "timestamp such as 2026-03-14T01:59:00Z");
            }
          }
        }
        case "SecondsPath" -> {
          String path = definitePath(name, node, field);
          waitTime = path == null ? null : new WaitTime.SecondsPath(path);
        }
        default -> {
          String path = definitePath(name, node, field);
          waitTime = path == null ? null : new WaitTime.TimestampPath(path);
        }
      }
    }
    return new WaitState(
        name,
        inputPath(name, node),
        outputPath(name, node),
        waitTime,
        transition(name, node, targets, transitions));
  }

  /** RFC 3339 with an upper-case T and Z or an offset, as Step Functions requires. */
  static Instant parseTimestamp(String text) {
    if (text.indexOf('T') < 0 || text.indexOf('t') >= 0 || text.endsWith("z")) {
      throw new DateTimeParseException("not RFC 3339", text, 0);
    }
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  private FailState fail(String name, JsonNode node) {
    return new FailState(
        name,
        failText(name, node, "Error", "ErrorPath"),
        failText(name, node, "Cause", "CausePath"));
  }

  private TextSource failText(String name, JsonNode node, String literal, String pathField) {
    if (node.has(literal) && node.has(pathField)) {
      problems.add(
          at(name, pathField)
              + ": a Fail state may have "
              + literal
              + " or "
              + pathField
              + ", not both");
      return TextSource.none();
    }
    if (node.has(literal)) {
      String text = optionalString(node, literal, name, literal);
      return text == null ? TextSource.none() : new TextSource.Literal(text);
    }
    if (node.has(pathField)) {
      String expression = optionalString(node, pathField, name, pathField);
      if (expression == null) {
        return TextSource.none();
      }
      if (IntrinsicFunctions.isIntrinsic(expression)) {
        try {
          IntrinsicFunctions.parse(expression, name, pathField);
          return new TextSource.Expression(expression);
        } catch (DefinitionException e) {
          problems.add(e.getMessage());
          return TextSource.none();
        }
      }
      return checkPath(name, pathField, expression)
          ? new TextSource.Expression(expression)
          : TextSource.none();
    }
    return TextSource.none();
  }

  private ParallelState parallel(
      String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
    List<StatesBlock> branches = new ArrayList<>();
    JsonNode branchesNode = node.get("Branches");
    if (branchesNode == null) {
      problems.add(at(name, "Branches") + ": is required in a Parallel state");
    } else if (!branchesNode.isArray() || branchesNode.isEmpty()) {
      problems.add(
          at(name, "Branches")
              + ": must be a non-empty array of branches, got "
              + kind(branchesNode));
    } else {
      for (int i = 0; i < branchesNode.size(); i++) {
        String prefix = "Branches[" + i + "].";
        JsonNode branch = branchesNode.get(i);
        if (!branch.isObject()) {
          problems.add(
              at(name, "Branches[" + i + "]")
                  + ": must be an object with StartAt and "
                  + "States, got "
                  + kind(branch));
          continue;
        }
        checkBlockFields(name, prefix, branch, Set.of("StartAt", "States", "Comment"));
        StatesBlock block = block(branch, name, prefix);
        if (block != null) {
          branches.add(block);
        }
      }
    }
    List<Retrier> retry = retriers(name, node);
    List<Catcher> catchers = catchers(name, node, targets, transitions);
    return new ParallelState(
        name,
        inputPath(name, node),
        template(name, node, "Parameters"),
        branches,
        template(name, node, "ResultSelector"),
        resultPath(name, node, "ResultPath"),
        outputPath(name, node),
        retry,
        catchers,
        transition(name, node, targets, transitions));
  }

  private MapState map(
      String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
    StatesBlock processor = null;
    boolean hasProcessor = node.has("ItemProcessor");
    boolean hasIterator = node.has("Iterator");
    if (hasProcessor && hasIterator) {
      problems.add(
          at(name, "Iterator")
              + ": a Map state has ItemProcessor or the older "
              + "Iterator, not both");
    } else if (!hasProcessor && !hasIterator) {
      problems.add(at(name, "ItemProcessor") + ": is required in a Map state");
    } else {
      String field = hasProcessor ? "ItemProcessor" : "Iterator";
      JsonNode block = node.get(field);
      if (!block.isObject()) {
        problems.add(
            at(name, field) + ": must be an object with StartAt and States, got " + kind(block));
      } else {
        Set<String> allowed =
            hasProcessor
                ? Set.of("StartAt", "States", "Comment", "ProcessorConfig")
                : Set.of("StartAt", "States", "Comment");
        checkBlockFields(name, field + ".", block, allowed);
        if (hasProcessor) {
          checkProcessorConfig(name, block.get("ProcessorConfig"));
        }
        processor = block(block, name, field + ".");
      }
    }
    if (node.has("ItemSelector") && node.has("Parameters")) {
      problems.add(
          at(name, "Parameters")
              + ": a Map state has ItemSelector or the older "
              + "Parameters, not both");
    }
    JsonNode itemSelector =
        node.has("ItemSelector")
            ? template(name, node, "ItemSelector")
            : template(name, node, "Parameters");
    String itemsPath = "$";
    if (node.has("ItemsPath")) {
      String path = definitePath(name, node, "ItemsPath");
      itemsPath = path == null ? "$" : path;
    }
    MapConcurrency concurrency = MapConcurrency.unlimited();
    if (node.has("MaxConcurrency") && node.has("MaxConcurrencyPath")) {
      problems.add(
          at(name, "MaxConcurrencyPath")
              + ": a Map state may have MaxConcurrency or "
              + "MaxConcurrencyPath, not both");
    } else if (node.has("MaxConcurrency")) {
      long max = optionalLong(node, "MaxConcurrency", name, "MaxConcurrency", 0, Integer.MAX_VALUE);
      concurrency = new MapConcurrency.Fixed((int) Math.max(max, 0));
    } else if (node.has("MaxConcurrencyPath")) {
      String path = definitePath(name, node, "MaxConcurrencyPath");
      if (path != null) {
        concurrency = new MapConcurrency.FromPath(path);
      }
    }
    List<Retrier> retry = retriers(name, node);
    List<Catcher> catchers = catchers(name, node, targets, transitions);
    return new MapState(
        name,
        inputPath(name, node),
        itemsPath,
        itemSelector,
        concurrency,
        processor,
        template(name, node, "ResultSelector"),
        resultPath(name, node, "ResultPath"),
        outputPath(name, node),
        retry,
        catchers,
        transition(name, node, targets, transitions));
  }

  private void checkProcessorConfig(String name, JsonNode config) {
    if (config == null) {
      return;
    }
    String field = "ItemProcessor.ProcessorConfig";
    if (!config.isObject()) {
      problems.add(at(name, field) + ": must be an object, got " + kind(config));
      return;
    }
    for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.equals("ExecutionType")) {
        problems.add(
            at(name, field + ".ExecutionType")
                + ": Distributed Map child workflows are "
                + "not supported by the local interpreter");
      } else if (!key.equals("Mode")) {
        problems.add(at(name, field + "." + key) + ": unknown field");
      }
    }
    JsonNode mode = config.get("Mode");
    if (mode == null) {
      return;
    }
    if (mode.isTextual() && mode.asText().equals("DISTRIBUTED")) {
      problems.add(
          at(name, field + ".Mode")
              + ": Distributed Map (Mode DISTRIBUTED) is not "
              + "supported by the local interpreter; use INLINE");
    } else if (!mode.isTextual() || !mode.asText().equals("INLINE")) {
      problems.add(at(name, field + ".Mode") + ": must be INLINE or DISTRIBUTED, got " + mode);
    }
  }

  private void checkBlockFields(String name, String prefix, JsonNode block, Set<String> allowed) {
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

  // ---------------------------------------------------------------- shared fields

  private Transition transition(
      String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
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
    targets.add(next.asText());
    transitions.add(new String[] {name, "Next", next.asText()});
    return Transition.next(next.asText());
  }

  private List<Retrier> retriers(String name, JsonNode node) {
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
      List<String> errors = errorEquals(name, field, element, i == retry.size() - 1, "Retry");
      long interval =
          optionalLong(
              element, "IntervalSeconds", name, field + ".IntervalSeconds", 1, MAX_SECONDS);
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
      retriers.add(
          new Retrier(
              errors,
              interval < 0 ? Retrier.DEFAULT_INTERVAL_SECONDS : interval,
              attempts < 0 ? Retrier.DEFAULT_MAX_ATTEMPTS : (int) attempts,
              backoff,
              Math.max(maxDelay, 0),
              jitter));
    }
    return retriers;
  }

  private List<Catcher> catchers(
      String name, JsonNode node, Set<String> targets, List<String[]> transitions) {
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
        if (key.equals("Assign") || key.equals("Output")) {
          problems.add(
              at(name, field + "." + key)
                  + ": "
                  + UNSUPPORTED_FIELDS.get(key)
                  + " is not supported by the local interpreter");
        } else if (!Set.of("ErrorEquals", "Next", "ResultPath", "Comment").contains(key)) {
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
        targets.add(target);
        transitions.add(new String[] {name, field + ".Next", target});
      }
      ResultPlacement placement = resultPath(name, element, "ResultPath", field + ".ResultPath");
      catchers.add(new Catcher(errors, target, placement));
    }
    return catchers;
  }

  private List<String> errorEquals(
      String name, String field, JsonNode element, boolean last, String kind) {
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

  private TimeoutSetting timeoutSetting(
      String name, JsonNode node, String field, String pathField) {
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

  private PathSelection inputPath(String name, JsonNode node) {
    return pathSelection(name, node, "InputPath");
  }

  private PathSelection outputPath(String name, JsonNode node) {
    return pathSelection(name, node, "OutputPath");
  }

  private PathSelection pathSelection(String name, JsonNode node, String field) {
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

  private ResultPlacement resultPath(String name, JsonNode node, String field) {
    return resultPath(name, node, field, field);
  }

  private ResultPlacement resultPath(String name, JsonNode node, String field, String label) {
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
  private String definitePath(String name, JsonNode node, String field) {
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

  private boolean checkPath(String name, String field, String path) {
    try {
      JsonPathReader.validate(path, name, field);
      return true;
    } catch (DefinitionException e) {
      problems.add(e.getMessage());
      return false;
    }
  }

  private JsonNode template(String name, JsonNode node, String field) {
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

  // ---------------------------------------------------------------- primitives

  private String optionalString(JsonNode node, String field, String state, String label) {
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
  private long optionalLong(
      JsonNode node, String field, String state, String label, long min, long max) {
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

  private static String at(String state, String field) {
    return state == null ? "Field '" + field + "'" : "State '" + state + "', field '" + field + "'";
  }

  private static String top(String field) {
    return at(null, field);
  }

  private static String kind(JsonNode node) {
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

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    Arrays.stream(sets).forEach(all::addAll);
    return Set.copyOf(all);
  }

  private static Map<String, String> unsupportedFields() {
    Map<String, String> fields = new HashMap<>();
    String distributed = "Distributed Map";
    for (String field :
        List.of(
            "ItemReader",
            "ResultWriter",
            "ItemBatcher",
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
            "ToleratedFailureCount",
            "ToleratedFailureCountPath",
            "Label")) {
      fields.put(field, distributed + " (" + field + ")");
    }
    fields.put("Assign", "Variables (Assign)");
    fields.put("Arguments", "JSONata (Arguments)");
    fields.put("Output", "JSONata (Output)");
    fields.put("Items", "JSONata (Items)");
    fields.put("Credentials", "Cross-account access (Credentials)");
    return Map.copyOf(fields);
  }

  private static Set<String> allKnownFields() {
    Set<String> all = new HashSet<>();
    FIELDS.values().forEach(all::addAll);
    return Set.copyOf(all);
  }
}

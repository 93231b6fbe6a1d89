package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.kind;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.top;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a definition into the model and collects every problem on the way, so that one run reports
 * them all. Each problem names the state and the field, in the form {@code State 'X', field 'Y':
 * ...} that the path checks of this package also use. Blocks, state names and transitions are
 * checked here; each state type's own fields by its {@link StateRules}.
 */
final class DefinitionChecker {

  private static final int MAX_STATE_NAME_LENGTH = 80;

  private static final Set<String> TOP_LEVEL_FIELDS =
      Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage");

  private final DefinitionFields fields = new DefinitionFields(this::block);
  private final Map<String, String> definedStates = new HashMap<>();
  private final List<String[]> missingTargets = new ArrayList<>();

  StateMachineDefinition check(JsonNode root) {
    if (!root.isObject()) {
      throw new DefinitionException("The definition must be a JSON object, got " + kind(root));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_LEVEL_FIELDS.contains(field)) {
        fields.problem(top(field) + ": unknown field at the top level of the definition");
      }
    }
    fields.checkQueryLanguage(root, null, "QueryLanguage");
    fields.topLevelLanguage(root);
    String comment = fields.optionalString(root, "Comment", null, "Comment");
    fields.optionalString(root, "Version", null, "Version");
    long timeout =
        fields.optionalLong(
            root, "TimeoutSeconds", null, "TimeoutSeconds", 1, DefinitionFields.MAX_SECONDS);
    StatesBlock block = block(root, null, "");
    for (String[] transition : missingTargets) {
      String elsewhere =
          definedStates.containsKey(transition[2])
              ? " (that state is in another block: transitions cannot leave a branch or an item "
                  + "processor)"
              : "";
      fields.problem(
          at(transition[0], transition[1])
              + ": no state named '"
              + transition[2]
              + "'"
              + elsewhere);
    }
    if (!fields.problems.isEmpty() || block == null) {
      throw new DefinitionException(
          fields.problems.isEmpty()
              ? List.of("The definition has no usable StartAt/States")
              : fields.problems);
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
      fields.problem(at(owner, prefix + "StartAt") + ": is required");
    } else if (!startAtNode.isTextual()) {
      fields.problem(
          at(owner, prefix + "StartAt") + ": must be a string, got " + kind(startAtNode));
    } else {
      startAt = startAtNode.asText();
    }
    if (statesNode == null) {
      fields.problem(at(owner, prefix + "States") + ": is required");
      return null;
    }
    if (!statesNode.isObject() || statesNode.isEmpty()) {
      fields.problem(
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
      Links links = new Links(name, transitions);
      State state = state(name, entry.getValue(), links);
      edges.put(name, links.targets());
      if (state != null) {
        states.put(name, state);
      }
    }
    checkTransitions(startAt, edges, transitions, owner, prefix);
    if (startAt == null || states.size() != edges.size()) {
      return null;
    }
    return new StatesBlock(startAt, states);
  }

  /** Every transition's target exists, StartAt names a state, and every state is reached. */
  private void checkTransitions(
      String startAt,
      Map<String, Set<String>> edges,
      List<String[]> transitions,
      String owner,
      String prefix) {
    for (String[] transition : transitions) {
      if (!edges.containsKey(transition[2])) {
        // Reported once every block is parsed, to say whether the state exists elsewhere.
        missingTargets.add(transition);
      }
    }
    if (startAt == null) {
      return;
    }
    if (!edges.containsKey(startAt)) {
      fields.problem(
          at(owner, prefix + "StartAt")
              + ": no state named '"
              + startAt
              + "'"
              + " in "
              + (owner == null ? "States" : prefix + "States"));
      return;
    }
    Set<String> reached = reachable(startAt, edges);
    for (String name : edges.keySet()) {
      if (!reached.contains(name)) {
        fields.problem(
            "State '"
                + name
                + "': is not reachable from StartAt '"
                + startAt
                + "' (no Next, Default, Choices or Catch leads to it)");
      }
    }
  }

  private void checkStateName(String name, String owner, String prefix) {
    if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
      fields.problem(
          "State '"
              + name
              + "': a state name must be 1 to "
              + MAX_STATE_NAME_LENGTH
              + " characters long");
    }
    String where = owner == null ? "States" : "State '" + owner + "', field '" + prefix + "States'";
    String previous = definedStates.putIfAbsent(name, where);
    if (previous != null) {
      fields.problem(
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

  private State state(String name, JsonNode node, Links links) {
    if (!node.isObject()) {
      fields.problem("State '" + name + "': must be a JSON object, got " + kind(node));
      return null;
    }
    JsonNode typeNode = node.get("Type");
    if (typeNode == null) {
      fields.problem(at(name, "Type") + ": is required");
      return null;
    }
    StateType type =
        typeNode.isTextual() ? StateType.fromAslName(typeNode.asText()).orElse(null) : null;
    if (type == null) {
      fields.problem(
          at(name, "Type")
              + ": unknown state type "
              + typeNode
              + "; expected one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map");
      return null;
    }
    int before = fields.problems.size();
    fields.checkFields(name, node, type);
    fields.checkQueryLanguage(node, name, "QueryLanguage");
    fields.optionalString(node, "Comment", name, "Comment");
    State state = StateRules.of(type).read(name, node, fields, links);
    return fields.problems.size() == before ? state : null;
  }
}

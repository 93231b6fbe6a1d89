package dev.studiolifecycle.local.asl.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mock configuration in the format of AWS Step Functions Local ({@code MockConfigFile.json}):
 * {@code StateMachines -> <name> -> TestCases -> <case> -> <state> -> <mocked response>} and {@code
 * MockedResponses -> <name> -> "0" | "1-3" -> {"Return": ...} | {"Throw": {...}}}.
 */
public final class MockConfig {

  private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");

  private final Map<String, Map<String, TestCase>> stateMachines;

  private MockConfig(Map<String, Map<String, TestCase>> stateMachines) {
    this.stateMachines = stateMachines;
  }

  /**
   * Reads a mock configuration file.
   *
   * @throws MockConfigException when it cannot be read or breaks a rule of the format
   */
  public static MockConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new MockConfigException("Cannot read the mock configuration " + file + ": " + e, e);
    }
    return parse(text);
  }

  /**
   * Parses a mock configuration.
   *
   * @throws MockConfigException naming the field and the rule it breaks
   */
  public static MockConfig parse(String json) {
    JsonNode root;
    try {
      root = LocalJson.STRICT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MockConfigException(
          "The mock configuration is not valid JSON: " + LocalJson.problem(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new MockConfigException(
          "The mock configuration must be a JSON object with "
              + "StateMachines and MockedResponses");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!Set.of("StateMachines", "MockedResponses").contains(field)) {
        throw new MockConfigException(
            "Mock configuration: unknown top-level field '"
                + field
                + "' (expected StateMachines and MockedResponses)");
      }
    }
    Map<String, MockedResponse> responses = responses(root.get("MockedResponses"));
    return new MockConfig(stateMachines(root.get("StateMachines"), responses));
  }

  /** The state machine names the configuration has test cases for. */
  public Set<String> stateMachines() {
    return stateMachines.keySet();
  }

  /** The test case names of a state machine; empty when it has none. */
  public Set<String> testCases(String stateMachine) {
    return stateMachines.getOrDefault(stateMachine, Map.of()).keySet();
  }

  /**
   * A test case.
   *
   * @throws MockConfigException naming the state machines or test cases that do exist
   */
  public TestCase testCase(String stateMachine, String testCase) {
    Map<String, TestCase> cases = stateMachines.get(stateMachine);
    if (cases == null) {
      throw new MockConfigException(
          "The mock configuration has no state machine '"
              + stateMachine
              + "' (it has: "
              + String.join(", ", stateMachines.keySet())
              + ")");
    }
    TestCase found = cases.get(testCase);
    if (found == null) {
      throw new MockConfigException(
          "State machine '"
              + stateMachine
              + "' has no test case '"
              + testCase
              + "' in the mock configuration (it has: "
              + String.join(", ", cases.keySet())
              + ")");
    }
    return found;
  }

  private static Map<String, MockedResponse> responses(JsonNode node) {
    Map<String, MockedResponse> responses = new LinkedHashMap<>();
    if (node == null) {
      return responses;
    }
    requireObject(node, "MockedResponses");
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> response = it.next();
      String where = "MockedResponses." + response.getKey();
      requireObject(response.getValue(), where);
      if (response.getValue().isEmpty()) {
        throw new MockConfigException(
            "Mock configuration, "
                + where
                + ": needs at least one "
                + "invocation entry such as \"0\"");
      }
      List<MockedResponse.Entry> entries = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> e = response.getValue().fields(); e.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = e.next();
        entries.add(entry(entry.getKey(), entry.getValue(), where + ".\"" + entry.getKey() + "\""));
      }
      checkOverlaps(entries, where);
      responses.put(response.getKey(), new MockedResponse(response.getKey(), entries));
    }
    return responses;
  }

  private static MockedResponse.Entry entry(String key, JsonNode value, String where) {
    Matcher range = RANGE.matcher(key);
    if (!range.matches()) {
      throw new MockConfigException(
          "Mock configuration, "
              + where
              + ": an invocation key must "
              + "be a number such as \"0\" or an inclusive range such as \"1-3\"");
    }
    int first;
    int last;
    try {
      first = Integer.parseInt(range.group(1));
      last = range.group(2) == null ? first : Integer.parseInt(range.group(2));
    } catch (NumberFormatException e) {
      throw new MockConfigException(
          "Mock configuration, " + where + ": the invocation number " + "is too large", e);
    }
    if (last < first) {
      throw new MockConfigException(
          "Mock configuration, " + where + ": the range ends before " + "it starts");
    }
    requireObject(value, where);
    boolean returns = value.has("Return");
    boolean throwsError = value.has("Throw");
    if (returns == throwsError || value.size() != 1) {
      throw new MockConfigException(
          "Mock configuration, " + where + ": must have exactly one " + "field, Return or Throw");
    }
    if (returns) {
      return new MockedResponse.Entry(first, last, new MockedResponse.Return(value.get("Return")));
    }
    JsonNode thrown = value.get("Throw");
    requireObject(thrown, where + ".Throw");
    JsonNode error = thrown.get("Error");
    JsonNode cause = thrown.get("Cause");
    if (error == null || !error.isTextual() || cause == null || !cause.isTextual()) {
      throw new MockConfigException(
          "Mock configuration, " + where + ".Throw: needs string " + "fields Error and Cause");
    }
    return new MockedResponse.Entry(
        first, last, new MockedResponse.Throw(error.asText(), cause.asText()));
  }

  private static void checkOverlaps(List<MockedResponse.Entry> entries, String where) {
    for (int i = 0; i < entries.size(); i++) {
      for (int j = i + 1; j < entries.size(); j++) {
        MockedResponse.Entry a = entries.get(i);
        MockedResponse.Entry b = entries.get(j);
        if (a.first() <= b.last() && b.first() <= a.last()) {
          throw new MockConfigException(
              "Mock configuration, "
                  + where
                  + ": invocation "
                  + Math.max(a.first(), b.first())
                  + " is given more than once");
        }
      }
    }
  }

  private static Map<String, Map<String, TestCase>> stateMachines(
      JsonNode node, Map<String, MockedResponse> responses) {
    Map<String, Map<String, TestCase>> machines = new LinkedHashMap<>();
    if (node == null) {
      return machines;
    }
    requireObject(node, "StateMachines");
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> machine = it.next();
      String where = "StateMachines." + machine.getKey();
      requireObject(machine.getValue(), where);
      JsonNode testCases = machine.getValue().get("TestCases");
      if (testCases == null || machine.getValue().size() != 1) {
        throw new MockConfigException(
            "Mock configuration, " + where + ": must have exactly one " + "field, TestCases");
      }
      requireObject(testCases, where + ".TestCases");
      Map<String, TestCase> cases = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> c = testCases.fields(); c.hasNext(); ) {
        Map.Entry<String, JsonNode> testCase = c.next();
        String caseWhere = where + ".TestCases." + testCase.getKey();
        requireObject(testCase.getValue(), caseWhere);
        Map<String, MockedResponse> mocks = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> s = testCase.getValue().fields();
            s.hasNext(); ) {
          Map.Entry<String, JsonNode> mock = s.next();
          if (!mock.getValue().isTextual()) {
            throw new MockConfigException(
                "Mock configuration, "
                    + caseWhere
                    + "."
                    + mock.getKey()
                    + ": must be the name of a mocked response");
          }
          MockedResponse response = responses.get(mock.getValue().asText());
          if (response == null) {
            throw new MockConfigException(
                "Mock configuration, "
                    + caseWhere
                    + "."
                    + mock.getKey()
                    + ": no MockedResponses entry named '"
                    + mock.getValue().asText()
                    + "'");
          }
          mocks.put(mock.getKey(), response);
        }
        cases.put(testCase.getKey(), new TestCase(machine.getKey(), testCase.getKey(), mocks));
      }
      machines.put(machine.getKey(), Collections.unmodifiableMap(cases));
    }
    return Collections.unmodifiableMap(machines);
  }

  private static void requireObject(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new MockConfigException("Mock configuration, " + where + ": must be a JSON object");
    }
  }
}

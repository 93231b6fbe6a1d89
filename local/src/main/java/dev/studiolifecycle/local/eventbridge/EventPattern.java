package dev.studiolifecycle.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * An EventBridge event pattern, checked and matched by event-ruler, the library EventBridge itself
 * matches with (github.com/aws/event-ruler): every operator EventBridge documents, with its
 * array-consistent matching.
 */
public record EventPattern(JsonNode source, Machine machine) {

  private static final String RULE = "pattern";

  /**
   * Reads a pattern.
   *
   * @param where names the pattern in errors, e.g. {@code Resources.X.Properties.EventPattern}
   * @throws EventPatternException naming the pattern and the rule it breaks, in event-ruler's words
   */
  public static EventPattern parse(JsonNode pattern, String where) {
    if (pattern == null || pattern.isMissingNode()) {
      throw new EventPatternException(where + ": an event pattern is required");
    }
    String text = pattern.toString();
    String error = JsonRuleCompiler.check(text);
    if (error != null) {
      throw new EventPatternException(where + ": " + error.replace('\n', ' ').trim());
    }
    Machine machine = new Machine();
    try {
      machine.addRule(RULE, text);
    } catch (IOException | RuntimeException e) {
      throw new EventPatternException(where + ": " + e.getMessage());
    }
    return new EventPattern(pattern.deepCopy(), machine);
  }

  /** Whether the event matches. */
  public boolean matches(JsonNode event) {
    return event != null && event.isObject() && !machine.rulesForJSONEvent(event).isEmpty();
  }

  /** The pattern as written. */
  public JsonNode json() {
    return source.deepCopy();
  }

  @Override
  public String toString() {
    return source.toString();
  }
}

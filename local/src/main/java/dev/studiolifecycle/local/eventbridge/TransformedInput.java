package dev.studiolifecycle.local.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.util.List;
import java.util.Optional;

/**
 * What an input transformer made of one event: the text the target receives, and the variables
 * whose paths the event lacked (EventBridge does not create them, so they are left out of the text,
 * which can leave it without a value or not JSON at all).
 */
public record TransformedInput(String text, List<String> missingVariables) {

  public TransformedInput {
    missingVariables = List.copyOf(missingVariables);
  }

  /** The text as JSON, when it is LocalJson.MAPPER. */
  public Optional<JsonNode> json() {
    try {
      return Optional.of(LocalJson.MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Why the text is not JSON (the parser's message), or empty when it is. */
  public Optional<String> jsonProblem() {
    try {
      LocalJson.MAPPER.readTree(text);
      return Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.of(e.getOriginalMessage());
    }
  }
}

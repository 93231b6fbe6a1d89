package dev.studiolifecycle.local.emulator.sns;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A message published to a topic, as tests and the command line read it back. {@code subject} and
 * {@code caller} are null when absent.
 */
public record PublishedMessage(
    String messageId,
    String topicArn,
    String subject,
    String message,
    Map<String, MessageAttribute> attributes,
    Instant time,
    String caller) {

  public PublishedMessage {
    attributes = Map.copyOf(attributes);
  }

  /** The string value of an attribute, e.g. {@code attribute("outcome")}. */
  public Optional<String> attribute(String name) {
    MessageAttribute attribute = attributes.get(name);
    return attribute == null ? Optional.empty() : Optional.ofNullable(attribute.stringValue());
  }

  public Optional<String> subjectLine() {
    return Optional.ofNullable(subject);
  }
}

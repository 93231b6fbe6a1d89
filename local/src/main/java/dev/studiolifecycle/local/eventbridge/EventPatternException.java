package dev.studiolifecycle.local.eventbridge;

/**
 * An event pattern or input transformer that EventBridge would refuse: the message names the field
 * (as a path in the pattern or the transformer) and the rule broken.
 */
public class EventPatternException extends IllegalArgumentException {

  public EventPatternException(String message) {
    super(message);
  }
}

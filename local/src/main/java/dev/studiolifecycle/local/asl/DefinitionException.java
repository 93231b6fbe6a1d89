package dev.studiolifecycle.local.asl;

/**
 * A state machine definition that cannot run: the message names the state and the field, the
 * way Step Functions answers InvalidDefinition.
 */
public class DefinitionException extends RuntimeException {

  public DefinitionException(String message) {
    super(message);
  }
}

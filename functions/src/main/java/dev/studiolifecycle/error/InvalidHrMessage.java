package dev.studiolifecycle.error;

/** An HR message could not be turned into a workflow request; the message names the field. */
public final class InvalidHrMessage extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public InvalidHrMessage(String message) {
    super(message, false);
  }

  public InvalidHrMessage(String message, Throwable cause) {
    super(message, cause, false);
  }
}

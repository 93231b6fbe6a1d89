package dev.studiolifecycle.error;

/**
 * What the workflow waits for ended in a failed state (a profile Failed or Delete_Failed, a space
 * Failed or Delete_Failed); SageMaker's failure reason is in the message. A Failed app is left
 * alone instead.
 */
public final class ResourceFailed extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public ResourceFailed(String message) {
    super(message, false);
  }
}

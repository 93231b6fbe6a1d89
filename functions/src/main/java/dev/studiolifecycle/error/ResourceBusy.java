package dev.studiolifecycle.error;

/**
 * An app or space cannot be deleted in its current state (for example Pending, or a space that
 * still has apps); retry later.
 */
public final class ResourceBusy extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public ResourceBusy(String message) {
    super(message, true);
  }

  public ResourceBusy(String message, Throwable cause) {
    super(message, cause, true);
  }
}

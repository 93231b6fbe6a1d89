package dev.studiolifecycle.error;

/**
 * A wait reached its bound (MaxProfileWaitSeconds, MaxAppDeletionWaitSeconds) with something still
 * under way: the workflow stops instead of polling for ever. The message names what is left.
 */
public final class WaitTimedOut extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public WaitTimedOut(String message) {
    super(message, false);
  }
}

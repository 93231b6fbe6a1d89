package dev.studiolifecycle.error;

/**
 * A user profile of that name exists and was not created by this workflow (or cannot be adopted).
 */
public final class ProfileConflict extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public ProfileConflict(String message) {
    super(message, false);
  }

  public ProfileConflict(String message, Throwable cause) {
    super(message, cause, false);
  }
}

package dev.studiolifecycle.error;

/** The user profile still has apps or spaces; list and delete them again, then retry. */
public final class ProfileInUse extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public ProfileInUse(String message) {
    super(message, true);
  }

  public ProfileInUse(String message, Throwable cause) {
    super(message, cause, true);
  }
}

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

  /** The profile exists in the domain and carries no tag of this workflow. */
  public static ProfileConflict notManaged(String domainId, String userProfileName) {
    return new ProfileConflict(
        "userProfileName: a user profile named "
            + userProfileName
            + " already exists in domain "
            + domainId
            + " and was not created by studio-lifecycle (\"adopt\": true takes it over)");
  }
}

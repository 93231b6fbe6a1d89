package dev.studiolifecycle.model;

import java.util.List;

/**
 * The user profile after CreateUserProfile. {@code status} is SageMaker's value right after the
 * call (usually Pending, or Updating after a change); {@code adopted} is true when a profile of
 * this workflow already existed; {@code createdByThisRun} is true when this request created it.
 * {@code outcome} is the notification's first word: {@code Onboarded} (created, or already as
 * requested by an ONBOARD), {@code Updated} (the profile or its role was brought to the request) or
 * {@code Unchanged} (an UPDATE that found everything as requested). {@code changes} lists what this
 * run changed on the profile, each as {@code what: before -> after}. {@code studio} says how the
 * user opens Studio (absent until the step has made sure of it).
 */
public record UserProfileResult(
    String domainId,
    String userProfileName,
    String userProfileArn,
    String status,
    boolean createdByThisRun,
    boolean adopted,
    String outcome,
    List<String> changes,
    StudioAccess studio) {

  public static final String ONBOARDED = "Onboarded";
  public static final String UPDATED = "Updated";
  public static final String UNCHANGED = "Unchanged";

  public UserProfileResult {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** This result, with how the user opens Studio. */
  public UserProfileResult withStudio(StudioAccess access) {
    return new UserProfileResult(
        domainId,
        userProfileName,
        userProfileArn,
        status,
        createdByThisRun,
        adopted,
        outcome,
        changes,
        access);
  }
}

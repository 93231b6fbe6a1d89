package dev.studiolifecycle.model;

import java.util.List;

/**
 * What RevokeAccess did, first of an offboarding. {@code executionRoleDenied}: the role onboarding
 * created for the user now carries an explicit deny of every action, so running apps and jobs lose
 * AWS access at once. {@code studioDisabled}: the profile's {@code UserSettings.StudioWebPortal} is
 * {@code DISABLED}, so the user cannot open Studio. {@code notRevoked} says, for each of the two
 * that did not happen, why (a role this workflow did not create is shared and never denied; a
 * profile already being deleted is not changed).
 */
public record AccessRevocation(
    String userProfileName,
    String executionRoleArn,
    boolean executionRoleDenied,
    boolean studioDisabled,
    List<String> notRevoked) {

  public AccessRevocation {
    notRevoked = notRevoked == null ? List.of() : List.copyOf(notRevoked);
  }
}

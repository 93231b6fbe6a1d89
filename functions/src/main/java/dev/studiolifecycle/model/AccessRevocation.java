package dev.studiolifecycle.model;

import java.util.List;

/**
 * What RevokeAccess did, first of an offboarding. {@code executionRoleDenied}: the role onboarding
 * created for the user now carries an explicit deny of every action, so running apps and jobs lose
 * AWS access at once. {@code studioDisabled}: the profile's {@code UserSettings.StudioWebPortal} is
 * {@code DISABLED}, so the user cannot open Studio. {@code notRevoked} says, for each of the two
 * that did not happen, why (a role this workflow did not create is shared and never denied; a
 * profile already being deleted is not changed). {@code studioAssignmentRemoved}: in an SSO domain,
 * the user's assignment to the domain's Studio application that onboarding made is gone (one a
 * group or an administrator made is left).
 */
public record AccessRevocation(
    String userProfileName,
    String executionRoleArn,
    boolean executionRoleDenied,
    boolean studioDisabled,
    List<String> notRevoked,
    boolean studioAssignmentRemoved) {

  public AccessRevocation {
    notRevoked = notRevoked == null ? List.of() : List.copyOf(notRevoked);
  }

  /** A revocation with no Identity Center assignment of the workflow's to remove. */
  public AccessRevocation(
      String userProfileName,
      String executionRoleArn,
      boolean executionRoleDenied,
      boolean studioDisabled,
      List<String> notRevoked) {
    this(userProfileName, executionRoleArn, executionRoleDenied, studioDisabled, notRevoked, false);
  }
}

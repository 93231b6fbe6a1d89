package dev.studiolifecycle.model;

import java.util.List;

/**
 * What RestoreAccess gave back. {@code executionRoleRestored}: the deny an offboarding put on the
 * role is gone; {@code studioEnabled}: the profile's Studio web portal is {@code ENABLED} again;
 * {@code cancelledOffboarding}: the request id of the offboarding that now ends without deleting.
 * {@code notRestored} says, for what was not given back, why. {@code studioAssignmentRestored}: the
 * assignment an offboarding removed is back.
 */
public record AccessRestoration(
    String userProfileName,
    String executionRoleArn,
    boolean executionRoleRestored,
    boolean studioEnabled,
    String cancelledOffboarding,
    List<String> notRestored,
    boolean studioAssignmentRestored) {

  public AccessRestoration {
    notRestored = notRestored == null ? List.of() : List.copyOf(notRestored);
  }

  /** A restoration with no Identity Center assignment of the workflow's to put back. */
  public AccessRestoration(
      String userProfileName,
      String executionRoleArn,
      boolean executionRoleRestored,
      boolean studioEnabled,
      String cancelledOffboarding,
      List<String> notRestored) {
    this(
        userProfileName,
        executionRoleArn,
        executionRoleRestored,
        studioEnabled,
        cancelledOffboarding,
        notRestored,
        false);
  }
}

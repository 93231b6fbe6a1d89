package dev.studiolifecycle.model;

import java.util.List;

/**
 * What RestoreAccess gave back. {@code executionRoleRestored}: the deny an offboarding put on the
 * role is gone; {@code studioEnabled}: the profile's Studio web portal is {@code ENABLED} again;
 * {@code cancelledOffboarding}: the request id of the offboarding that now ends without deleting.
 * {@code notRestored} says, for what was not given back, why.
 */
public record AccessRestoration(
    String userProfileName,
    String executionRoleArn,
    boolean executionRoleRestored,
    boolean studioEnabled,
    String cancelledOffboarding,
    List<String> notRestored) {

  public AccessRestoration {
    notRestored = notRestored == null ? List.of() : List.copyOf(notRestored);
  }
}

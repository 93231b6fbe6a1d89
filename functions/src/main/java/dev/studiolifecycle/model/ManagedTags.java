package dev.studiolifecycle.model;

import java.util.Map;

/**
 * The tags that mark what this workflow created: {@code managed-by} on roles and profiles, the
 * request id, and on roles and profiles the user profile they belong to (so a role is only ever
 * deleted for its own user, and the permissions boundary lets a person's role reach only the
 * profile, and through SageMaker's tag propagation the apps, whose tag equals its own).
 */
public final class ManagedTags {

  public static final String MANAGED_BY = "managed-by";
  public static final String MANAGED_BY_VALUE = "studio-lifecycle";
  public static final String REQUEST_ID = "studio-lifecycle:request-id";
  public static final String USER_PROFILE = "studio-lifecycle:user-profile";

  /**
   * On a profile whose access an offboarding revoked: that offboarding's request id. A RESTORE
   * removes it, a later offboarding replaces it; an offboarding deletes after its retention only
   * while the profile still carries its own.
   */
  public static final String OFFBOARDING = "studio-lifecycle:offboarding";

  /**
   * On a profile in an SSO domain: the IAM Identity Center user id it is for. User names can change
   * and Identity Center's delete events carry only the id.
   */
  public static final String IDENTITY_CENTER_USER = "studio-lifecycle:identity-center-user-id";

  /**
   * On a profile whose user the workflow assigned to the domain's Identity Center application:
   * {@code USER}, written before the assignment is made, so that a revoke or a deletion removes
   * that assignment and never one the workflow did not make; {@code REVOKED} once an offboarding
   * removed it, for a RESTORE to make it again.
   */
  public static final String STUDIO_ASSIGNMENT = "studio-lifecycle:studio-assignment";

  /**
   * On a profile onboarded or moved with a team: that team, which the nightly reconcile compares
   * with the roster's.
   */
  public static final String TEAM = "studio-lifecycle:team";

  /**
   * The most tags of its own the workflow keeps on one profile: managed-by, the request id, the
   * owner, the team, the Identity Center user, the Studio assignment and the offboarding mark.
   */
  public static final int MOST_ON_A_PROFILE = 7;

  private static final String OWN_PREFIX = "studio-lifecycle:";

  private ManagedTags() {}

  /** Whether a set of tags carries this workflow's managed-by mark. */
  public static boolean isManaged(Map<String, String> tags) {
    return MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY));
  }

  /** Whether the tags say this workflow created the resource for {@code requestId}. */
  public static boolean createdFor(Map<String, String> tags, String requestId) {
    return isManaged(tags) && requestId != null && requestId.equals(tags.get(REQUEST_ID));
  }

  /** Whether a request may not set this key, because the workflow sets it itself. */
  public static boolean isReserved(String key) {
    return key.equalsIgnoreCase(MANAGED_BY) || key.toLowerCase().startsWith(OWN_PREFIX);
  }
}

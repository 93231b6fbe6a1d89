package dev.studiolifecycle.model;

/**
 * How the user opens Studio after onboarding: the domain's Studio {@code url} and, in an SSO
 * domain, the IAM Identity Center user and how that user is assigned to the domain's application.
 *
 * @param assignment {@link #IAM}, {@link #ASSIGNED}, {@link #USER_ASSIGNED}, {@link
 *     #GROUP_ASSIGNED} or {@link #NOT_CHECKED}
 */
public record StudioAccess(String url, String identityCenterUserId, String assignment) {

  /** An IAM domain: the user opens Studio through IAM (the console, or a presigned URL). */
  public static final String IAM = "IAM";

  /** The workflow assigned the user to the domain's application (the profile carries the mark). */
  public static final String ASSIGNED = "ASSIGNED";

  /** Someone else had assigned the user already: the workflow leaves that assignment alone. */
  public static final String USER_ASSIGNED = "USER_ASSIGNED";

  /** A group of the user's is assigned: the workflow assigns nothing and never removes a group. */
  public static final String GROUP_ASSIGNED = "GROUP_ASSIGNED";

  /**
   * The domain reports no Identity Center application (domains created before October 2023):
   * nothing could be checked; an administrator assigns the user by hand.
   */
  public static final String NOT_CHECKED = "NOT_CHECKED";
}

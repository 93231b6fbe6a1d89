package dev.studiolifecycle.model;

/** How DeleteExecutionRole ended. */
public enum RoleDeletionOutcome {
  /** The role was deleted by this call. */
  DELETED,
  /** The role does not exist (any more). */
  NOT_FOUND,
  /** The role is not this workflow's, or not this user's: nothing was touched. */
  NOT_MANAGED,
  /**
   * The role is this user's, but another of the user's profiles (another domain) still uses it:
   * kept, nothing was touched ({@code usedBy} names the profiles).
   */
  IN_USE
}

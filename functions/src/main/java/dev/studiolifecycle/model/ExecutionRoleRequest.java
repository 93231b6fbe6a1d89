package dev.studiolifecycle.model;

/**
 * Which execution role the user gets: an existing role ({@code arn}), or one this workflow creates
 * for the user ({@code create}). Exactly one of the two is set.
 */
public record ExecutionRoleRequest(String arn, RoleCreation create) {

  /** Whether the request names an existing role rather than asking for a new one. */
  public boolean usesExistingRole() {
    return arn != null;
  }
}

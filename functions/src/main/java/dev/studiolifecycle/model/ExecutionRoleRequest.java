package dev.studiolifecycle.model;

import java.util.List;

/**
 * Which execution role the user gets: an existing role ({@code arn}), or one this workflow creates
 * for the user ({@code create}). Exactly one of the two is set.
 */
public record ExecutionRoleRequest(String arn, RoleCreation create, Boolean byDefault) {

  /** A role the request asks for itself. */
  public ExecutionRoleRequest(String arn, RoleCreation create) {
    this(arn, create, null);
  }

  /**
   * The role Validate fills in when the request names none (a new role of the user's own, no
   * extras). A role that exists already keeps its buckets and extra policies then: only what a
   * request names is converged. Never read from the request itself (the schema refuses it).
   */
  public static ExecutionRoleRequest defaulted() {
    return new ExecutionRoleRequest(null, new RoleCreation(List.of(), List.of(), List.of()), true);
  }

  /** Whether Validate filled this in because the request named no role. */
  public boolean filledInByDefault() {
    return Boolean.TRUE.equals(byDefault);
  }

  /** Whether the request names an existing role rather than asking for a new one. */
  public boolean usesExistingRole() {
    return arn != null;
  }
}

package dev.studiolifecycle.model;

import java.util.List;

/**
 * DeleteExecutionRole's output: what was detached and deleted, and (outcome IN_USE) the profiles,
 * as {@code <domainId>/<name>}, that still use the role.
 */
public record DeleteExecutionRoleResult(
    String roleArn,
    String roleName,
    RoleDeletionOutcome outcome,
    List<String> detachedPolicyArns,
    List<String> deletedInlinePolicyNames,
    List<String> usedBy) {

  public DeleteExecutionRoleResult {
    detachedPolicyArns = detachedPolicyArns == null ? List.of() : List.copyOf(detachedPolicyArns);
    deletedInlinePolicyNames =
        deletedInlinePolicyNames == null ? List.of() : List.copyOf(deletedInlinePolicyNames);
    usedBy = usedBy == null ? List.of() : List.copyOf(usedBy);
  }
}

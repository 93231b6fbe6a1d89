package dev.studiolifecycle.model;

import java.util.List;

/** DeleteExecutionRole's output: what was detached and deleted. */
public record DeleteExecutionRoleResult(
    String roleArn,
    String roleName,
    RoleDeletionOutcome outcome,
    List<String> detachedPolicyArns,
    List<String> deletedInlinePolicyNames) {

  public DeleteExecutionRoleResult {
    detachedPolicyArns = detachedPolicyArns == null ? List.of() : List.copyOf(detachedPolicyArns);
    deletedInlinePolicyNames =
        deletedInlinePolicyNames == null ? List.of() : List.copyOf(deletedInlinePolicyNames);
  }
}

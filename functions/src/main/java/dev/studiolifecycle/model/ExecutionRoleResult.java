package dev.studiolifecycle.model;

import java.util.List;

/**
 * The user's execution role. {@code createdByThisRun} is true when this request created it (also on
 * a replay that finds the role tagged with this request id), so a failed onboarding knows what to
 * compensate; {@code adopted} is true when the role already existed and belongs to this workflow
 * and user. {@code attachedPolicyArns} lists the managed policies on a role this workflow manages
 * (empty for a role the request named). {@code changes} lists what this run changed on a role that
 * existed (policies attached or detached, the S3 policy, the boundary, the trust policy), each as
 * {@code what: before -> after}.
 */
public record ExecutionRoleResult(
    String roleArn,
    String roleName,
    boolean createdByThisRun,
    boolean adopted,
    List<String> attachedPolicyArns,
    List<String> changes) {

  public ExecutionRoleResult {
    attachedPolicyArns = attachedPolicyArns == null ? List.of() : List.copyOf(attachedPolicyArns);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** A role this run did not change. */
  public ExecutionRoleResult(
      String roleArn,
      String roleName,
      boolean createdByThisRun,
      boolean adopted,
      List<String> attachedPolicyArns) {
    this(roleArn, roleName, createdByThisRun, adopted, attachedPolicyArns, List.of());
  }
}

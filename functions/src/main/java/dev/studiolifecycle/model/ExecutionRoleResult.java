package dev.studiolifecycle.model;

import java.util.List;

/**
 * The user's execution role. {@code createdByThisRun} is true when this request created it (also on
 * a replay that finds the role tagged with this request id), so a failed onboarding knows what to
 * compensate; {@code adopted} is true when the role already existed and belongs to this workflow
 * and user. {@code attachedPolicyArns} lists the managed policies on a role this workflow manages
 * (empty for a role the request named).
 */
public record ExecutionRoleResult(
    String roleArn,
    String roleName,
    boolean createdByThisRun,
    boolean adopted,
    List<String> attachedPolicyArns) {

  public ExecutionRoleResult {
    attachedPolicyArns = attachedPolicyArns == null ? List.of() : List.copyOf(attachedPolicyArns);
  }
}

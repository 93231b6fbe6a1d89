package dev.studiolifecycle.model;

/**
 * DeleteExecutionRole's input: the role, and the user it must belong to. The role is deleted only
 * if this workflow created it for that user and no other profile of the user still uses it.
 *
 * <p>Compensation may name no role and give {@code createdByRequestId} instead: when a step failed
 * after IAM created the role, the run's state never learnt its ARN. The role is then the user's
 * role name under the role path, deleted only if its tags say this request created it for this
 * user.
 *
 * <p>{@code domainId}, the domain of the profile the run offboards or undoes, is optional: that
 * profile does not count as a user of the role (an undone profile may still be Pending). Without
 * it, every profile of the user counts, as for executions started before the field existed.
 */
public record DeleteExecutionRoleInput(
    Correlation correlation,
    String roleArn,
    String userProfileName,
    String createdByRequestId,
    String domainId)
    implements StepInput {

  /** The role named by its ARN. */
  public DeleteExecutionRoleInput(Correlation correlation, String roleArn, String userProfileName) {
    this(correlation, roleArn, userProfileName, null, null);
  }

  /** The role named by its ARN or by the request that created it, any profile counting. */
  public DeleteExecutionRoleInput(
      Correlation correlation, String roleArn, String userProfileName, String createdByRequestId) {
    this(correlation, roleArn, userProfileName, createdByRequestId, null);
  }
}

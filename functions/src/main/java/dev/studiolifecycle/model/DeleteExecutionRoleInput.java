package dev.studiolifecycle.model;

/**
 * DeleteExecutionRole's input: the role, and the user it must belong to. The role is deleted only
 * if this workflow created it for that user.
 *
 * <p>Compensation may name no role and give {@code createdByRequestId} instead: when a step failed
 * after IAM created the role, the run's state never learnt its ARN. The role is then the user's
 * role name under the role path, deleted only if its tags say this request created it for this
 * user.
 */
public record DeleteExecutionRoleInput(
    Correlation correlation, String roleArn, String userProfileName, String createdByRequestId)
    implements StepInput {

  /** The role named by its ARN. */
  public DeleteExecutionRoleInput(Correlation correlation, String roleArn, String userProfileName) {
    this(correlation, roleArn, userProfileName, null);
  }
}

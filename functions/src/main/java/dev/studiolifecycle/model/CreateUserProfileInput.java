package dev.studiolifecycle.model;

/**
 * CreateUserProfile's input: the normalized request and domain summary from Validate, and the
 * execution role ARN from CreateExecutionRole.
 */
public record CreateUserProfileInput(
    Correlation correlation,
    LifecycleRequest request,
    DomainSummary domain,
    String executionRoleArn)
    implements StepInput {

  @Override
  public String userProfileName() {
    return request == null ? null : request.userProfileName();
  }
}

package dev.studiolifecycle.model;

import java.util.List;

/**
 * CreateUserProfile's input: the normalized request and domain summary from Validate, and the
 * execution role ARN and the changes CreateExecutionRole made to the role (with any, a profile that
 * needs no change is still reported Updated), and the tag keys the team settings manage (a tag of
 * those the request no longer asks for is deleted), and in an SSO domain the IAM Identity Center
 * user Validate found.
 */
public record CreateUserProfileInput(
    Correlation correlation,
    LifecycleRequest request,
    DomainSummary domain,
    String executionRoleArn,
    List<String> executionRoleChanges,
    List<String> managedTagKeys,
    SsoUser ssoUser)
    implements StepInput {

  public CreateUserProfileInput {
    executionRoleChanges =
        executionRoleChanges == null ? List.of() : List.copyOf(executionRoleChanges);
    managedTagKeys = managedTagKeys == null ? List.of() : List.copyOf(managedTagKeys);
  }

  public CreateUserProfileInput(
      Correlation correlation,
      LifecycleRequest request,
      DomainSummary domain,
      String executionRoleArn,
      List<String> executionRoleChanges,
      List<String> managedTagKeys) {
    this(
        correlation, request, domain, executionRoleArn, executionRoleChanges, managedTagKeys, null);
  }

  /** The input of a run whose role step changed nothing. */
  public CreateUserProfileInput(
      Correlation correlation,
      LifecycleRequest request,
      DomainSummary domain,
      String executionRoleArn) {
    this(correlation, request, domain, executionRoleArn, List.of(), List.of());
  }

  @Override
  public String userProfileName() {
    return request == null ? null : request.userProfileName();
  }
}

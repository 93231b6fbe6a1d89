package dev.studiolifecycle.service.config;

import dev.studiolifecycle.error.ConfigurationError;
import java.util.List;

/**
 * How CreateExecutionRole builds roles: under {@code rolePath}, with the permissions boundary,
 * trusting SageMaker from {@code accountId} only, with the default policies, and never with a
 * policy outside {@code allowedPolicyArns}. {@code partition} comes from the boundary's ARN.
 */
public record ExecutionRoleSettings(
    String rolePath,
    String permissionsBoundaryArn,
    String accountId,
    String partition,
    List<String> defaultPolicyArns,
    List<String> allowedPolicyArns) {

  public ExecutionRoleSettings {
    defaultPolicyArns = List.copyOf(defaultPolicyArns);
    allowedPolicyArns = List.copyOf(allowedPolicyArns);
    for (String arn : defaultPolicyArns) {
      if (!allowedPolicyArns.contains(arn)) {
        throw new ConfigurationError(
            "environment variable "
                + FunctionEnvironment.DEFAULT_POLICY_ARNS
                + ": '"
                + arn
                + "' is not in "
                + FunctionEnvironment.ALLOWED_POLICY_ARNS);
      }
    }
  }

  /** Reads and checks every variable the role creation needs. */
  public static ExecutionRoleSettings from(FunctionEnvironment environment) {
    String boundary = environment.permissionsBoundaryArn();
    return new ExecutionRoleSettings(
        environment.rolePath(),
        boundary,
        environment.accountId(),
        boundary.split(":", 3)[1],
        environment.defaultPolicyArns(),
        environment.allowedPolicyArns());
  }

  /** Whether a managed policy may be attached to a role this workflow creates. */
  public boolean allows(String policyArn) {
    return allowedPolicyArns.contains(policyArn);
  }
}

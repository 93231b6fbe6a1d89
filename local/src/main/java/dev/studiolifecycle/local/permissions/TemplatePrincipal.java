package dev.studiolifecycle.local.permissions;

import dev.studiolifecycle.local.template.PolicyStatement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who calls AWS in the local runtime: a role's session ({@code assumed-role/<role>/<session>}) and
 * its role's identity policy statements; and IAM's words when one of its calls is refused.
 */
record TemplatePrincipal(String arn, List<PolicyStatement> statements) {

  /** One authorization by the principal's own policy. */
  Optional<String> identityDenial(IamRequest authorization) {
    PolicyEvaluator.Decision decision =
        PolicyEvaluator.evaluate(statements, ResourcePolicies.withGlobalKeys(authorization, arn));
    if (decision.allowed()) {
      return Optional.empty();
    }
    return Optional.of(
        notAuthorized(
            authorization,
            decision.statement().isPresent()
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the "
                    + authorization.action()
                    + " action"));
  }

  /** {@code check} of one authorization; a policy the evaluator cannot evaluate refuses it. */
  Optional<String> checked(IamRequest authorization, Function<IamRequest, Optional<String>> check) {
    try {
      return check.apply(authorization);
    } catch (IllegalArgumentException unsupported) {
      return Optional.of(
          notAuthorized(
              authorization,
              "(the local policy evaluator cannot evaluate: " + unsupported.getMessage() + ")"));
    }
  }

  /**
   * IAM's access-denied message (IAM User Guide, "Troubleshoot access denied error messages"): the
   * principal, the action, the resource, and why.
   */
  String notAuthorized(IamRequest authorization, String why) {
    return "User: "
        + arn
        + " is not authorized to perform: "
        + authorization.action()
        + " on resource: "
        + authorization.resource()
        + " "
        + why;
  }
}

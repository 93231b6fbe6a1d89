package dev.studiolifecycle.local.permissions;

import dev.studiolifecycle.local.template.PolicyStatement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who calls AWS in the local runtime: a role's session ({@code assumed-role/<role>/<session>}), its
 * role's identity policy statements and its permissions boundary; and IAM's words when one of its
 * calls is refused.
 *
 * @param boundaryArn the role's permissions boundary, or null when it has none
 * @param boundary the boundary's statements, or null when it has none or its document is not held
 *     (then every call is refused: what the boundary allows cannot be known)
 * @param unreadRole why the role's own policies cannot be read (a role made outside the template),
 *     or null; when set, every call is refused
 */
record TemplatePrincipal(
    String arn,
    List<PolicyStatement> statements,
    String boundaryArn,
    List<PolicyStatement> boundary,
    String unreadRole) {

  /** A principal whose role has no permissions boundary. */
  TemplatePrincipal(String arn, List<PolicyStatement> statements) {
    this(arn, statements, null, null, null);
  }

  /** A principal whose role's policies are read. */
  TemplatePrincipal(
      String arn,
      List<PolicyStatement> statements,
      String boundaryArn,
      List<PolicyStatement> boundary) {
    this(arn, statements, boundaryArn, boundary, null);
  }

  /**
   * One authorization by the principal's own policy and its permissions boundary: a boundary limits
   * what identity policies allow (IAM User Guide, "Permissions boundaries for IAM entities").
   */
  Optional<String> identityDenial(IamRequest authorization) {
    if (unreadRole != null) {
      return Optional.of(notAuthorized(authorization, "(" + unreadRole + ")"));
    }
    IamRequest request = ResourcePolicies.withGlobalKeys(authorization, arn);
    PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(statements, request);
    if (decision.allowed()) {
      return boundaryDenial(request);
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

  /** Why the principal's permissions boundary does not allow the request, if it does not. */
  Optional<String> boundaryDenial(IamRequest request) {
    if (boundaryArn == null) {
      return Optional.empty();
    }
    if (boundary == null) {
      return Optional.of(
          notAuthorized(
              request,
              "(the local runtime holds no document of the permissions boundary "
                  + boundaryArn
                  + ", so it cannot allow the call)"));
    }
    PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(boundary, request);
    if (decision.allowed()) {
      return Optional.empty();
    }
    return Optional.of(
        notAuthorized(
            request,
            decision.statement().isPresent()
                ? "with an explicit deny in a permissions boundary"
                : "because no permissions boundary allows the " + request.action() + " action"));
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

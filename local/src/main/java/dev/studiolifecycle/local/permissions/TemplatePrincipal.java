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
 * @param unreadPolicies managed policies attached to the role whose documents the local runtime
 *     does not hold: they allow nothing here (the stricter reading), and a refusal names them
 * @param boundaryArn the role's permissions boundary, or null when it has none
 * @param boundary the boundary's statements, or null when it has none or its document is not held
 *     (then every call is refused: what the boundary allows cannot be known)
 * @param unreadRole why the role's own policies cannot be read (a role made outside the template),
 *     or null; when set, every call is refused
 */
record TemplatePrincipal(
    String arn,
    List<PolicyStatement> statements,
    List<String> unreadPolicies,
    String boundaryArn,
    List<PolicyStatement> boundary,
    String unreadRole) {

  /** A principal whose role has these statements and nothing else. */
  TemplatePrincipal(String arn, List<PolicyStatement> statements) {
    this(arn, statements, List.of(), null, null, null);
  }

  /**
   * A template resource's call, with the global keys every call of its session carries ({@link
   * ResourcePolicies#withGlobalKeys}): {@link #denial}.
   */
  Optional<String> identityDenial(IamRequest authorization) {
    return denial(ResourcePolicies.withGlobalKeys(authorization, arn));
  }

  /**
   * One authorization, its condition keys already set, by the role's policies and its permissions
   * boundary: an explicit deny in either refuses, and the policies must allow what the boundary
   * allows (IAM User Guide, "Permissions boundaries for IAM entities").
   */
  Optional<String> denial(IamRequest request) {
    if (unreadRole != null) {
      return Optional.of(notAuthorized(request, "(" + unreadRole + ")"));
    }
    PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(statements, request);
    if (decision.allowed()) {
      return boundaryDenial(request);
    }
    return Optional.of(
        notAuthorized(
            request,
            decision.statement().isPresent()
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the "
                    + request.action()
                    + " action"
                    + (unreadPolicies.isEmpty()
                        ? ""
                        : " (the local runtime holds no document of "
                            + String.join(", ", unreadPolicies)
                            + ", so they allow nothing here)")));
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

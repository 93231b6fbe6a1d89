package dev.studiolifecycle.local.permissions;

import dev.studiolifecycle.local.template.KeyResource;
import dev.studiolifecycle.local.template.PolicyStatement;
import java.util.List;
import java.util.Optional;

/**
 * Whether a role's session may use a KMS key, as KMS decides it (KMS developer guide, "Key policies
 * in AWS KMS"): the key policy comes first. An explicit deny in it or in the caller's IAM policies
 * refuses; a key policy statement naming the role (or everyone) allows; one naming the account lets
 * the account's IAM policies allow ("Without permission from the key policy, IAM policies that
 * allow permissions have no effect"). Grants are not modelled: the workflow creates none.
 */
final class KeyAccess {

  private KeyAccess() {}

  /**
   * Why the request is refused, in the words of IAM's access-denied messages after "is not
   * authorized to perform: ... on resource: ...", or empty when it is allowed.
   *
   * @param sessionArn the caller's {@code assumed-role} session ARN
   * @param identity the caller's identity policy statements
   * @throws IllegalArgumentException when a statement uses a condition the evaluator does not know
   */
  static Optional<String> refusal(
      KeyResource key, String sessionArn, List<PolicyStatement> identity, IamRequest asked) {
    String where = "Resources." + key.logicalId() + ".Properties.KeyPolicy";
    ResourcePolicies.Applying applying =
        ResourcePolicies.applying(key.keyPolicy(), sessionArn, key.arn(), where);
    List<PolicyStatement> direct = applying.direct();
    List<PolicyStatement> account = applying.account();
    IamRequest request = ResourcePolicies.withGlobalKeys(asked, sessionArn);
    // A Deny that names the account applies to every principal in it.
    PolicyEvaluator.Decision byKey = PolicyEvaluator.evaluate(applying.all(), request);
    if (!byKey.allowed() && byKey.statement().isPresent()) {
      return Optional.of(
          "with an explicit deny in a resource-based policy ("
              + byKey.statement().get().name()
              + " of the key policy)");
    }
    PolicyEvaluator.Decision byIdentity = PolicyEvaluator.evaluate(identity, request);
    if (!byIdentity.allowed() && byIdentity.statement().isPresent()) {
      return Optional.of("with an explicit deny in an identity-based policy");
    }
    if (PolicyEvaluator.evaluate(direct, request).allowed()) {
      return Optional.empty();
    }
    if (PolicyEvaluator.evaluate(account, request).allowed()) {
      return byIdentity.allowed()
          ? Optional.empty()
          : Optional.of(
              "because no identity-based policy allows the " + request.action() + " action");
    }
    return Optional.of(
        "because no resource-based policy allows the "
            + request.action()
            + " action (the key policy of "
            + key.logicalId()
            + " neither names the role nor lets the account's IAM policies allow it)");
  }
}

package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.SeedException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts seeded roles and customer managed policies into IAM, as if they had existed for a while:
 * every check of a seed is made here, once, and a mistake is a {@link SeedException} naming the
 * field (a scenario's mistake, not an AWS error answer). State guarded by {@link IamService}.
 */
record IamSeeding(IamResources resources) {

  /** Adds a role as if it had existed for a while; returns its ARN. */
  String role(RoleSeed seed) {
    SeedException.required(seed.roleName(), "roleName");
    String path = seed.path() == null ? "/" : seed.path();
    SeedException.require(
        IamResources.ROLE_NAME.matcher(seed.roleName()).matches() && seed.roleName().length() <= 64,
        "roleName '"
            + seed.roleName()
            + "' must match "
            + IamResources.ROLE_NAME.pattern()
            + " (at most 64 characters)");
    SeedException.require(
        IamResources.PATH.matcher(path).matches(),
        "path '" + path + "' of role " + seed.roleName() + " must be / or start and end with /");
    SeedException.require(
        !resources.roles.containsKey(IamResources.key(seed.roleName())),
        "role " + seed.roleName() + " is seeded twice");
    String trust =
        seed.assumeRolePolicyDocument() == null
            ? RoleSeed.SAGEMAKER_TRUST_POLICY
            : seed.assumeRolePolicyDocument();
    JsonNode trustPolicy =
        checkedForSeed(
            () -> resources.trustPolicy(trust), "trust policy of role " + seed.roleName());
    if (seed.permissionsBoundaryArn() != null) {
      checkedForSeed(
          () -> resources.requireAttachable(seed.permissionsBoundaryArn(), true),
          "permissions boundary of role " + seed.roleName());
    }
    checkInlinePolicies(seed);
    Role role =
        resources.newRole(
            seed.roleName(),
            path,
            trust,
            trustPolicy,
            seed.description(),
            3600,
            seed.permissionsBoundaryArn(),
            false);
    role.tags.putAll(seed.tags());
    for (String policyArn : seed.attachedPolicyArns()) {
      checkedForSeed(
          () -> resources.requireAttachable(policyArn, false),
          "attached policy of role " + seed.roleName());
      role.attachedPolicyArns.add(policyArn);
    }
    role.inlinePolicies.putAll(seed.inlinePolicies());
    resources.roles.put(IamResources.key(role.name), role);
    return role.arn;
  }

  /**
   * A seeded role's inline policies, as PutRolePolicy takes them: each an identity policy, together
   * at most 10,240 characters without white space (IAM User Guide, "IAM and AWS STS quotas").
   */
  private static void checkInlinePolicies(RoleSeed seed) {
    int total = 0;
    for (Map.Entry<String, String> policy : seed.inlinePolicies().entrySet()) {
      checkedForSeed(
          () -> PolicyDocuments.checkIdentityPolicy(policy.getValue()),
          "inline policy " + policy.getKey() + " of role " + seed.roleName());
      total += IamResources.policySize(policy.getValue());
    }
    SeedException.require(
        total <= IamResources.MAX_INLINE_POLICY_BYTES,
        "inline policies of role "
            + seed.roleName()
            + " have "
            + total
            + " characters without white space: LimitExceeded, Maximum policy size of "
            + IamResources.MAX_INLINE_POLICY_BYTES
            + " bytes exceeded");
  }

  /** Adds a customer managed policy; returns its ARN. */
  String managedPolicy(ManagedPolicySeed seed) {
    SeedException.required(seed.policyName(), "policyName");
    SeedException.required(seed.policyDocument(), "policyDocument");
    String path = seed.path() == null ? "/" : seed.path();
    SeedException.require(
        IamResources.POLICY_NAME.matcher(seed.policyName()).matches(),
        "policyName '" + seed.policyName() + "' must match " + IamResources.POLICY_NAME.pattern());
    SeedException.require(
        IamResources.POLICY_PATH.matcher(path).matches(),
        "path '" + path + "' of policy " + seed.policyName() + " must be / or /a/b/");
    checkedForSeed(
        () -> PolicyDocuments.checkIdentityPolicy(seed.policyDocument()),
        "policy document of " + seed.policyName());
    // IAM User Guide, "IAM and AWS STS quotas": a managed policy has at most 6,144 characters
    // without white space, seeded (a template's AWS::IAM::ManagedPolicy) as created.
    int size = IamResources.policySize(seed.policyDocument());
    SeedException.require(
        size <= IamResources.MAX_MANAGED_POLICY_CHARS,
        "policy document of "
            + seed.policyName()
            + " has "
            + size
            + " characters without white space: LimitExceeded, Cannot exceed quota for"
            + " PolicySize: "
            + IamResources.MAX_MANAGED_POLICY_CHARS);
    CustomerPolicy existing = resources.customerPolicies.get(IamResources.key(seed.policyName()));
    SeedException.require(
        existing == null || (existing.name.equals(seed.policyName()) && existing.path.equals(path)),
        "policy " + seed.policyName() + " exists already with another path or spelling");
    // Seeding a policy again (a template deployed once more) replaces its document.
    CustomerPolicy policy =
        existing == null
            ? resources.newCustomerPolicy(
                seed.policyName(), path, seed.policyDocument(), null, Map.of())
            : new CustomerPolicy(
                existing.name,
                existing.path,
                existing.policyId,
                existing.arn,
                seed.policyDocument(),
                existing.description,
                existing.createDate,
                existing.tags);
    resources.customerPolicies.put(IamResources.key(policy.name), policy);
    return policy.arn;
  }

  /** An AWS error answer found in a seed becomes a refusal of the seed. */
  private static <T> T checkedForSeed(Supplier<T> check, String what) {
    try {
      return check.get();
    } catch (AwsServiceError e) {
      throw SeedException.because(what + ": " + e.getMessage(), e);
    }
  }
}

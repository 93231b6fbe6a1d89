package dev.studiolifecycle.local.permissions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.template.KeyResource;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.TemplateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KMS's lockout safety check on a key CloudFormation creates: "The key policy must allow the
 * calling principal to make a subsequent PutKeyPolicy request on the KMS key" unless
 * BypassPolicyLockoutSafetyCheck is true (KMS API reference, CreateKey, Policy). Who deploys is not
 * known locally; the check takes the deployer to be an administrator of the account (its IAM
 * policies allow everything) under a role the key policy does not name, so a key policy passes when
 * it lets the account's IAM policies allow kms:PutKeyPolicy (KMS's default key policy does) or lets
 * everyone. A key policy that lets only a named role administer the key is refused: the stricter
 * reading, since that role may not be the deployer.
 */
public final class KeyPolicyLockout {

  private KeyPolicyLockout() {}

  /** The session the check takes the deployer to be. */
  static final String DEPLOYER =
      "arn:"
          + LocalAccount.PARTITION
          + ":sts::"
          + LocalAccount.ACCOUNT_ID
          + ":assumed-role/stack-deployer/cloudformation";

  private static final List<PolicyStatement> ADMINISTRATOR = administrator();

  private static List<PolicyStatement> administrator() {
    ObjectNode policy = LocalJson.MAPPER.createObjectNode().put("Version", "2012-10-17");
    policy.putObject("Statement").put("Effect", "Allow").put("Action", "*").put("Resource", "*");
    return PolicyStatement.ofDocument(policy, "the deployer's administrator policy");
  }

  /** Why KMS would refuse to create the key, in its words, or empty when it would not. */
  public static Optional<String> refusal(KeyResource key) {
    if (key.bypassPolicyLockoutSafetyCheck()) {
      return Optional.empty();
    }
    IamRequest put =
        new IamRequest("kms:PutKeyPolicy", key.arn(), Map.of(), "KMS's lockout safety check");
    Optional<String> denied;
    try {
      denied = KeyAccess.refusal(key, DEPLOYER, ADMINISTRATOR, put);
    } catch (IllegalArgumentException | TemplateException e) {
      denied = Optional.of("its conditions cannot be judged for the deployer: " + e.getMessage());
    }
    return denied.map(
        why ->
            "The new key policy will not allow you to update the key policy in the future. (An"
                + " administrator of the account deploying under a role the key policy does not"
                + " name may not call kms:PutKeyPolicy "
                + why
                + "; let the account's IAM policies allow it, as KMS's default key policy does, or"
                + " set BypassPolicyLockoutSafetyCheck.)");
  }
}

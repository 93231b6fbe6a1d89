package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;

/**
 * An AWS::KMS::Key of the template, with its key policy resolved: what decides, before any IAM
 * policy, who may use the key.
 *
 * @param keyPolicy the KeyPolicy as deployed, or KMS's default key policy when the template gives
 *     none (KMS developer guide, "Default key policy": one statement that lets the owning account's
 *     IAM policies allow every KMS operation on the key)
 * @param bypassPolicyLockoutSafetyCheck the key's BypassPolicyLockoutSafetyCheck: whether KMS skips
 *     checking that the key policy lets its creator change it later
 */
public record KeyResource(
    String logicalId, String arn, JsonNode keyPolicy, boolean bypassPolicyLockoutSafetyCheck) {

  static KeyResource read(String logicalId, JsonNode resource, IntrinsicResolver resolver) {
    String where = "Resources." + logicalId + ".Properties.KeyPolicy";
    ObjectNode getAtt = JsonNodeFactory.instance.objectNode();
    getAtt.putArray("Fn::GetAtt").add(logicalId).add("Arn");
    String arn = resolver.resolveString(getAtt, "Resources." + logicalId + ".Arn");
    JsonNode bypass = resource.path("Properties").get("BypassPolicyLockoutSafetyCheck");
    boolean bypassed =
        bypass != null
            && resolver
                .resolveString(
                    bypass, "Resources." + logicalId + ".Properties.BypassPolicyLockoutSafetyCheck")
                .equals("true");
    JsonNode declared = resource.path("Properties").get("KeyPolicy");
    if (declared == null) {
      return new KeyResource(logicalId, arn, defaultKeyPolicy(), bypassed);
    }
    JsonNode policy = resolver.resolve(declared, where);
    if (policy.isTextual()) {
      try {
        policy = LocalJson.STRICT.readTree(policy.asText());
      } catch (JsonProcessingException e) {
        throw new TemplateException(where + ": is not JSON: " + LocalJson.problem(e));
      }
    }
    if (!policy.isObject() || !policy.has("Statement")) {
      throw new TemplateException(where + ": must be a policy document with a Statement");
    }
    return new KeyResource(logicalId, arn, policy, bypassed);
  }

  private static JsonNode defaultKeyPolicy() {
    ObjectNode policy = JsonNodeFactory.instance.objectNode().put("Version", "2012-10-17");
    ObjectNode statement = policy.putArray("Statement").addObject();
    statement.put("Sid", "Enable IAM User Permissions").put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", LocalAccount.globalArn("iam", "root"));
    statement.put("Action", "kms:*").put("Resource", "*");
    return policy;
  }
}

package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;

/**
 * An AWS::SNS::Topic of the template.
 *
 * @param kmsMasterKeyId its KmsMasterKeyId as resolved (a key id, key ARN or alias), or null when
 *     the topic is not encrypted
 */
public record TopicResource(String logicalId, String topicName, String arn, String kmsMasterKeyId) {

  static TopicResource read(String logicalId, JsonNode resource, IntrinsicResolver resolver) {
    String name = resolver.physicalName(logicalId, "Resources." + logicalId);
    JsonNode key = resource.path("Properties").get("KmsMasterKeyId");
    return new TopicResource(
        logicalId,
        name,
        LocalAccount.arn("sns", name),
        key == null
            ? null
            : resolver.resolveString(key, "Resources." + logicalId + ".Properties.KmsMasterKeyId"));
  }
}

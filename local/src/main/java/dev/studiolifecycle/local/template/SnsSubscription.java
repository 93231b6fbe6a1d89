package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An {@code SNS} event of a function: SAM subscribes the function (its alias, with
 * AutoPublishAlias) to the topic.
 *
 * @param filterPolicy the subscription's FilterPolicy, or null
 * @param filterPolicyScope {@code MessageAttributes} (SNS's default) or {@code MessageBody}
 * @param deadLetterArn the RedrivePolicy's deadLetterTargetArn, or null
 */
public record SnsSubscription(
    String functionLogicalId,
    String eventName,
    String topicArn,
    JsonNode filterPolicy,
    String filterPolicyScope,
    String deadLetterArn) {

  public Optional<JsonNode> filter() {
    return Optional.ofNullable(filterPolicy);
  }

  public Optional<String> deadLetterQueue() {
    return Optional.ofNullable(deadLetterArn);
  }
}

package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resource policy the template attaches, resolved: an AWS::SNS::TopicPolicy (to its Topics), an
 * AWS::SQS::QueuePolicy (to its Queues), an AWS::S3::BucketPolicy (to its Bucket and the bucket's
 * objects) or the statement of an AWS::Events::EventBusPolicy (to its bus).
 *
 * @param service the service that stores the policy: {@code sns}, {@code sqs}, {@code s3} or {@code
 *     events}
 * @param resourceArns the ARNs of the topics, queues or the bucket it is attached to
 */
public record ResourcePolicyResource(
    String logicalId, String service, List<String> resourceArns, JsonNode document) {

  public ResourcePolicyResource {
    resourceArns = List.copyOf(resourceArns);
  }

  /** Whether the policy is the one of the resource {@code arn} (a bucket's also of its objects). */
  public boolean governs(String arn) {
    return resourceArns.stream()
        .anyMatch(
            attached ->
                arn.equals(attached)
                    || (attached.startsWith(LocalAccount.s3Arn("", null))
                        && arn.startsWith(attached + "/")));
  }

  /**
   * {@code arn:aws:sqs:<region>:<account>:<name>} of {@code
   * https://sqs.<region>.../<account>/<name>}.
   */
  private static String queueArn(String url) {
    String[] parts = url.split("/");
    String host = parts.length > 2 ? parts[2] : "";
    String region = host.startsWith("sqs.") ? host.split("\\.")[1] : LocalAccount.REGION;
    return "arn:"
        + LocalAccount.PARTITION
        + ":sqs:"
        + region
        + ":"
        + parts[parts.length - 2]
        + ":"
        + parts[parts.length - 1];
  }

  static List<ResourcePolicyResource> readAll(Map<String, JsonNode> resolvedResources) {
    List<ResourcePolicyResource> policies = new ArrayList<>();
    resolvedResources.forEach(
        (logicalId, resource) -> {
          JsonNode properties = resource.path("Properties");
          switch (resource.path("Type").asText()) {
            case "AWS::SNS::TopicPolicy" -> {
              List<String> topics = new ArrayList<>();
              properties.path("Topics").forEach(topic -> topics.add(topic.asText()));
              policies.add(
                  new ResourcePolicyResource(
                      logicalId, "sns", topics, properties.path("PolicyDocument")));
            }
            case "AWS::SQS::QueuePolicy" -> {
              List<String> queues = new ArrayList<>();
              properties.path("Queues").forEach(url -> queues.add(queueArn(url.asText())));
              policies.add(
                  new ResourcePolicyResource(
                      logicalId, "sqs", queues, properties.path("PolicyDocument")));
            }
            case "AWS::S3::BucketPolicy" ->
                policies.add(
                    new ResourcePolicyResource(
                        logicalId,
                        "s3",
                        List.of(LocalAccount.s3Arn(properties.path("Bucket").asText(), null)),
                        properties.path("PolicyDocument")));
            case "AWS::Events::EventBusPolicy" -> {
              String bus = properties.path("EventBusName").asText("default");
              String busArn = LocalAccount.arn("events", "event-bus/" + bus);
              ObjectNode document = LocalJson.MAPPER.createObjectNode();
              document.put("Version", "2012-10-17");
              document
                  .putArray("Statement")
                  .add(BusPolicyStatement.read(properties, busArn, "Resources." + logicalId));
              policies.add(
                  new ResourcePolicyResource(logicalId, "events", List.of(busArn), document));
            }
            default -> {
              // Other resources carry no resource policy the local runtime evaluates.
            }
          }
        });
    return policies;
  }
}

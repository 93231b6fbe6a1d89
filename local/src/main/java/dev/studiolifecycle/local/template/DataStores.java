package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data stores a template creates, as a deployment needs them: Systems Manager parameters with
 * their values, DynamoDB tables with their partition key and S3 buckets.
 */
final class DataStores {

  private DataStores() {}

  /**
   * The Systems Manager parameters the template creates (those whose Condition holds), with their
   * values as deployed.
   */
  static List<ParameterResource> ssmParameters(ObjectNode resources, IntrinsicResolver resolver) {
    List<ParameterResource> parameters = new ArrayList<>();
    forEachCreated(
        resources,
        resolver,
        "AWS::SSM::Parameter",
        (logicalId, properties, where) ->
            parameters.add(
                new ParameterResource(
                    logicalId,
                    resolver.physicalName(logicalId, where),
                    resolver.resolveString(properties.path("Type"), where + ".Properties.Type"),
                    resolver.resolveString(
                        properties.path("Value"), where + ".Properties.Value"))));
    return parameters;
  }

  /** The names of the S3 buckets the template creates (those whose Condition holds). */
  static List<String> s3Buckets(ObjectNode resources, IntrinsicResolver resolver) {
    List<String> buckets = new ArrayList<>();
    forEachCreated(
        resources,
        resolver,
        "AWS::S3::Bucket",
        (logicalId, properties, where) -> buckets.add(resolver.physicalName(logicalId, where)));
    return buckets;
  }

  /**
   * The KMS keys of the template's SSE-KMS buckets, by bucket name: the BucketEncryption's
   * KMSMasterKeyID as resolved (a key id, ARN or alias), or {@code alias/aws/s3} when {@code
   * aws:kms} names no key (S3 then uses the AWS managed key). Buckets encrypted otherwise (SSE-S3)
   * are not listed.
   */
  static Map<String, String> s3BucketKeys(ObjectNode resources, IntrinsicResolver resolver) {
    Map<String, String> keys = new LinkedHashMap<>();
    forEachCreated(
        resources,
        resolver,
        "AWS::S3::Bucket",
        (logicalId, properties, where) -> {
          JsonNode rules = properties.at("/BucketEncryption/ServerSideEncryptionConfiguration");
          for (int i = 0; i < rules.size(); i++) {
            JsonNode byDefault = rules.get(i).path("ServerSideEncryptionByDefault");
            String at =
                where + ".Properties.BucketEncryption.ServerSideEncryptionConfiguration[" + i;
            String algorithm =
                resolver.resolveString(byDefault.path("SSEAlgorithm"), at + "].SSEAlgorithm");
            if (algorithm.startsWith("aws:kms")) {
              JsonNode key = byDefault.get("KMSMasterKeyID");
              keys.put(
                  resolver.physicalName(logicalId, where),
                  key == null
                      ? "alias/aws/s3"
                      : resolver.resolveString(key, at + "].KMSMasterKeyID"));
            }
          }
        });
    return keys;
  }

  /**
   * The ARNs of the template's FIFO queues ({@code FifoQueue: true}). A QueueName ends with {@code
   * .fifo} exactly when the queue is FIFO, as SQS's CreateQueue holds it (SQS API reference,
   * CreateQueue, QueueName: "A FIFO queue name must end with the .fifo suffix"; SQS developer
   * guide, "Amazon SQS FIFO queue quotas": the suffix is how a FIFO queue is told); otherwise the
   * queue is refused, naming the property. That a standard queue's name may not end so the
   * references do not say in so many words: refused (the stricter reading).
   */
  static Set<String> sqsFifoQueues(ObjectNode resources, IntrinsicResolver resolver) {
    Set<String> fifo = new LinkedHashSet<>();
    forEachCreated(
        resources,
        resolver,
        "AWS::SQS::Queue",
        (logicalId, properties, where) -> {
          boolean isFifo = properties.path("FifoQueue").asText("false").equals("true");
          JsonNode name = properties.get("QueueName");
          if (name != null
              && resolver.resolveString(name, where + ".Properties.QueueName").endsWith(".fifo")
                  != isFifo) {
            throw new TemplateException(
                where
                    + ".Properties.QueueName: "
                    + (isFifo
                        ? "a FIFO queue's name must end with .fifo"
                        : "only a FIFO queue's name (FifoQueue: true) ends with .fifo"));
          }
          if (isFifo) {
            fifo.add(LocalAccount.arn("sqs", resolver.physicalName(logicalId, where)));
          }
        });
    return fifo;
  }

  /**
   * Checks the template's queues, buckets, subscriptions and log groups as SQS's CreateQueue, S3's
   * bucket settings, SNS's Subscribe and CloudWatch Logs' CreateLogGroup check them ({@link
   * QueueAndLogGroupChecks}, {@link BucketChecks}, {@link SubscriptionChecks}), their properties
   * resolved.
   */
  static void checkCreateRequests(ObjectNode resources, IntrinsicResolver resolver) {
    Map<String, CreatedResource> checks = new LinkedHashMap<>();
    checks.put(
        "AWS::SQS::Queue",
        (logicalId, properties, where) ->
            QueueAndLogGroupChecks.checkQueue(
                properties, where, properties.path("FifoQueue").asText("false").equals("true")));
    checks.put(
        "AWS::S3::Bucket", (logicalId, properties, where) -> BucketChecks.check(properties, where));
    checks.put(
        "AWS::SNS::Subscription",
        (logicalId, properties, where) -> SubscriptionChecks.check(properties, where));
    checks.put(
        "AWS::Logs::LogGroup",
        (logicalId, properties, where) ->
            QueueAndLogGroupChecks.checkLogGroup(
                properties, resolver.physicalName(logicalId, where), where));
    // Each check reads the properties as deployed, their intrinsic functions resolved.
    checks.forEach(
        (type, check) ->
            forEachCreated(
                resources,
                resolver,
                type,
                (logicalId, properties, where) ->
                    check.accept(
                        logicalId, resolver.resolve(properties, where + ".Properties"), where)));
  }

  /**
   * The KMS keys of the template's SQS queues encrypted with KMS, by queue ARN: the queue's
   * KmsMasterKeyId as resolved (a key id, ARN or alias). Queues under SSE-SQS or not encrypted are
   * not listed.
   */
  static Map<String, String> sqsQueueKeys(ObjectNode resources, IntrinsicResolver resolver) {
    Map<String, String> keys = new LinkedHashMap<>();
    forEachCreated(
        resources,
        resolver,
        "AWS::SQS::Queue",
        (logicalId, properties, where) -> {
          JsonNode key = properties.get("KmsMasterKeyId");
          if (key != null) {
            keys.put(
                LocalAccount.arn("sqs", resolver.physicalName(logicalId, where)),
                resolver.resolveString(key, where + ".Properties.KmsMasterKeyId"));
          }
        });
    return keys;
  }

  /**
   * The DynamoDB tables the template creates (those whose Condition holds), with their partition
   * key. A sort key, indexes, streams or a customer managed key are refused: the local runtime does
   * not serve them.
   */
  static List<TableResource> dynamoDbTables(ObjectNode resources, IntrinsicResolver resolver) {
    List<TableResource> tables = new ArrayList<>();
    forEachCreated(
        resources,
        resolver,
        "AWS::DynamoDB::Table",
        (logicalId, properties, where) -> {
          JsonNode keys = properties.path("KeySchema");
          for (String unserved :
              List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification")) {
            if (properties.has(unserved)) {
              throw new TemplateException(
                  where + ".Properties." + unserved + ": not served by the local runtime");
            }
          }
          // Whether and how a caller must be let use a table's customer managed key is not
          // modelled, so such a table is refused rather than served as if the key let anyone.
          if (properties.at("/SSESpecification/KMSMasterKeyId").isValueNode()) {
            throw new TemplateException(
                where
                    + ".Properties.SSESpecification.KMSMasterKeyId: a customer managed key is not"
                    + " modelled by the local runtime (SSEEnabled alone, the AWS managed key, is)");
          }
          if (keys.size() != 1 || !keys.get(0).path("KeyType").asText().equals("HASH")) {
            throw new TemplateException(
                where + ".Properties.KeySchema: the local runtime serves a partition key only");
          }
          String keyName =
              resolver.resolveString(
                  keys.get(0).path("AttributeName"), where + ".Properties.KeySchema");
          String keyType = null;
          for (JsonNode definition : properties.path("AttributeDefinitions")) {
            if (keyName.equals(definition.path("AttributeName").asText())) {
              keyType = definition.path("AttributeType").asText();
            }
          }
          if (keyType == null) {
            throw new TemplateException(
                where + ".Properties.AttributeDefinitions: no definition of the key " + keyName);
          }
          checkTableSettings(resolver.resolve(properties, where + ".Properties"), where);
          tables.add(
              new TableResource(
                  logicalId, resolver.physicalName(logicalId, where), keyName, keyType));
        });
    return tables;
  }

  /**
   * DynamoDB API reference, CreateTable: AttributeDefinitions describe the key schema's attributes
   * and no others ("Number of attributes in KeySchema does not exactly match number of attributes
   * defined in AttributeDefinitions"), each of type S, N or B; BillingMode PROVISIONED (the
   * default) needs ProvisionedThroughput and PAY_PER_REQUEST takes none.
   */
  private static void checkTableSettings(JsonNode properties, String where) {
    JsonNode definitions = properties.path("AttributeDefinitions");
    if (definitions.size() != properties.path("KeySchema").size()) {
      throw new TemplateException(
          where
              + ".Properties.AttributeDefinitions: defines "
              + definitions.size()
              + " attributes for a key schema of "
              + properties.path("KeySchema").size()
              + " (CreateTable: \"Number of attributes in KeySchema does not exactly match number"
              + " of attributes defined in AttributeDefinitions\"; other attributes are not"
              + " declared)");
    }
    for (JsonNode definition : definitions) {
      String type = definition.path("AttributeType").asText();
      if (!Set.of("S", "N", "B").contains(type)) {
        throw new TemplateException(
            where
                + ".Properties.AttributeDefinitions: AttributeType must be S, N or B, got "
                + type);
      }
    }
    String billing = properties.path("BillingMode").asText("PROVISIONED");
    boolean throughput = properties.has("ProvisionedThroughput");
    if (!Set.of("PROVISIONED", "PAY_PER_REQUEST").contains(billing)) {
      throw new TemplateException(
          where
              + ".Properties.BillingMode: must be PROVISIONED or PAY_PER_REQUEST, got "
              + billing);
    }
    if (billing.equals("PROVISIONED") != throughput) {
      throw new TemplateException(
          where
              + (throughput
                  ? ".Properties.ProvisionedThroughput: a PAY_PER_REQUEST table takes none"
                  : ".Properties.BillingMode: PROVISIONED (the default) needs"
                      + " ProvisionedThroughput; set BillingMode: PAY_PER_REQUEST for on-demand"));
    }
    for (String units : List.of("ReadCapacityUnits", "WriteCapacityUnits")) {
      if (throughput && properties.at("/ProvisionedThroughput/" + units).asLong(0) < 1) {
        throw new TemplateException(
            where + ".Properties.ProvisionedThroughput." + units + ": must be at least 1");
      }
    }
  }

  /** What to do with one created resource of a type. */
  private interface CreatedResource {
    void accept(String logicalId, JsonNode properties, String where);
  }

  private static void forEachCreated(
      ObjectNode resources, IntrinsicResolver resolver, String type, CreatedResource action) {
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String logicalId = entry.getKey();
      JsonNode resource = entry.getValue();
      String where = "Resources." + logicalId;
      if (resource.path("Type").asText().equals(type) && resolver.created(logicalId, resource)) {
        action.accept(logicalId, resource.path("Properties"), where);
      }
    }
  }
}

package dev.studiolifecycle.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.RoleCreation;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IAM policy documents of an execution role: the trust policy (SageMaker, and Amazon Forecast
 * when Canvas forecasting uses this role, only from this account) and the inline S3 policy for the
 * buckets the request names; plus the check that a role's trust policy lets a service assume it.
 */
public final class ExecutionRolePolicy {

  public static final String SAGEMAKER = "sagemaker.amazonaws.com";
  public static final String FORECAST = "forecast.amazonaws.com";
  public static final String S3_POLICY_NAME = "studio-lifecycle-s3-access";

  /**
   * IAM's limit on a role's inline policies together, white space not counted (IAM User Guide, "IAM
   * and AWS STS quotas": "Role policy size cannot exceed 10,240 characters").
   */
  public static final int MAX_ROLE_POLICY_CHARS = 10_240;

  /** The longest partition name: a request's role fits, or not, alike in every partition. */
  private static final String LONGEST_PARTITION = "aws-us-gov";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExecutionRolePolicy() {}

  /** Trust for SageMaker (and Forecast when asked), from {@code accountId} only. */
  public static String trustPolicy(String accountId, boolean forecast) {
    ObjectNode statement = NODES.objectNode();
    statement.put("Effect", "Allow");
    ArrayNode services = statement.putObject("Principal").putArray("Service");
    services.add(SAGEMAKER);
    if (forecast) {
      services.add(FORECAST);
    }
    statement.put("Action", "sts:AssumeRole");
    statement.putObject("Condition").putObject("StringEquals").put("aws:SourceAccount", accountId);
    return document(statement);
  }

  /** The key prefix that is a person's own in a personal bucket: {@code users/<profile>/}. */
  public static String personalPrefix(String userProfileName) {
    return "users/" + userProfileName + "/";
  }

  /** List the buckets, and get, put and delete their objects. */
  public static String s3AccessPolicy(String partition, List<String> buckets) {
    return s3AccessPolicy(partition, buckets, List.of(), null);
  }

  /**
   * The shared {@code buckets} as above; in the {@code personal} ones, only the keys under the
   * person's prefix ({@link #personalPrefix}): listing with that prefix (the {@code s3:prefix}
   * condition key of s3:ListBucket; Service Authorization Reference, Amazon S3), and getting,
   * putting and deleting those objects.
   */
  public static String s3AccessPolicy(
      String partition, List<String> buckets, List<String> personal, String userProfileName) {
    List<ObjectNode> statements = new ArrayList<>();
    String arn = "arn:" + partition + ":s3:::";
    if (!buckets.isEmpty()) {
      statements.add(allow("ListBuckets", LIST, arns(arn, buckets, "")));
      statements.add(allow("ReadWriteObjects", READ_WRITE, arns(arn, buckets, "/*")));
    }
    if (!personal.isEmpty()) {
      String prefix = personalPrefix(userProfileName);
      ObjectNode list = allow("ListOwnPrefix", LIST, arns(arn, personal, ""));
      list.putObject("Condition").putObject("StringLike").putArray("s3:prefix").add(prefix + "*");
      statements.add(list);
      statements.add(
          allow("ReadWriteOwnObjects", READ_WRITE, arns(arn, personal, "/" + prefix + "*")));
    }
    return document(statements.toArray(ObjectNode[]::new));
  }

  /**
   * The rule a request's buckets break when the role's inline policies would pass IAM's limit: its
   * S3 policy together with the deny an offboarding adds ({@link AccessRevoker#DENY_ALL}), for
   * which there must always be room, or an offboarding could not cut access. Empty when they fit.
   */
  public static Optional<String> roleOverIamLimit(RoleCreation create, String userProfileName) {
    if (create.s3Buckets().isEmpty() && create.s3PersonalBuckets().isEmpty()) {
      return Optional.empty();
    }
    int size =
        s3AccessPolicy(
                    LONGEST_PARTITION,
                    create.s3Buckets(),
                    create.s3PersonalBuckets(),
                    userProfileName)
                .length()
            + AccessRevoker.DENY_ALL.length();
    if (size <= MAX_ROLE_POLICY_CHARS) {
      return Optional.empty();
    }
    return Optional.of(
        "executionRole.create.s3Buckets, executionRole.create.s3PersonalBuckets: the role's S3"
            + " policy and the deny an offboarding adds would be "
            + size
            + " characters, and IAM allows "
            + MAX_ROLE_POLICY_CHARS
            + " for a role's inline policies: list fewer buckets, or buckets with shorter names");
  }

  private static final List<String> LIST = List.of("s3:ListBucket");
  private static final List<String> READ_WRITE =
      List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");

  /** An Allow statement, its members in the order IAM shows them. */
  private static ObjectNode allow(String sid, List<String> actions, List<String> resources) {
    ObjectNode statement = NODES.objectNode();
    statement.put("Sid", sid);
    statement.put("Effect", "Allow");
    actions.forEach(statement.putArray("Action")::add);
    resources.forEach(statement.putArray("Resource")::add);
    return statement;
  }

  /** Each bucket's ARN ({@code arnPrefix} and its name) followed by {@code suffix}. */
  private static List<String> arns(String arnPrefix, List<String> buckets, String suffix) {
    return buckets.stream().map(bucket -> arnPrefix + bucket + suffix).toList();
  }

  /**
   * The buckets an S3 policy of {@link #s3AccessPolicy} lists, as IAM returns it (URL-encoded
   * JSON), for telling a change; empty when the document is not one of ours.
   */
  public static List<String> s3Buckets(String document) {
    List<String> buckets = new ArrayList<>();
    try {
      for (JsonNode statement : ModelJson.readTree(decode(document)).path("Statement")) {
        String sid = statement.path("Sid").asText();
        if ("ListBuckets".equals(sid) || "ListOwnPrefix".equals(sid)) {
          String prefix = statement.at("/Condition/StringLike/s3:prefix/0").asText("");
          for (JsonNode arn : statement.path("Resource")) {
            String bucket = arn.asText().substring(arn.asText().lastIndexOf(':') + 1);
            buckets.add(
                prefix.isEmpty()
                    ? bucket
                    : bucket + " (" + prefix.substring(0, prefix.length() - 1) + " only)");
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return buckets;
  }

  /**
   * Whether a trust policy, as IAM returns it (URL-encoded JSON), has an Allow statement that lets
   * {@code service} call {@code sts:AssumeRole}.
   */
  public static boolean trusts(String assumeRolePolicyDocument, String service) {
    for (JsonNode statement : statements(assumeRolePolicyDocument).orElse(List.of())) {
      if ("Allow".equals(statement.path("Effect").asText())
          && contains(statement.path("Action"), "sts:AssumeRole", "sts:*", "*")
          && contains(statement.path("Principal").path("Service"), service)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a trust policy (as IAM returns it) lets nobody but SageMaker and Forecast acting for
   * {@code accountId} assume the role: every statement that allows an assume names only those
   * services as principals and requires {@code aws:SourceAccount} to be the account (IAM User
   * Guide, "The confused deputy problem"). A role of ours whose trust says more (another account,
   * another service, no source account) gets the trust this workflow writes back.
   */
  public static boolean trustsOnlySageMakerAndForecastOf(
      String assumeRolePolicyDocument, String accountId) {
    Optional<List<JsonNode>> statements = statements(assumeRolePolicyDocument);
    if (statements.isEmpty()) {
      return false;
    }
    for (JsonNode statement : statements.get()) {
      if (!"Allow".equals(statement.path("Effect").asText())) {
        continue;
      }
      JsonNode principal = statement.path("Principal");
      if (!principal.isObject() || principal.size() != 1 || !principal.has("Service")) {
        return false;
      }
      JsonNode services = principal.get("Service");
      for (JsonNode service : services.isArray() ? services : List.of(services)) {
        if (!service.asText().equals(SAGEMAKER) && !service.asText().equals(FORECAST)) {
          return false;
        }
      }
      JsonNode sourceAccount =
          statement.path("Condition").path("StringEquals").path("aws:SourceAccount");
      if (!sourceAccount.isTextual() || !sourceAccount.asText().equals(accountId)) {
        return false;
      }
    }
    return true;
  }

  /** The statements of a policy as IAM returns it; empty for none, or one that is not JSON. */
  private static Optional<List<JsonNode>> statements(String document) {
    if (document == null) {
      return Optional.empty();
    }
    JsonNode statements;
    try {
      statements = ModelJson.readTree(decode(document)).path("Statement");
    } catch (IOException e) {
      return Optional.empty();
    }
    List<JsonNode> list = new ArrayList<>();
    (statements.isArray() ? statements : List.of(statements)).forEach(list::add);
    return Optional.of(list);
  }

  /**
   * Whether a policy document as IAM returns it (URL-encoded JSON; null for none) says the same as
   * {@code wanted}: equal JSON, whatever the spacing and escaping.
   */
  public static boolean sameDocument(String current, String wanted) {
    if (current == null) {
      return false;
    }
    try {
      return ModelJson.readTree(decode(current)).equals(ModelJson.readTree(wanted));
    } catch (IOException e) {
      // A document that is not JSON is not the one we want: it gets rewritten.
      return false;
    }
  }

  private static String decode(String document) {
    // GetRole returns the document URL-encoded; a plain document passes through unchanged
    // unless it holds '%' or '+', which IAM trust policies do not.
    String trimmed = document.trim();
    if (trimmed.startsWith("{")) {
      return trimmed;
    }
    return URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
  }

  private static boolean contains(JsonNode valueOrArray, String... accepted) {
    Iterable<JsonNode> values = valueOrArray.isArray() ? valueOrArray : List.of(valueOrArray);
    for (JsonNode value : values) {
      for (String candidate : accepted) {
        if (candidate.equalsIgnoreCase(value.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String document(ObjectNode... statements) {
    ObjectNode policy = NODES.objectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode list = policy.putArray("Statement");
    for (ObjectNode statement : statements) {
      list.add(statement);
    }
    return ModelJson.toJson(policy);
  }
}

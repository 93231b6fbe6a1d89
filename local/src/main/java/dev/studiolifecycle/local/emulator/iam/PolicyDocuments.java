package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks IAM makes on policy documents (identity policies and trust policies), and the trust
 * question SageMaker asks: may this service principal call {@code sts:AssumeRole}?
 */
final class PolicyDocuments {

  private PolicyDocuments() {}

  /** Checks an inline or managed (identity) policy. */
  static JsonNode checkIdentityPolicy(String document) {
    JsonNode policy = parse(document);
    for (JsonNode statement : statements(policy)) {
      checkEffect(statement);
      PolicyGrammar.checkStatement(statement, true);
      if (statement.has("Principal") || statement.has("NotPrincipal")) {
        throw IamErrors.MALFORMED_POLICY.because("Policy document should not specify a principal.");
      }
      requireActionsAndResources(statement);
    }
    return policy;
  }

  /** IAM's words for a statement that grants no action or names no resource. */
  private static void requireActionsAndResources(JsonNode statement) {
    if (PolicyGrammar.empty(statement, "Action") && PolicyGrammar.empty(statement, "NotAction")) {
      throw IamErrors.MALFORMED_POLICY.because("Policy statement must contain actions.");
    }
    if (PolicyGrammar.empty(statement, "Resource")
        && PolicyGrammar.empty(statement, "NotResource")) {
      throw IamErrors.MALFORMED_POLICY.because("Policy statement must contain resources.");
    }
  }

  /**
   * Checks a role's trust policy (AssumeRolePolicyDocument), including its principals: IAM refuses
   * a service principal it does not know and a principal of this account that does not exist
   * ("Invalid principal in policy: ...").
   *
   * @param roleExists whether a role ARN of this account names an existing role
   */
  static JsonNode checkTrustPolicy(String document, Predicate<String> roleExists) {
    JsonNode policy = parse(document);
    for (JsonNode statement : statements(policy)) {
      checkEffect(statement);
      if (statement.has("Resource") || statement.has("NotResource")) {
        throw IamErrors.MALFORMED_POLICY.because("Has prohibited field Resource");
      }
      PolicyGrammar.checkStatement(statement, true);
      if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
        throw IamErrors.MALFORMED_POLICY.because("Missing required field Principal");
      }
      if (PolicyGrammar.empty(statement, "Action") && PolicyGrammar.empty(statement, "NotAction")) {
        throw IamErrors.MALFORMED_POLICY.because("Missing required field Action");
      }
      checkPrincipals(
          statement.has("Principal") ? statement.get("Principal") : statement.get("NotPrincipal"),
          roleExists);
    }
    return policy;
  }

  /**
   * Checks a resource-based policy as the service that stores it does (an SNS topic's, an SQS
   * queue's, an S3 bucket's policy): the policy language's grammar, a principal in every statement
   * (IAM User Guide, "IAM JSON policy elements: Principal": "You must use the Principal element in
   * resource-based policies"), and actions of that service only. The wording of the service's
   * refusal is not in its API reference but for S3 ("Policy has invalid action"); SNS and SQS
   * answer "Policy statement action out of service scope!".
   *
   * @param service the service prefix of the resource ({@code sns}, {@code sqs}, {@code s3})
   */
  static void checkResourcePolicy(String document, String service) {
    JsonNode policy = parse(document);
    for (JsonNode statement : statements(policy)) {
      checkEffect(statement);
      PolicyGrammar.checkStatement(statement, false);
      if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
        throw IamErrors.MALFORMED_POLICY.because("Missing required field Principal");
      }
      requireActionsAndResources(statement);
      for (String prefix : PolicyGrammar.actionServices(statement)) {
        if (!prefix.equals("*") && !prefix.equalsIgnoreCase(service)) {
          throw IamErrors.MALFORMED_POLICY.because(
              service.equals("s3")
                  ? "Policy has invalid action"
                  : "Policy statement action out of service scope!");
        }
      }
    }
  }

  /**
   * Checks a KMS key policy as CreateKey and PutKeyPolicy check it (KMS API reference, CreateKey,
   * Policy; KMS developer guide, "Key policy format"): up to 32,768 bytes of printable ASCII and
   * Latin-1 characters, tab, line feed and carriage return; the policy grammar, a Sid that may hold
   * spaces; one or more principals in every statement, each existing ("Policy contains a statement
   * with one or more invalid principals." names a role of this account that does not). A statement
   * without Action or Resource is kept: KMS takes it, and it has no effect.
   *
   * @param roleExists whether a role ARN of this account names an existing role
   */
  static void checkKeyPolicy(String document, Predicate<String> roleExists) {
    if (document.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 32_768) {
      throw IamErrors.MALFORMED_POLICY.because(
          "The key policy is over 32,768 bytes (KMS developer guide, \"Key policy format\")");
    }
    for (int i = 0; i < document.length(); i++) {
      char c = document.charAt(i);
      if (!(c == '\t'
          || c == '\n'
          || c == '\r'
          || c >= 0x20 && c <= 0x7e
          || c >= 0xa0 && c <= 0xff)) {
        throw IamErrors.MALFORMED_POLICY.because(
            "The key policy holds the character U+"
                + String.format("%04X", (int) c)
                + ", which is not printable ASCII or Latin-1 (KMS developer guide, \"Key policy"
                + " format\")");
      }
    }
    JsonNode policy = parse(document);
    for (JsonNode statement : statements(policy)) {
      checkEffect(statement);
      PolicyGrammar.checkStatement(statement, false);
      JsonNode principal =
          statement.has("Principal") ? statement.get("Principal") : statement.get("NotPrincipal");
      if (principal == null) {
        throw IamErrors.MALFORMED_POLICY.because(
            "Policy contains a statement with no principal (each statement of a key policy must"
                + " contain one or more principals)");
      }
      for (String aws :
          principal.isObject()
              ? PolicyGrammar.stringList(principal.get("AWS"))
              : List.<String>of()) {
        if (!validAwsPrincipal(aws, roleExists)) {
          throw IamErrors.MALFORMED_POLICY.because(
              "Policy contains a statement with one or more invalid principals.");
        }
      }
    }
  }

  /**
   * The service principals a trust policy may name here: AWS services whose principal is {@code
   * <service>.amazonaws.com}. IAM knows every AWS service; this list holds the ones an execution
   * role, this project's functions and their neighbours use, and any other is refused (the stricter
   * reading: a misspelt principal must fail here, as it fails on AWS).
   */
  static final Set<String> SERVICE_PRINCIPALS =
      Set.of(
          "sagemaker.amazonaws.com",
          "forecast.amazonaws.com",
          "lambda.amazonaws.com",
          "states.amazonaws.com",
          "events.amazonaws.com",
          "scheduler.amazonaws.com",
          "sns.amazonaws.com",
          "sqs.amazonaws.com",
          "ec2.amazonaws.com",
          "ecs-tasks.amazonaws.com",
          "glue.amazonaws.com",
          "bedrock.amazonaws.com",
          "apigateway.amazonaws.com",
          "cloudformation.amazonaws.com",
          "codebuild.amazonaws.com",
          "codepipeline.amazonaws.com",
          "firehose.amazonaws.com",
          "logs.amazonaws.com",
          "monitoring.amazonaws.com",
          "s3.amazonaws.com",
          "ssm.amazonaws.com",
          "servicecatalog.amazonaws.com",
          "elasticmapreduce.amazonaws.com",
          "emr-serverless.amazonaws.com",
          "redshift.amazonaws.com",
          "kms.amazonaws.com",
          "sso.amazonaws.com");

  private static final Pattern ACCOUNT_PRINCIPAL =
      Pattern.compile("(\\d{12})|arn:aws:iam::(\\d{12}):(root|role/.+|user/.+|assumed-role/.+)");

  private static void checkPrincipals(JsonNode principal, Predicate<String> roleExists) {
    if (principal == null || principal.isTextual()) {
      if (principal != null && !"*".equals(principal.textValue())) {
        throw IamErrors.MALFORMED_POLICY.because("Invalid principal in policy: " + principal);
      }
      return;
    }
    if (!principal.isObject()) {
      throw IamErrors.MALFORMED_POLICY.because("Syntax errors in policy.");
    }
    principal
        .fields()
        .forEachRemaining(
            entry -> {
              for (String value : PolicyGrammar.stringList(entry.getValue())) {
                String quoted =
                    "\"" + entry.getKey().toUpperCase(Locale.ROOT) + "\":\"" + value + "\"";
                boolean valid =
                    switch (entry.getKey()) {
                      case "Service" -> SERVICE_PRINCIPALS.contains(value);
                      case "AWS" -> validAwsPrincipal(value, roleExists);
                      case "Federated", "CanonicalUser" -> !value.isBlank();
                      default -> false;
                    };
                if (!valid) {
                  throw IamErrors.MALFORMED_POLICY.because(
                      "Invalid principal in policy: " + quoted);
                }
              }
            });
  }

  /**
   * An AWS principal: "*", an account id or ARN, or a role of this account that exists (IAM turns a
   * role ARN into the role's unique id when the policy is saved, so a role that does not exist is
   * refused). Users and sessions of this account are not modelled, and refused.
   */
  private static boolean validAwsPrincipal(String value, Predicate<String> roleExists) {
    if ("*".equals(value)) {
      return true;
    }
    Matcher matcher = ACCOUNT_PRINCIPAL.matcher(value);
    if (!matcher.matches()) {
      return false;
    }
    String account = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    if (!LocalAccount.ACCOUNT_ID.equals(account)
        || matcher.group(1) != null
        || "root".equals(matcher.group(3))) {
      return true;
    }
    return matcher.group(3).startsWith("role/") && roleExists.test(value);
  }

  /** Whether the trust policy lets {@code servicePrincipal} assume the role. */
  static boolean trusts(JsonNode trustPolicy, String servicePrincipal) {
    boolean allowed = false;
    for (JsonNode statement : statements(trustPolicy)) {
      if (!mentionsAssumeRole(statement.get("Action")) || !names(statement, servicePrincipal)) {
        continue;
      }
      String effect = statement.path("Effect").asText();
      if ("Deny".equals(effect)) {
        return false;
      }
      allowed |= "Allow".equals(effect);
    }
    return allowed;
  }

  private static boolean mentionsAssumeRole(JsonNode action) {
    for (String value : PolicyGrammar.stringList(action)) {
      if (value.equals("*")
          || value.equalsIgnoreCase("sts:*")
          || value.equalsIgnoreCase("sts:AssumeRole")) {
        return true;
      }
    }
    return false;
  }

  private static boolean names(JsonNode statement, String servicePrincipal) {
    JsonNode principal = statement.get("Principal");
    if (principal == null) {
      return false;
    }
    if (principal.isTextual()) {
      return "*".equals(principal.textValue());
    }
    return PolicyGrammar.stringList(principal.get("Service")).contains(servicePrincipal)
        || PolicyGrammar.stringList(principal.get("AWS")).contains("*");
  }

  private static JsonNode parse(String document) {
    JsonNode policy;
    try {
      policy = LocalJson.MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw IamErrors.MALFORMED_POLICY.because("Syntax errors in policy.");
    }
    if (policy == null || !policy.isObject()) {
      throw IamErrors.MALFORMED_POLICY.because("Syntax errors in policy.");
    }
    JsonNode version = policy.get("Version");
    if (version != null
        && !"2012-10-17".equals(version.asText())
        && !"2008-10-17".equals(version.asText())) {
      throw IamErrors.MALFORMED_POLICY.because("The policy failed legacy parsing");
    }
    if (!policy.has("Statement")) {
      throw IamErrors.MALFORMED_POLICY.because("Missing required field Statement");
    }
    return policy;
  }

  private static List<JsonNode> statements(JsonNode policy) {
    JsonNode statement = policy.get("Statement");
    List<JsonNode> statements = new ArrayList<>();
    if (statement == null) {
      return statements;
    }
    if (statement.isArray()) {
      statement.forEach(statements::add);
    } else {
      statements.add(statement);
    }
    for (JsonNode item : statements) {
      if (!item.isObject()) {
        throw IamErrors.MALFORMED_POLICY.because(PolicyGrammar.SYNTAX);
      }
    }
    if (statements.isEmpty()) {
      throw IamErrors.MALFORMED_POLICY.because(PolicyGrammar.SYNTAX);
    }
    PolicyGrammar.checkPolicy(policy, statements);
    return statements;
  }

  private static void checkEffect(JsonNode statement) {
    JsonNode effect = statement.get("Effect");
    if (effect == null) {
      throw IamErrors.MALFORMED_POLICY.because("Missing required field Effect");
    }
    if (!"Allow".equals(effect.asText()) && !"Deny".equals(effect.asText())) {
      throw IamErrors.MALFORMED_POLICY.because("Invalid effect: " + effect.asText());
    }
  }
}

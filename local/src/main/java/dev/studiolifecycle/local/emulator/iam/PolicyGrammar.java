package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The grammar IAM holds a policy document's elements to before it stores the policy, as the IAM
 * User Guide gives it ("Grammar of the IAM JSON policy language" and the pages of the elements Sid,
 * Action, Resource and Condition). Each refusal is {@code MalformedPolicyDocument} with the words
 * IAM answers; where the guide names the rule but not the words, the words are IAM's general
 * "Syntax errors in policy.".
 */
final class PolicyGrammar {

  private PolicyGrammar() {}

  static final String SYNTAX = "Syntax errors in policy.";

  /** Grammar: {@code policy = { <version_block?> <id_block?> <statement_block> }}. */
  private static final Set<String> POLICY_ELEMENTS = Set.of("Version", "Id", "Statement");

  /** Grammar: the blocks a statement is made of. */
  private static final Set<String> STATEMENT_ELEMENTS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");

  /** IAM User Guide, "IAM JSON policy elements: Sid": ASCII letters and digits only. */
  private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");

  /** A service prefix: letters, digits, hyphens and dots ({@code s3}, {@code sso-directory}). */
  private static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9.\\-]+");

  /**
   * IAM User Guide, "IAM JSON policy elements: Condition operators": the operators, each also with
   * {@code IfExists} but {@code Null}, and with {@code ForAllValues:} or {@code ForAnyValue:}.
   */
  private static final Set<String> CONDITION_OPERATORS =
      Set.of(
          "StringEquals",
          "StringNotEquals",
          "StringEqualsIgnoreCase",
          "StringNotEqualsIgnoreCase",
          "StringLike",
          "StringNotLike",
          "NumericEquals",
          "NumericNotEquals",
          "NumericLessThan",
          "NumericLessThanEquals",
          "NumericGreaterThan",
          "NumericGreaterThanEquals",
          "DateEquals",
          "DateNotEquals",
          "DateLessThan",
          "DateLessThanEquals",
          "DateGreaterThan",
          "DateGreaterThanEquals",
          "Bool",
          "BinaryEquals",
          "IpAddress",
          "NotIpAddress",
          "ArnEquals",
          "ArnLike",
          "ArnNotEquals",
          "ArnNotLike");

  /**
   * The resource types of IAM (Service Authorization Reference, "Actions, resources, and condition
   * keys for AWS Identity and Access Management", resource types): an IAM resource's path starts
   * with one of them.
   */
  private static final List<String> IAM_RESOURCE_TYPES =
      List.of(
          "access-report/",
          "assumed-role/",
          "federated-user/",
          "group/",
          "instance-profile/",
          "mfa/",
          "oidc-provider/",
          "policy/",
          "role/",
          "saml-provider/",
          "server-certificate/",
          "sms-mfa/",
          "user/");

  /** The policy's top-level elements are the grammar's, and its statements' Sids unique. */
  static void checkPolicy(JsonNode policy, List<JsonNode> statements) {
    checkElements(policy, POLICY_ELEMENTS);
    Set<String> sids = new HashSet<>();
    for (JsonNode statement : statements) {
      JsonNode sid = statement.get("Sid");
      if (sid != null && !sid.asText().isEmpty() && !sids.add(sid.asText())) {
        throw IamErrors.MALFORMED_POLICY.because(
            "Statement IDs (SID) in a single policy must be unique.");
      }
    }
  }

  /**
   * The statement's elements are the grammar's, each of its type; at most one of Action and
   * NotAction, of Resource and NotResource; a Sid of letters and digits (IAM's rule; a resource
   * policy's Sid is held to it only as a string); conditions by known operators on keys with a
   * service prefix.
   */
  static void checkStatement(JsonNode statement, boolean iamSid) {
    checkElements(statement, STATEMENT_ELEMENTS);
    if (statement.has("Action") && statement.has("NotAction")
        || statement.has("Resource") && statement.has("NotResource")
        || statement.has("Principal") && statement.has("NotPrincipal")) {
      throw IamErrors.MALFORMED_POLICY.because(SYNTAX);
    }
    JsonNode sid = statement.get("Sid");
    if (sid != null && !sid.isTextual()) {
      throw IamErrors.MALFORMED_POLICY.because(SYNTAX);
    }
    if (sid != null && iamSid && !SID.matcher(sid.textValue()).matches()) {
      throw IamErrors.MALFORMED_POLICY.because(
          "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular"
              + " expression [0-9A-Za-z]*");
    }
    for (String element : List.of("Action", "NotAction")) {
      for (String action : stringList(statement.get(element))) {
        checkAction(action);
      }
    }
    for (String element : List.of("Resource", "NotResource")) {
      for (String resource : stringList(statement.get(element))) {
        checkResource(resource);
      }
    }
    if (statement.has("Condition")) {
      checkCondition(statement.get("Condition"));
    }
  }

  /** Whether the element holds no value: absent, or an empty list. */
  static boolean empty(JsonNode statement, String element) {
    JsonNode value = statement.get(element);
    return value == null || value.isArray() && value.isEmpty();
  }

  /**
   * The service prefixes of the statement's actions ({@code *} for an action that is a bare
   * wildcard), after {@link #checkStatement} has found them well formed.
   */
  static List<String> actionServices(JsonNode statement) {
    List<String> services = new ArrayList<>();
    for (String element : List.of("Action", "NotAction")) {
      for (String action : stringList(statement.get(element))) {
        services.add(action.equals("*") ? "*" : action.substring(0, action.indexOf(':')));
      }
    }
    return services;
  }

  /**
   * IAM User Guide, "IAM JSON policy elements: Action": {@code *} or {@code <service>:<action>}.
   */
  private static void checkAction(String action) {
    if (action.equals("*")) {
      return;
    }
    String[] parts = action.split(":", -1);
    if (parts.length == 1) {
      throw IamErrors.MALFORMED_POLICY.because(
          "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }
    if (parts.length > 2) {
      throw IamErrors.MALFORMED_POLICY.because("Actions/Condition can contain only one colon.");
    }
    String vendor = parts[0];
    if (vendor.contains("*") || vendor.contains("?")) {
      throw IamErrors.MALFORMED_POLICY.because(
          "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards");
    }
    if (!VENDOR.matcher(vendor).matches()) {
      throw IamErrors.MALFORMED_POLICY.because("Vendor " + vendor + " is not valid");
    }
  }

  /**
   * IAM User Guide, "IAM JSON policy elements: Resource": {@code *} or an ARN, {@code
   * arn:partition:service:region:account:resource}. A segment may hold the wildcards {@code *} and
   * {@code ?}, and a {@code *} ending a segment matches across the colons after it, but the service
   * segment may hold none; the partition is this one's. IAM's and S3's resources carry no Region,
   * and an IAM resource starts with one of IAM's resource types.
   */
  private static void checkResource(String resource) {
    if (resource.equals("*")) {
      return;
    }
    String[] parts = resource.split(":", 6);
    boolean open = parts[parts.length - 1].endsWith("*");
    if (!parts[0].equals("arn") || parts.length < 3 || parts.length < 6 && !open) {
      throw IamErrors.MALFORMED_POLICY.because(
          "Resource " + resource + " must be in ARN format or \"*\".");
    }
    if (!parts[1].equals(LocalAccount.PARTITION) && !wildcard(parts[1])) {
      throw IamErrors.MALFORMED_POLICY.because(
          "Partition \"" + parts[1] + "\" is not valid for resource \"" + resource + "\".");
    }
    String service = parts[2];
    if (!VENDOR.matcher(service).matches()) {
      throw IamErrors.MALFORMED_POLICY.because(
          "Resource vendor must be fully qualified and cannot contain regexes.");
    }
    if (parts.length < 6) {
      return;
    }
    if (service.equals("iam") && !parts[3].isEmpty()) {
      throw IamErrors.MALFORMED_POLICY.because(
          "IAM resource " + resource + " cannot contain region information.");
    }
    if (service.equals("s3") && !parts[3].isEmpty()) {
      throw IamErrors.MALFORMED_POLICY.because(
          "Resource " + resource + " can not contain region information.");
    }
    if (service.equals("iam")
        && !parts[5].equals("*")
        && IAM_RESOURCE_TYPES.stream().noneMatch(parts[5]::startsWith)) {
      throw IamErrors.MALFORMED_POLICY.because(
          "IAM resource path must either be \"*\" or start with "
              + String.join(", ", IAM_RESOURCE_TYPES)
              + ".");
    }
  }

  private static boolean wildcard(String segment) {
    return segment.contains("*") || segment.contains("?");
  }

  /**
   * Grammar: {@code "Condition" : { <condition_type_string> : { <condition_key_string> :
   * <condition_value_list> }, ... }}, a value being a string, number or Boolean, or a list of them.
   */
  private static void checkCondition(JsonNode condition) {
    if (!condition.isObject()) {
      throw IamErrors.MALFORMED_POLICY.because(SYNTAX);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> block = it.next();
      if (!knownOperator(block.getKey()) || !block.getValue().isObject()) {
        throw IamErrors.MALFORMED_POLICY.because(SYNTAX);
      }
      for (Iterator<Map.Entry<String, JsonNode>> keys = block.getValue().fields();
          keys.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = keys.next();
        if (!entry.getKey().contains(":")) {
          throw IamErrors.MALFORMED_POLICY.because(
              "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        }
        JsonNode value = entry.getValue();
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
          value.forEach(values::add);
        } else {
          values.add(value);
        }
        for (JsonNode item : values) {
          if (!item.isTextual() && !item.isNumber() && !item.isBoolean()) {
            throw IamErrors.MALFORMED_POLICY.because(SYNTAX);
          }
        }
      }
    }
  }

  private static boolean knownOperator(String name) {
    String operator = name;
    for (String qualifier : List.of("ForAllValues:", "ForAnyValue:")) {
      if (operator.startsWith(qualifier)) {
        operator = operator.substring(qualifier.length());
      }
    }
    if (operator.equals("Null")) {
      return true;
    }
    if (operator.endsWith("IfExists")) {
      operator = operator.substring(0, operator.length() - "IfExists".length());
    }
    return CONDITION_OPERATORS.contains(operator);
  }

  private static void checkElements(JsonNode node, Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      if (!allowed.contains(names.next())) {
        throw IamErrors.MALFORMED_POLICY.because(SYNTAX);
      }
    }
  }

  /** Grammar: {@code "*"} or a list of strings; any other JSON is a syntax error. */
  static List<String> stringList(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node.isTextual()) {
      values.add(node.textValue());
      return values;
    }
    if (!node.isArray()) {
      throw IamErrors.MALFORMED_POLICY.because(SYNTAX);
    }
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw IamErrors.MALFORMED_POLICY.because(SYNTAX);
      }
      values.add(item.textValue());
    }
    return values;
  }
}

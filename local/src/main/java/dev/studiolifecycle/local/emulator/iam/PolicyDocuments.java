package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks IAM makes on policy documents (identity policies and trust policies), and the trust
 * question SageMaker asks: may this service principal call {@code sts:AssumeRole}?
 */
final class PolicyDocuments {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PolicyDocuments() {}

  /** Checks an inline or managed (identity) policy. */
  static JsonNode checkIdentityPolicy(String document) {
    JsonNode policy = parse(document);
    for (JsonNode statement : statements(policy)) {
      checkEffect(statement);
      if (statement.has("Principal") || statement.has("NotPrincipal")) {
        throw IamErrors.malformedPolicy("Policy document should not specify a principal.");
      }
      if (!statement.has("Action") && !statement.has("NotAction")) {
        throw IamErrors.malformedPolicy("Policy statement must contain actions.");
      }
      if (!statement.has("Resource") && !statement.has("NotResource")) {
        throw IamErrors.malformedPolicy("Policy statement must contain resources.");
      }
    }
    return policy;
  }

  /** Checks a role's trust policy (AssumeRolePolicyDocument). */
  static JsonNode checkTrustPolicy(String document) {
    JsonNode policy = parse(document);
    for (JsonNode statement : statements(policy)) {
      checkEffect(statement);
      if (statement.has("Resource") || statement.has("NotResource")) {
        throw IamErrors.malformedPolicy("Has prohibited field Resource");
      }
      if (!statement.has("Principal") && !statement.has("NotPrincipal")) {
        throw IamErrors.malformedPolicy("Missing required field Principal");
      }
      if (!statement.has("Action") && !statement.has("NotAction")) {
        throw IamErrors.malformedPolicy("Missing required field Action");
      }
    }
    return policy;
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
    for (String value : strings(action)) {
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
    return strings(principal.get("Service")).contains(servicePrincipal)
        || strings(principal.get("AWS")).contains("*");
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node.isTextual()) {
      values.add(node.textValue());
    } else if (node.isArray()) {
      node.forEach(item -> values.add(item.asText()));
    }
    return values;
  }

  private static JsonNode parse(String document) {
    JsonNode policy;
    try {
      policy = MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw IamErrors.malformedPolicy("Syntax errors in policy.");
    }
    if (policy == null || !policy.isObject()) {
      throw IamErrors.malformedPolicy("Syntax errors in policy.");
    }
    JsonNode version = policy.get("Version");
    if (version != null
        && !"2012-10-17".equals(version.asText())
        && !"2008-10-17".equals(version.asText())) {
      throw IamErrors.malformedPolicy("The policy failed legacy parsing");
    }
    if (!policy.has("Statement")) {
      throw IamErrors.malformedPolicy("Missing required field Statement");
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
        throw IamErrors.malformedPolicy("Syntax errors in policy.");
      }
    }
    return statements;
  }

  private static void checkEffect(JsonNode statement) {
    JsonNode effect = statement.get("Effect");
    if (effect == null) {
      throw IamErrors.malformedPolicy("Missing required field Effect");
    }
    if (!"Allow".equals(effect.asText()) && !"Deny".equals(effect.asText())) {
      throw IamErrors.malformedPolicy("Invalid effect: " + effect.asText());
    }
  }
}

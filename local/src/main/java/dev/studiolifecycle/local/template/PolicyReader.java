package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads a function's or state machine's {@code Policies} as SAM expands them: inline policy
 * documents, managed policy names or ARNs, and the SAM policy templates this project uses.
 */
final class PolicyReader {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PolicyReader() {}

  static AttachedPolicies read(String logicalId, JsonNode resource, IntrinsicResolver resolver) {
    String where = "Resources." + logicalId + ".Properties.Policies";
    JsonNode role = resource.path("Properties").get("Role");
    if (role != null) {
      // SAM generates no role then, and adds nothing to the one named.
      if (resource.path("Properties").has("Policies")) {
        throw new TemplateException(
            "Resources."
                + logicalId
                + ".Properties: Policies and Role cannot be used together (SAM generates a role"
                + " from Policies only when no Role is given)");
      }
      return new AttachedPolicies(
          List.of(),
          List.of(),
          null,
          resolver.resolveString(role, "Resources." + logicalId + ".Properties.Role"));
    }
    List<PolicyStatement> statements = new ArrayList<>();
    List<String> managed = new ArrayList<>();
    Optional<ObjectNode> added = samDestinationPolicy(logicalId, resource, resolver);
    if (added.isPresent()) {
      statements.addAll(
          document(
              added.get(),
              "Resources." + logicalId + " (the policy SAM adds for its OnFailure destination)"));
    }
    List<JsonNode> items = declared(resource, where, resolver);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String at = where + "[" + i + "]";
      if (item.isTextual()) {
        managed.add(item.asText());
      } else if (item.isObject() && item.has("Statement")) {
        statements.addAll(document(item, at));
      } else if (item.isObject() && item.size() == 1) {
        statements.addAll(policyTemplate(item.fieldNames().next(), item.elements().next(), at));
      } else {
        throw new TemplateException(
            at
                + ": expected a policy document with Statement, a managed "
                + "policy, or a SAM policy template, got "
                + item);
      }
    }
    JsonNode boundary = resource.path("Properties").get("PermissionsBoundary");
    return new AttachedPolicies(
        statements,
        managed,
        boundary == null
            ? null
            : resolver.resolveString(
                boundary, "Resources." + logicalId + ".Properties.PermissionsBoundary"),
        null);
  }

  /**
   * The inline policy documents of the role SAM generates, as JSON: each policy document of {@code
   * Policies}, and the one SAM adds for an OnFailure queue.
   */
  static List<String> inlineDocuments(
      String logicalId, JsonNode resource, IntrinsicResolver resolver) {
    String where = "Resources." + logicalId + ".Properties.Policies";
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode policy : declared(resource, where, resolver)) {
      if (policy.isObject() && policy.has("Statement")) {
        documents.add(policy);
      }
    }
    samDestinationPolicy(logicalId, resource, resolver).ifPresent(documents::add);
    List<String> json = new ArrayList<>();
    for (JsonNode document : documents) {
      try {
        json.add(LocalJson.MAPPER.writeValueAsString(document));
      } catch (JsonProcessingException e) {
        throw new TemplateException(where + ": cannot be written as JSON", e);
      }
    }
    return json;
  }

  /** The items of {@code Policies}, resolved; none when absent. */
  private static List<JsonNode> declared(
      JsonNode resource, String where, IntrinsicResolver resolver) {
    JsonNode declared = resource.path("Properties").get("Policies");
    List<JsonNode> items = new ArrayList<>();
    if (declared == null) {
      return items;
    }
    JsonNode resolved = resolver.resolve(declared, where);
    if (resolved.isArray()) {
      resolved.forEach(items::add);
    } else {
      items.add(resolved);
    }
    return items;
  }

  private static Optional<ObjectNode> samDestinationPolicy(
      String logicalId, JsonNode resource, IntrinsicResolver resolver) {
    if (!resource.path("Type").asText().equals("AWS::Serverless::Function")
        || resource.path("Properties").has("Role")) {
      return Optional.empty();
    }
    return EventInvokeConfig.read(
            resource.path("Properties"), "Resources." + logicalId + ".Properties", resolver)
        .samPolicy();
  }

  static List<PolicyStatement> document(JsonNode document, String where) {
    JsonNode statement = document.get("Statement");
    boolean variables = document.path("Version").asText("").equals("2012-10-17");
    List<PolicyStatement> statements = new ArrayList<>();
    if (statement.isArray()) {
      for (int i = 0; i < statement.size(); i++) {
        statements.add(statement(statement.get(i), where + ".Statement[" + i + "]", variables));
      }
    } else {
      statements.add(statement(statement, where + ".Statement", variables));
    }
    return statements;
  }

  static List<PolicyStatement> grantedTo(
      JsonNode document,
      String principalType,
      Collection<String> principals,
      String resource,
      String where) {
    JsonNode statement = document.path("Statement");
    List<JsonNode> all = new ArrayList<>();
    if (statement.isArray()) {
      statement.forEach(all::add);
    } else if (statement.isObject()) {
      all.add(statement);
    }
    boolean variables = document.path("Version").asText("").equals("2012-10-17");
    List<PolicyStatement> granted = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      boolean except = all.get(i).has("NotPrincipal");
      List<String> names =
          principalNames(all.get(i).path(except ? "NotPrincipal" : "Principal"), principalType);
      // "*" is everyone (IAM User Guide, "AWS JSON policy elements: Principal"); a NotPrincipal
      // statement applies to every principal it does not name ("... NotPrincipal").
      boolean named = names.contains("*") || names.stream().anyMatch(principals::contains);
      if (named == except) {
        continue;
      }
      ObjectNode copy = all.get(i).deepCopy();
      copy.remove("Principal");
      copy.remove("NotPrincipal");
      if (!copy.has("Resource") && !copy.has("NotResource")) {
        copy.put("Resource", resource);
      }
      granted.add(statement(copy, where + ".Statement[" + i + "]", variables));
    }
    return granted;
  }

  private static List<String> principalNames(JsonNode principal, String principalType) {
    JsonNode named = principal.isTextual() ? principal : principal.path(principalType);
    List<String> names = new ArrayList<>();
    if (named.isTextual()) {
      names.add(named.asText());
    } else {
      named.forEach(each -> names.add(each.asText()));
    }
    return names;
  }

  static PolicyStatement statement(JsonNode node, String where, boolean variables) {
    if (!node.isObject()) {
      throw new TemplateException(where + ": a statement must be a mapping");
    }
    String effect = node.path("Effect").asText("");
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      throw new TemplateException(where + ".Effect: must be Allow or Deny, got '" + effect + "'");
    }
    List<String> actions = strings(node.get("Action"), where + ".Action");
    List<String> notActions = strings(node.get("NotAction"), where + ".NotAction");
    if (actions.isEmpty() == notActions.isEmpty()) {
      throw new TemplateException(where + ": needs exactly one of Action and NotAction");
    }
    List<String> resources = strings(node.get("Resource"), where + ".Resource");
    List<String> notResources = strings(node.get("NotResource"), where + ".NotResource");
    if (resources.isEmpty() == notResources.isEmpty()) {
      throw new TemplateException(where + ": needs exactly one of Resource and NotResource");
    }
    JsonNode condition = node.get("Condition");
    if (condition != null && !condition.isObject()) {
      throw new TemplateException(where + ".Condition: must be a mapping");
    }
    return new PolicyStatement(
        where,
        node.path("Sid").asText(null),
        effect.equals("Allow") ? PolicyStatement.Effect.ALLOW : PolicyStatement.Effect.DENY,
        actions,
        notActions,
        resources,
        notResources,
        condition,
        variables);
  }

  private static List<String> strings(JsonNode node, String where) {
    List<String> values = new ArrayList<>();
    if (node == null || node.isMissingNode()) {
      return values;
    }
    if (node.isTextual()) {
      values.add(node.asText());
      return values;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (!node.get(i).isTextual()) {
          throw new TemplateException(where + "[" + i + "]: must be a string, got " + node.get(i));
        }
        values.add(node.get(i).asText());
      }
      return values;
    }
    throw new TemplateException(where + ": must be a string or a list of strings, got " + node);
  }

  /** The statements SAM's policy templates of the same name expand to. */
  private static List<PolicyStatement> policyTemplate(
      String name, JsonNode parameters, String where) {
    String at = where + "." + name;
    String arnPrefix = "arn:aws:%s:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":";
    ObjectNode statement = JSON.objectNode();
    statement.put("Effect", "Allow");
    switch (name) {
      case "SQSSendMessagePolicy" -> {
        statement.putArray("Action").add("sqs:SendMessage*");
        statement.put(
            "Resource", arnPrefix.formatted("sqs") + parameter(parameters, "QueueName", at));
      }
      case "SNSPublishMessagePolicy" -> {
        statement.putArray("Action").add("sns:Publish");
        statement.put(
            "Resource", arnPrefix.formatted("sns") + parameter(parameters, "TopicName", at));
      }
      case "LambdaInvokePolicy" -> {
        statement.putArray("Action").add("lambda:InvokeFunction");
        statement.put(
            "Resource",
            arnPrefix.formatted("lambda")
                + "function:"
                + parameter(parameters, "FunctionName", at)
                + "*");
      }
      case "StepFunctionsExecutionPolicy" -> {
        statement.putArray("Action").add("states:StartExecution");
        statement.put(
            "Resource",
            arnPrefix.formatted("states")
                + "stateMachine:"
                + parameter(parameters, "StateMachineName", at));
      }
      default ->
          throw new TemplateException(
              at
                  + ": the SAM policy template "
                  + name
                  + " is not known to the local template reader; write its statements inline");
    }
    // SAM writes its policy templates' documents as 2012-10-17 policies.
    return List.of(statement(statement, at, true));
  }

  private static String parameter(JsonNode parameters, String name, String where) {
    JsonNode value = parameters.get(name);
    if (value == null || !value.isValueNode()) {
      throw new TemplateException(where + "." + name + ": is required");
    }
    return value.asText();
  }
}

package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * An AWS::IAM::Role of the template, its intrinsics resolved.
 *
 * @param trustPolicy its AssumeRolePolicyDocument
 * @param statements the statements of its inline Policies; attached managed policies are not read
 *     (what they would allow is not counted: the stricter reading)
 */
public record RoleResource(
    String logicalId, String arn, JsonNode trustPolicy, List<PolicyStatement> statements) {

  public RoleResource {
    statements = List.copyOf(statements);
  }

  static RoleResource read(String logicalId, String arn, JsonNode resolved) {
    String where = "Resources." + logicalId + ".Properties";
    JsonNode properties = resolved.path("Properties");
    List<PolicyStatement> statements = new ArrayList<>();
    JsonNode policies = properties.path("Policies");
    for (int i = 0; i < policies.size(); i++) {
      statements.addAll(
          PolicyStatement.ofDocument(
              policies.get(i).path("PolicyDocument"),
              where + ".Policies[" + i + "].PolicyDocument"));
    }
    return new RoleResource(
        logicalId, arn, properties.path("AssumeRolePolicyDocument"), statements);
  }

  /**
   * The trust policy's statements that name {@code servicePrincipal} (e.g. {@code
   * scheduler.amazonaws.com}), as statements on this role's ARN: what decides whether that service
   * may assume it, conditions included.
   */
  public List<PolicyStatement> trustOf(String servicePrincipal) {
    List<PolicyStatement> trusted = new ArrayList<>();
    JsonNode statement = trustPolicy.path("Statement");
    List<JsonNode> all = new ArrayList<>();
    if (statement.isArray()) {
      statement.forEach(all::add);
    } else if (statement.isObject()) {
      all.add(statement);
    }
    for (int i = 0; i < all.size(); i++) {
      JsonNode each = all.get(i);
      JsonNode service = each.at("/Principal/Service");
      boolean names =
          service.isTextual()
              ? service.asText().equals(servicePrincipal)
              : service.isArray()
                  && StreamSupport.stream(service.spliterator(), false)
                      .anyMatch(s -> s.asText().equals(servicePrincipal));
      if (names) {
        ObjectNode copy = each.deepCopy();
        copy.remove("Principal");
        copy.put("Resource", arn);
        trusted.add(
            PolicyReader.statement(
                copy,
                "Resources."
                    + logicalId
                    + ".Properties.AssumeRolePolicyDocument.Statement["
                    + i
                    + "]",
                true));
      }
    }
    return trusted;
  }
}

package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An AWS::IAM::Role of the template, its intrinsics resolved.
 *
 * @param trustPolicy its AssumeRolePolicyDocument
 * @param statements the statements of its inline Policies; attached managed policies are not read
 *     (what they would allow is not counted: the stricter reading)
 * @param permissionsBoundaryArn its PermissionsBoundary, or null
 */
public record RoleResource(
    String logicalId,
    String arn,
    JsonNode trustPolicy,
    List<PolicyStatement> statements,
    String permissionsBoundaryArn) {

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
    JsonNode boundary = properties.path("PermissionsBoundary");
    return new RoleResource(
        logicalId,
        arn,
        properties.path("AssumeRolePolicyDocument"),
        statements,
        boundary.isTextual() ? boundary.asText() : null);
  }

  /**
   * The trust policy's statements that name {@code servicePrincipal} (e.g. {@code
   * scheduler.amazonaws.com}), as statements on this role's ARN: what decides whether that service
   * may assume it, conditions included.
   */
  public List<PolicyStatement> trustOf(String servicePrincipal) {
    return PolicyStatement.grantedToService(
        trustPolicy,
        servicePrincipal,
        arn,
        "Resources." + logicalId + ".Properties.AssumeRolePolicyDocument");
  }
}

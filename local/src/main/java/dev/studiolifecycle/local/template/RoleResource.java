package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.util.ArrayList;
import java.util.List;

/**
 * An AWS::IAM::Role of the template, its intrinsics resolved.
 *
 * @param trustPolicy its AssumeRolePolicyDocument
 * @param statements the statements of its inline Policies
 * @param inlineDocuments the PolicyDocument of each of its inline Policies, as JSON
 * @param managedPolicyArns its ManagedPolicyArns, as written
 * @param permissionsBoundaryArn its PermissionsBoundary, or null
 */
public record RoleResource(
    String logicalId,
    String arn,
    JsonNode trustPolicy,
    List<PolicyStatement> statements,
    List<String> inlineDocuments,
    List<String> managedPolicyArns,
    String permissionsBoundaryArn) {

  public RoleResource {
    statements = List.copyOf(statements);
    inlineDocuments = List.copyOf(inlineDocuments);
    managedPolicyArns = List.copyOf(managedPolicyArns);
  }

  static RoleResource read(String logicalId, String arn, JsonNode resolved) {
    String where = "Resources." + logicalId + ".Properties";
    JsonNode properties = resolved.path("Properties");
    List<PolicyStatement> statements = new ArrayList<>();
    List<String> documents = new ArrayList<>();
    JsonNode policies = properties.path("Policies");
    for (int i = 0; i < policies.size(); i++) {
      String at = where + ".Policies[" + i + "].PolicyDocument";
      JsonNode document = policies.get(i).path("PolicyDocument");
      statements.addAll(PolicyStatement.ofDocument(document, at));
      try {
        documents.add(LocalJson.MAPPER.writeValueAsString(document));
      } catch (JsonProcessingException e) {
        throw new TemplateException(at + ": cannot be written as JSON", e);
      }
    }
    List<String> managed = new ArrayList<>();
    JsonNode arns = properties.path("ManagedPolicyArns");
    for (int i = 0; i < arns.size(); i++) {
      if (!arns.get(i).isTextual()) {
        throw new TemplateException(
            where + ".ManagedPolicyArns[" + i + "]: must be a policy ARN, got " + arns.get(i));
      }
      managed.add(arns.get(i).asText());
    }
    JsonNode boundary = properties.path("PermissionsBoundary");
    return new RoleResource(
        logicalId,
        arn,
        properties.path("AssumeRolePolicyDocument"),
        statements,
        documents,
        managed,
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

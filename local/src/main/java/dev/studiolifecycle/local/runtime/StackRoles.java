package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.iam.AwsManagedPolicies;
import dev.studiolifecycle.local.emulator.iam.IamService;
import dev.studiolifecycle.local.permissions.IamRequest;
import dev.studiolifecycle.local.permissions.PolicyEvaluator;
import dev.studiolifecycle.local.template.AttachedPolicies;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.RoleResource;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import dev.studiolifecycle.local.template.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the deployment of the template refuses of its roles, checked against the account as the
 * scenario seeds it once the template's own managed policies exist: CloudFormation cannot create a
 * role (SAM's for a function or state machine, or an AWS::IAM::Role) whose inline policies IAM
 * refuses or whose managed policies or permissions boundary do not exist or cannot be attached;
 * Lambda will not create a function, nor Step Functions a state machine, whose {@code Role} it
 * cannot assume.
 */
final class StackRoles {

  private static final String LAMBDA = "lambda.amazonaws.com";
  private static final String STATES = "states.amazonaws.com";

  private StackRoles() {}

  static void check(SamTemplate template, IamService iam) {
    checkGeneratedRoles(template, iam);
    checkTemplateRoles(template, iam);
    checkAssumedRoles(template, iam);
  }

  /** The roles SAM generates from the functions' and state machines' Policies. */
  private static void checkGeneratedRoles(SamTemplate template, IamService iam) {
    List<String> owners = new ArrayList<>(template.functions().keySet());
    template.stateMachines().forEach(machine -> owners.add(machine.logicalId()));
    for (String logicalId : owners) {
      // IAM's answer to the inline policies first: reading the statements refuses less plainly.
      String refused =
          ": CloudFormation cannot create the role SAM generates for it: IAM answered ";
      refusal(
          iam.inlinePoliciesRefusal(logicalId + "Role", template.inlinePolicyDocuments(logicalId)),
          "Resources." + logicalId + refused);
      AttachedPolicies attached = template.policies(logicalId);
      if (attached.role().isEmpty()) {
        String where = "Resources." + logicalId + ".Properties.";
        checkAttached(
            iam,
            attached.managedPolicies().stream()
                .map(AwsManagedPolicies.catalogue()::samArn)
                .toList(),
            attached.boundary().orElse(null),
            where + "Policies" + refused,
            where + "PermissionsBoundary" + refused);
      }
    }
  }

  /**
   * The template's AWS::IAM::Role resources: a trust policy IAM accepts (AssumeRolePolicyDocument
   * is required: CloudFormation, AWS::IAM::Role), their inline and managed policies and boundary.
   */
  private static void checkTemplateRoles(SamTemplate template, IamService iam) {
    List<String> stackRoles = template.roles().stream().map(RoleResource::arn).toList();
    for (RoleResource role : template.roles()) {
      String where = "Resources." + role.logicalId() + ".Properties";
      String refused = ": CloudFormation cannot create the role: IAM answered ";
      if (!role.trustPolicy().isObject()) {
        throw new TemplateException(where + ".AssumeRolePolicyDocument: is required");
      }
      refusal(
          iam.trustPolicyRefusal(role.trustPolicy().toString(), stackRoles),
          where + ".AssumeRolePolicyDocument" + refused);
      refusal(
          iam.inlinePoliciesRefusal(role.logicalId(), role.inlineDocuments()),
          where + ".Policies" + refused);
      checkAttached(
          iam,
          role.managedPolicyArns(),
          role.permissionsBoundaryArn(),
          where + ".ManagedPolicyArns" + refused,
          where + ".PermissionsBoundary" + refused);
    }
  }

  /** The roles functions and state machines name: their service must be able to assume them. */
  private static void checkAssumedRoles(SamTemplate template, IamService iam) {
    Map<String, List<String>> account =
        Map.of("aws:SourceAccount", List.of(LocalAccount.ACCOUNT_ID));
    for (FunctionDefinition function : template.functions().values()) {
      Optional<String> roleArn = template.policies(function.logicalId()).role();
      if (roleArn.isPresent()) {
        // Lambda developer guide, "Defining Lambda function permissions with an execution role".
        // That Lambda sends aws:SourceArn the guide does not say: a trust asking for it is refused.
        refusal(
            untrusted(template, iam, List.of(LAMBDA), function.arn(), roleArn.get(), account),
            "Resources."
                + function.logicalId()
                + ".Properties.Role: Lambda refuses to create the function"
                + " (InvalidParameterValueException: The role defined for the function cannot be"
                + " assumed by Lambda): ");
      }
    }
    for (StateMachineResource machine : template.stateMachines()) {
      Optional<String> roleArn = template.policies(machine.logicalId()).role();
      if (roleArn.isPresent()) {
        // Step Functions developer guide, "Creating an IAM role for your state machine": the
        // global or the regional principal, with aws:SourceArn and aws:SourceAccount.
        Map<String, List<String>> keys = new LinkedHashMap<>(account);
        keys.put("aws:SourceArn", List.of(machine.arn()));
        refusal(
            untrusted(
                template,
                iam,
                List.of(STATES, "states." + LocalAccount.REGION + ".amazonaws.com"),
                machine.arn(),
                roleArn.get(),
                keys),
            "Resources."
                + machine.logicalId()
                + ".Properties.Role: CreateStateMachine answered AccessDeniedException: Neither the"
                + " global service principal states.amazonaws.com, nor the regional one is"
                + " authorized to assume the provided role: ");
      }
    }
  }

  /**
   * The managed policies SAM or the template attach to a role, and its boundary: each must exist
   * and be attachable (IAM API reference, AttachRolePolicy: NoSuchEntity, PolicyNotAttachable), at
   * most IAM's quota of them ("IAM and AWS STS quotas": managed policies per role).
   */
  private static void checkAttached(
      IamService iam,
      List<String> policyArns,
      String boundaryArn,
      String policiesWhere,
      String boundaryWhere) {
    for (String policyArn : policyArns) {
      refusal(iam.attachRefusal(policyArn, false), policiesWhere);
    }
    if (policyArns.stream().distinct().count() > IamService.attachedPoliciesQuota()) {
      throw new TemplateException(
          policiesWhere
              + "LimitExceeded: Cannot exceed quota for PoliciesPerRole: "
              + IamService.attachedPoliciesQuota()
              + " ("
              + policyArns.size()
              + " managed policies)");
    }
    if (boundaryArn != null) {
      refusal(iam.attachRefusal(boundaryArn, true), boundaryWhere);
    }
  }

  /**
   * Why none of {@code services} may assume {@code roleArn} for {@code sourceArn}, or empty when
   * one may: the role must exist (a role of the template, or one the account has) and its trust
   * policy let the service {@code sts:AssumeRole} with the keys the service sends ({@code
   * context}).
   */
  private static Optional<String> untrusted(
      SamTemplate template,
      IamService iam,
      List<String> services,
      String sourceArn,
      String roleArn,
      Map<String, List<String>> context) {
    Optional<RoleResource> templateRole = template.role(roleArn);
    Optional<IamService.RoleView> accountRole = iam.roleViewByArn(roleArn);
    if (templateRole.isEmpty() && accountRole.isEmpty()) {
      return Optional.of(
          "the role "
              + roleArn
              + " is neither a role of "
              + template.file()
              + " nor one the account has (seed it in the scenario's iam.roles)");
    }
    List<String> reasons = new ArrayList<>();
    for (String service : services) {
      List<PolicyStatement> trust =
          templateRole.isPresent()
              ? templateRole.get().trustOf(service)
              : PolicyStatement.grantedToService(
                  json(accountRole.get().trustPolicy(), roleArn),
                  service,
                  roleArn,
                  "the trust policy of " + roleArn);
      IamRequest assume =
          new IamRequest("sts:AssumeRole", roleArn, context, service + " for " + sourceArn);
      try {
        PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(trust, assume);
        if (decision.allowed()) {
          return Optional.empty();
        }
        reasons.add(service + " may not assume " + roleArn + ": " + decision.reason());
      } catch (IllegalArgumentException unsupported) {
        reasons.add("the local policy evaluator cannot evaluate: " + unsupported.getMessage());
      }
    }
    return Optional.of(String.join("; ", reasons));
  }

  private static JsonNode json(String document, String roleArn) {
    try {
      return LocalJson.MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(roleArn + ": IAM holds a trust policy that is not JSON", e);
    }
  }

  private static void refusal(Optional<String> refusal, String prefix) {
    if (refusal.isPresent()) {
      throw new TemplateException(prefix + refusal.get());
    }
  }
}

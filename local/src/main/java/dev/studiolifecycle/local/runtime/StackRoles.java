package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.studiolifecycle.local.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the deployment of the template refuses of its roles, checked against the account as the
 * scenario seeds it once the template's own managed policies exist: CloudFormation cannot create a
 * role (SAM's for a function or state machine, or an AWS::IAM::Role) whose inline policies IAM
 * refuses or whose managed policies or permissions boundary do not exist or cannot be attached, and
 * Lambda will not create a function whose {@code Role} it cannot assume.
 */
final class StackRoles {

  private static final String LAMBDA = "lambda.amazonaws.com";

  private StackRoles() {}

  static void check(SamTemplate template, IamService iam) {
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
    for (RoleResource role : template.roles()) {
      String where = "Resources." + role.logicalId() + ".Properties";
      String refused = ": CloudFormation cannot create the role: IAM answered ";
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
    for (FunctionDefinition function : template.functions().values()) {
      Optional<String> roleArn = template.policies(function.logicalId()).role();
      if (roleArn.isPresent()) {
        refusal(
            untrusted(template, iam, function, roleArn.get()),
            "Resources."
                + function.logicalId()
                + ".Properties.Role: Lambda refuses to create the function"
                + " (InvalidParameterValueException: The role defined for the function cannot be"
                + " assumed by Lambda): ");
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
   * Why Lambda cannot assume {@code roleArn} for {@code function}, or empty when it can: the role
   * must exist (a role of the template, or one the account has) and its trust policy let {@code
   * lambda.amazonaws.com} {@code sts:AssumeRole} (Lambda developer guide, "Defining Lambda function
   * permissions with an execution role"). The request carries {@code aws:SourceAccount}; that it
   * carries {@code aws:SourceArn} the guide does not say, so a trust that asks for it is refused.
   */
  private static Optional<String> untrusted(
      SamTemplate template, IamService iam, FunctionDefinition function, String roleArn) {
    List<PolicyStatement> trust;
    Optional<RoleResource> templateRole = template.role(roleArn);
    Optional<IamService.RoleView> accountRole = iam.roleViewByArn(roleArn);
    if (templateRole.isPresent()) {
      trust = templateRole.get().trustOf(LAMBDA);
    } else if (accountRole.isPresent()) {
      try {
        trust =
            PolicyStatement.grantedToService(
                LocalJson.MAPPER.readTree(accountRole.get().trustPolicy()),
                LAMBDA,
                roleArn,
                "the trust policy of " + roleArn);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(roleArn + ": IAM holds a trust policy that is not JSON", e);
      }
    } else {
      return Optional.of(
          "the role "
              + roleArn
              + " is neither a role of "
              + template.file()
              + " nor one the account has (seed it in the scenario's iam.roles)");
    }
    IamRequest assume =
        new IamRequest(
            "sts:AssumeRole",
            roleArn,
            Map.of("aws:SourceAccount", List.of(LocalAccount.ACCOUNT_ID)),
            LAMBDA + " for " + function.arn());
    try {
      PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(trust, assume);
      return decision.allowed()
          ? Optional.empty()
          : Optional.of(LAMBDA + " may not assume " + roleArn + ": " + decision.reason());
    } catch (IllegalArgumentException unsupported) {
      return Optional.of("the local policy evaluator cannot evaluate: " + unsupported.getMessage());
    }
  }

  private static void refusal(Optional<String> refusal, String prefix) {
    if (refusal.isPresent()) {
      throw new TemplateException(prefix + refusal.get());
    }
  }
}

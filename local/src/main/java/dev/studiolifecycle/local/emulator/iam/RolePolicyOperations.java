package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * IAM's calls on a role's policies: managed policies attached and detached, inline policies put,
 * read and deleted (state guarded by {@link IamService}).
 */
record RolePolicyOperations(IamResources resources) {

  ServiceReply attachRolePolicy(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    String policyArn = input.required("PolicyArn", null, 20, 2048);
    input.throwIfInvalid();
    Role role = resources.role(name);
    resources.requireAttachable(policyArn, false);
    if (!role.attachedPolicyArns.contains(policyArn)) {
      if (role.attachedPolicyArns.size() >= IamResources.MAX_ATTACHED_POLICIES) {
        throw IamErrors.LIMIT_EXCEEDED.because(
            "Cannot exceed quota for PoliciesPerRole: " + IamResources.MAX_ATTACHED_POLICIES);
      }
      role.attachedPolicyArns.add(policyArn);
    }
    return ServiceReply.noResult();
  }

  ServiceReply detachRolePolicy(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    String policyArn = input.required("PolicyArn", null, 20, 2048);
    input.throwIfInvalid();
    Role role = resources.role(name);
    if (!IamResources.POLICY_ARN.matcher(policyArn).matches()) {
      throw IamErrors.INVALID_INPUT.because("ARN " + policyArn + " is not valid.");
    }
    if (!role.attachedPolicyArns.remove(policyArn)) {
      throw IamErrors.NO_SUCH_ENTITY.because("Policy " + policyArn + " was not found.");
    }
    return ServiceReply.noResult();
  }

  ServiceReply listAttachedRolePolicies(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    String pathPrefix = input.optional("PathPrefix", IamResources.POLICY_PATH, 1, 512);
    IamPages.Request paging = IamPages.Request.read(input);
    input.throwIfInvalid();
    Role role = resources.role(name);
    List<String> matching = new ArrayList<>();
    for (String arn : role.attachedPolicyArns) {
      Matcher matcher = IamResources.POLICY_ARN.matcher(arn);
      if (matcher.matches() && (pathPrefix == null || matcher.group(2).startsWith(pathPrefix))) {
        matching.add(arn);
      }
    }
    IamPages.Page<String> page = paging.page(matching);
    return IamPages.reply(
        "AttachedPolicies",
        page,
        (xml, arn) -> {
          Matcher matcher = IamResources.POLICY_ARN.matcher(arn);
          matcher.matches();
          xml.element("PolicyName", matcher.group(3)).element("PolicyArn", arn);
        });
  }

  ServiceReply putRolePolicy(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    String policyName = input.required("PolicyName", IamResources.POLICY_NAME, 1, 128);
    String document = input.required("PolicyDocument", IamResources.DOCUMENT, 1, 131072);
    input.throwIfInvalid();
    Role role = resources.role(name);
    PolicyDocuments.checkIdentityPolicy(document);
    // IAM User Guide, "IAM and AWS STS quotas": a role's inline policies together may have 10,240
    // characters, and "IAM does not count white space".
    int total = IamResources.policySize(document);
    for (Map.Entry<String, String> entry : role.inlinePolicies.entrySet()) {
      if (!entry.getKey().equals(policyName)) {
        total += IamResources.policySize(entry.getValue());
      }
    }
    if (total > IamResources.MAX_INLINE_POLICY_BYTES) {
      throw IamErrors.LIMIT_EXCEEDED.because(
          "Maximum policy size of "
              + IamResources.MAX_INLINE_POLICY_BYTES
              + " bytes exceeded for role "
              + role.name);
    }
    role.inlinePolicies.put(policyName, document);
    return ServiceReply.noResult();
  }

  ServiceReply getRolePolicy(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    String policyName = input.required("PolicyName", IamResources.POLICY_NAME, 1, 128);
    input.throwIfInvalid();
    Role role = resources.role(name);
    String document = role.inlinePolicies.get(policyName);
    if (document == null) {
      throw IamErrors.NO_SUCH_ENTITY.because(
          "The role policy with name " + policyName + " cannot be found.");
    }
    return ServiceReply.xml(
        xml ->
            xml.element("RoleName", role.name)
                .element("PolicyName", policyName)
                .element("PolicyDocument", IamResources.urlEncode(document)));
  }

  ServiceReply deleteRolePolicy(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    String policyName = input.required("PolicyName", IamResources.POLICY_NAME, 1, 128);
    input.throwIfInvalid();
    Role role = resources.role(name);
    if (role.inlinePolicies.remove(policyName) == null) {
      throw IamErrors.NO_SUCH_ENTITY.because(
          "The role policy with name " + policyName + " cannot be found.");
    }
    return ServiceReply.noResult();
  }

  ServiceReply listRolePolicies(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    IamPages.Request paging = IamPages.Request.read(input);
    input.throwIfInvalid();
    Role role = resources.role(name);
    IamPages.Page<String> page = paging.page(new ArrayList<>(role.inlinePolicies.keySet()));
    return IamPages.replyNames("PolicyNames", page);
  }
}

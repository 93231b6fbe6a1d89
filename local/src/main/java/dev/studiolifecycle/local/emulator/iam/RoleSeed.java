package dev.studiolifecycle.local.emulator.iam;

import java.util.List;
import java.util.Map;

/**
 * A role that exists before the simulation starts. Seeded roles are fully propagated: the IAM
 * propagation delay applies only to roles created through the API.
 *
 * @param path the role path ({@code /} or {@code /a/b/}), or null for {@code /}
 * @param assumeRolePolicyDocument the trust policy JSON, or null for one trusting SageMaker
 * @param permissionsBoundaryArn a policy ARN, or null
 * @param inlinePolicies policy name to policy document JSON
 */
public record RoleSeed(
    String roleName,
    String path,
    String assumeRolePolicyDocument,
    String description,
    String permissionsBoundaryArn,
    Map<String, String> tags,
    List<String> attachedPolicyArns,
    Map<String, String> inlinePolicies) {

  /** A trust policy that lets SageMaker assume the role, as execution roles need. */
  public static final String SAGEMAKER_TRUST_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  public RoleSeed {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    attachedPolicyArns = attachedPolicyArns == null ? List.of() : List.copyOf(attachedPolicyArns);
    inlinePolicies = inlinePolicies == null ? Map.of() : Map.copyOf(inlinePolicies);
  }

  /** A role at {@code /} that SageMaker may assume, with nothing attached. */
  public static RoleSeed sageMakerExecutionRole(String roleName) {
    return new RoleSeed(
        roleName, "/", SAGEMAKER_TRUST_POLICY, null, null, Map.of(), List.of(), Map.of());
  }

  public RoleSeed withPath(String value) {
    return new RoleSeed(
        roleName,
        value,
        assumeRolePolicyDocument,
        description,
        permissionsBoundaryArn,
        tags,
        attachedPolicyArns,
        inlinePolicies);
  }

  public RoleSeed withTags(Map<String, String> value) {
    return new RoleSeed(
        roleName,
        path,
        assumeRolePolicyDocument,
        description,
        permissionsBoundaryArn,
        value,
        attachedPolicyArns,
        inlinePolicies);
  }

  public RoleSeed withAttachedPolicyArns(List<String> value) {
    return new RoleSeed(
        roleName,
        path,
        assumeRolePolicyDocument,
        description,
        permissionsBoundaryArn,
        tags,
        value,
        inlinePolicies);
  }

  public RoleSeed withTrustPolicy(String value) {
    return new RoleSeed(
        roleName,
        path,
        value,
        description,
        permissionsBoundaryArn,
        tags,
        attachedPolicyArns,
        inlinePolicies);
  }
}

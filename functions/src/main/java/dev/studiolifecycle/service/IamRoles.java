package dev.studiolifecycle.service;

import dev.studiolifecycle.aws.AwsErrorCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Read-only IAM look-ups of a role that the role steps share; every list follows IAM's
 * Marker/IsTruncated pages.
 */
public final class IamRoles {

  private final IamClient iam;

  public IamRoles(IamClient iam) {
    this.iam = iam;
  }

  /**
   * The role under a path that a function's policy grants reads of, or empty when it is gone. IAM
   * authorizes GetRole of a role that does not exist against the ARN the name alone gives (IAM
   * cannot know the path of a role it does not have), which such a policy does not grant: so for a
   * role under the path, AccessDenied means the role is gone. A replay after the role was deleted
   * must find it gone, not fail.
   */
  public Optional<Role> roleUnderThePath(String roleName) {
    try {
      return role(roleName);
    } catch (IamException e) {
      if (AwsErrorCodes.isAccessDenied(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The role, or empty when IAM does not know it. */
  public Optional<Role> role(String roleName) {
    try {
      return Optional.of(iam.getRole(GetRoleRequest.builder().roleName(roleName).build()).role());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  /** Every tag of the role. */
  public Map<String, String> tags(String roleName) {
    Map<String, String> tags = new LinkedHashMap<>();
    String marker = null;
    ListRoleTagsResponse page;
    do {
      page =
          iam.listRoleTags(ListRoleTagsRequest.builder().roleName(roleName).marker(marker).build());
      for (Tag tag : page.tags()) {
        tags.put(tag.key(), tag.value());
      }
      marker = page.marker();
    } while (Boolean.TRUE.equals(page.isTruncated()) && marker != null);
    return tags;
  }

  /** The ARNs of every managed policy attached to the role. */
  public List<String> attachedPolicyArns(String roleName) {
    List<String> arns = new ArrayList<>();
    String marker = null;
    ListAttachedRolePoliciesResponse page;
    do {
      page =
          iam.listAttachedRolePolicies(
              ListAttachedRolePoliciesRequest.builder().roleName(roleName).marker(marker).build());
      for (AttachedPolicy policy : page.attachedPolicies()) {
        arns.add(policy.policyArn());
      }
      marker = page.marker();
    } while (Boolean.TRUE.equals(page.isTruncated()) && marker != null);
    return arns;
  }

  /** The document of one inline policy of the role (URL-encoded, as IAM returns it). */
  public Optional<String> inlinePolicy(String roleName, String policyName) {
    try {
      return Optional.of(
          iam.getRolePolicy(
                  GetRolePolicyRequest.builder().roleName(roleName).policyName(policyName).build())
              .policyDocument());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  /** The names of every inline policy of the role. */
  public List<String> inlinePolicyNames(String roleName) {
    List<String> names = new ArrayList<>();
    String marker = null;
    ListRolePoliciesResponse page;
    do {
      page =
          iam.listRolePolicies(
              ListRolePoliciesRequest.builder().roleName(roleName).marker(marker).build());
      names.addAll(page.policyNames());
      marker = page.marker();
    } while (Boolean.TRUE.equals(page.isTruncated()) && marker != null);
    return names;
  }
}

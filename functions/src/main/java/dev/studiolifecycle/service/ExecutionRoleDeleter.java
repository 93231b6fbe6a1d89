package dev.studiolifecycle.service;

import dev.studiolifecycle.error.ResourceBusy;
import dev.studiolifecycle.model.DeleteExecutionRoleInput;
import dev.studiolifecycle.model.DeleteExecutionRoleResult;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.ProfileNames;
import dev.studiolifecycle.model.RoleDeletionOutcome;
import dev.studiolifecycle.validation.FieldRules;
import dev.studiolifecycle.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The DeleteExecutionRole step, for offboarding and for undoing a failed onboarding. It deletes a
 * role only when this workflow created it for this very user: under the role path, tagged
 * managed-by and with the user's profile name, and no profile of the user in any domain still uses
 * it. Any other role is left untouched.
 */
public final class ExecutionRoleDeleter {

  private final IamClient iam;
  private final IamRoles roles;
  private final RoleUsers users;
  private final String rolePath;

  public ExecutionRoleDeleter(IamClient iam, SageMakerClient sageMaker, String rolePath) {
    this.iam = iam;
    this.roles = new IamRoles(iam);
    this.users = new RoleUsers(sageMaker);
    this.rolePath = rolePath;
  }

  public DeleteExecutionRoleResult delete(DeleteExecutionRoleInput input) {
    Violations v = new Violations();
    v.require("userProfileName", input.userProfileName());
    if (input.domainId() != null) {
      v.check("domainId", FieldRules.fullMatch(FieldRules.DOMAIN_ID, input.domainId()));
    }
    if (input.roleArn() == null && input.createdByRequestId() == null) {
      v.add("roleArn", "is required (or createdByRequestId, to undo a role of this request)");
    } else if (input.roleArn() != null && input.createdByRequestId() != null) {
      v.add("createdByRequestId", "must not be given with roleArn");
    }
    if (input.roleArn() == null && input.createdByRequestId() != null && input.domainId() == null) {
      v.add("domainId", "is required with createdByRequestId (the role's name carries it)");
    }
    v.throwIfAny();
    if (input.roleArn() == null) {
      return deleteCreatedByRequest(input);
    }
    v.check("roleArn", FieldRules.fullMatch(FieldRules.ROLE_ARN, input.roleArn()));
    v.throwIfAny();
    String roleArn = input.roleArn();
    String roleName = RoleNames.fromArn(roleArn);
    if (!rolePath.equals(RoleNames.pathFromArn(roleArn))) {
      // Not a role this workflow can have created, and one its IAM policy may not even read (the
      // template grants IAM actions on roles under the path only): decided without a call.
      return result(roleArn, roleName, RoleDeletionOutcome.NOT_MANAGED, List.of(), List.of());
    }

    return deleteIfOurs(
        roleName,
        roleArn,
        (role, tags) -> roleArn.equals(role.arn()) && ManagedTags.isManaged(tags),
        input);
  }

  /**
   * The user's role, if IAM holds it under the path tagged as created by this request for this user
   * (CreateRole sets the tags with the role, so a role the step created is tagged even when the
   * step failed right after).
   */
  private DeleteExecutionRoleResult deleteCreatedByRequest(DeleteExecutionRoleInput input) {
    return deleteIfOurs(
        RoleNames.forUser(input.userProfileName(), input.domainId()),
        null,
        (role, tags) -> ManagedTags.createdFor(tags, input.createdByRequestId()),
        input);
  }

  /**
   * Deletes the role named {@code roleName} when it is under the path, tagged for the input's user,
   * {@code ours} says so too and no other profile of the user uses it; reports it by {@code
   * roleArn}, or by the ARN IAM has when null.
   */
  private DeleteExecutionRoleResult deleteIfOurs(
      String roleName,
      String roleArn,
      BiPredicate<Role, Map<String, String>> ours,
      DeleteExecutionRoleInput input) {
    String user = input.userProfileName();
    Optional<Role> found = roles.roleUnderThePath(roleName);
    if (found.isEmpty()) {
      return result(roleArn, roleName, RoleDeletionOutcome.NOT_FOUND, List.of(), List.of());
    }
    Role role = found.get();
    String arn = roleArn == null ? role.arn() : roleArn;
    Map<String, String> tags = roles.tags(roleName);
    if (!rolePath.equals(role.path())
        || !ProfileNames.same(user, tags.get(ManagedTags.USER_PROFILE))
        || !ours.test(role, tags)) {
      return result(arn, roleName, RoleDeletionOutcome.NOT_MANAGED, List.of(), List.of());
    }
    List<String> usedBy = users.of(role.arn(), user, input.domainId());
    if (!usedBy.isEmpty()) {
      // IAM would delete it, and SageMaker would then fail those profiles' every app.
      return new DeleteExecutionRoleResult(
          arn, roleName, RoleDeletionOutcome.IN_USE, List.of(), List.of(), usedBy);
    }
    return deleteOurs(arn, roleName);
  }

  private DeleteExecutionRoleResult deleteOurs(String roleArn, String roleName) {
    List<String> detached = new ArrayList<>();
    for (String policyArn : roles.attachedPolicyArns(roleName)) {
      try {
        iam.detachRolePolicy(
            DetachRolePolicyRequest.builder().roleName(roleName).policyArn(policyArn).build());
      } catch (NoSuchEntityException e) {
        // Detached meanwhile (a parallel retry): the goal holds.
      }
      detached.add(policyArn);
    }
    List<String> deletedInline = new ArrayList<>();
    for (String policyName : roles.inlinePolicyNames(roleName)) {
      try {
        iam.deleteRolePolicy(
            DeleteRolePolicyRequest.builder().roleName(roleName).policyName(policyName).build());
      } catch (NoSuchEntityException e) {
        // Deleted meanwhile: the goal holds.
      }
      deletedInline.add(policyName);
    }
    try {
      iam.deleteRole(DeleteRoleRequest.builder().roleName(roleName).build());
    } catch (NoSuchEntityException e) {
      return result(roleArn, roleName, RoleDeletionOutcome.NOT_FOUND, detached, deletedInline);
    } catch (DeleteConflictException e) {
      throw new ResourceBusy(
          "role " + roleName + " still has policies or instance profiles attached; retry", e);
    }
    return result(roleArn, roleName, RoleDeletionOutcome.DELETED, detached, deletedInline);
  }

  private static DeleteExecutionRoleResult result(
      String roleArn,
      String roleName,
      RoleDeletionOutcome outcome,
      List<String> detached,
      List<String> deletedInline) {
    return new DeleteExecutionRoleResult(
        roleArn, roleName, outcome, detached, deletedInline, List.of());
  }
}

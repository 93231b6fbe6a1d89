package dev.studiolifecycle.service;

import dev.studiolifecycle.aws.AwsErrorCodes;
import dev.studiolifecycle.error.ExecutionRoleConflict;
import dev.studiolifecycle.error.ExecutionRoleUnusable;
import dev.studiolifecycle.model.CanvasSettings;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.CreateExecutionRoleInput;
import dev.studiolifecycle.model.ExecutionRoleRequest;
import dev.studiolifecycle.model.ExecutionRoleResult;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.ProfileNames;
import dev.studiolifecycle.model.RoleCreation;
import dev.studiolifecycle.service.config.ExecutionRoleSettings;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import dev.studiolifecycle.validation.Violations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;

/**
 * The CreateExecutionRole step. A role named by the request is checked (it must exist and trust
 * SageMaker) and used as it is. Otherwise the user gets a role of their own: under the role path,
 * with the permissions boundary, trusting SageMaker from this account only, with the default and
 * requested policies (all on the allow-list, checked before anything is created) and an inline
 * policy for the requested buckets. A role this workflow already created for the same user is
 * adopted and brought to the requested state.
 */
public final class ExecutionRoleProvisioner {

  public static final String CANVAS_FULL_ACCESS = "AmazonSageMakerCanvasFullAccess";
  public static final String CANVAS_AI_SERVICES = "AmazonSageMakerCanvasAIServicesAccess";
  // AWS Managed Policy Reference: this one is a service role policy, under /service-role/.
  public static final String CANVAS_FORECAST = "service-role/AmazonSageMakerCanvasForecastAccess";

  private final IamClient iam;
  private final IamRoles roles;
  private final ExecutionRoleSettings settings;
  private final OffboardingGuard guard;

  public ExecutionRoleProvisioner(IamClient iam, ExecutionRoleSettings settings) {
    this(iam, settings, OffboardingGuard.NONE);
  }

  /** {@code guard} is asked before a deny an offboarding put on the role is lifted. */
  public ExecutionRoleProvisioner(
      IamClient iam, ExecutionRoleSettings settings, OffboardingGuard guard) {
    this.iam = iam;
    this.roles = new IamRoles(iam);
    this.settings = settings;
    this.guard = guard;
  }

  public ExecutionRoleResult provision(CreateExecutionRoleInput input) {
    LifecycleRequest request = requireRequest(input);
    ExecutionRoleRequest wanted = request.executionRole();
    if (wanted != null && wanted.usesExistingRole()) {
      return useExisting(wanted.arn());
    }
    RoleCreation create =
        wanted == null || wanted.create() == null
            ? new RoleCreation(List.of(), List.of(), List.of())
            : wanted.create();
    Plan plan = plan(request, create, wanted == null || wanted.filledInByDefault());
    String requestId = Correlation.requestIdOr(input.correlation(), request.requestId());
    // A replay (the profile exists and uses the user's role) changes nothing that is already as
    // requested, so it makes no CreateRole call. The look needs the role's ARN: IAM checks
    // GetRole of a missing role against its path-less ARN, which the policy does not grant.
    String currentName = roleNameOf(input.currentRoleArn());
    if (plan.roleName().equalsIgnoreCase(currentName)
        || RoleNames.legacyForUser(request.userProfileName()).equalsIgnoreCase(currentName)) {
      // The profile's own spelling of the name: a role made before names were folded may differ
      // in case from the one derived now, and IAM holds one of the two; a role made before names
      // carried the domain ("studio-<user>") stays the profile's role.
      Optional<Role> current = roles.role(currentName);
      if (current.isPresent()) {
        return adopt(input, requestId, plan, current.get());
      }
    }
    try {
      return create(request.userProfileName(), requestId, plan);
    } catch (EntityAlreadyExistsException e) {
      // Created meanwhile, e.g. by a concurrent attempt whose answer was lost.
      return adopt(input, requestId, plan);
    }
  }

  private static LifecycleRequest requireRequest(CreateExecutionRoleInput input) {
    Violations v = new Violations();
    v.require("request", input.request());
    v.throwIfAny();
    v.require("request.userProfileName", input.request().userProfileName());
    v.throwIfAny();
    return input.request();
  }

  private ExecutionRoleResult useExisting(String roleArn) {
    String roleName = RoleNames.fromArn(roleArn);
    Optional<Role> found;
    try {
      found = roles.role(roleName);
    } catch (IamException e) {
      if (!AwsErrorCodes.isAccessDenied(e)) {
        throw e;
      }
      // The template lets this function read only the roles of ExistingExecutionRoleArns, and
      // IAM checks a role that does not exist against its path-less ARN: either way, not usable.
      throw new ExecutionRoleUnusable(
          "executionRole.arn: role "
              + roleArn
              + " does not exist, or is not one this stack may use (ExistingExecutionRoleArns)",
          e);
    }
    Role role =
        found.orElseThrow(
            () ->
                new ExecutionRoleUnusable(
                    "executionRole.arn: role " + roleArn + " does not exist"));
    if (!ExecutionRolePolicy.trusts(
        role.assumeRolePolicyDocument(), ExecutionRolePolicy.SAGEMAKER)) {
      throw new ExecutionRoleUnusable(
          "executionRole.arn: the trust policy of role "
              + roleArn
              + " does not allow "
              + ExecutionRolePolicy.SAGEMAKER
              + " to call sts:AssumeRole");
    }
    return new ExecutionRoleResult(role.arn(), role.roleName(), false, false, List.of());
  }

  /** What the role must look like; checked against the allow-list before any IAM call. */
  /**
   * @param additiveOnly the request named no role: an existing one gets what is missing of the
   *     default policies, and keeps its buckets and other policies
   */
  private record Plan(
      String roleName,
      List<String> policyArns,
      List<String> buckets,
      List<String> personalBuckets,
      String userProfileName,
      boolean forecast,
      boolean additiveOnly) {

    /** The same plan for the role as IAM spells it. */
    Plan named(String name) {
      return new Plan(
          name, policyArns, buckets, personalBuckets, userProfileName, forecast, additiveOnly);
    }

    boolean grantsNoS3() {
      return buckets.isEmpty() && personalBuckets.isEmpty();
    }

    String s3Policy(String partition) {
      return ExecutionRolePolicy.s3AccessPolicy(
          partition, buckets, personalBuckets, userProfileName);
    }

    List<String> s3Description() {
      return ExecutionRolePolicy.s3Buckets(s3Policy("aws"));
    }
  }

  private Plan plan(LifecycleRequest request, RoleCreation create, boolean additiveOnly) {
    Violations v = new Violations();
    Set<String> policies = new LinkedHashSet<>(settings.defaultPolicyArns());
    List<String> requested = create.managedPolicyArns();
    for (int i = 0; i < requested.size(); i++) {
      if (!settings.allows(requested.get(i))) {
        v.add(
            "executionRole.create.managedPolicyArns[" + i + "]",
            requested.get(i)
                + " is not on the allow-list ("
                + FunctionEnvironment.ALLOWED_POLICY_ARNS
                + ")");
      }
      policies.add(requested.get(i));
    }
    CanvasSettings canvas = request.canvas();
    boolean forecast = false;
    if (canvas != null && canvas.wantsBasePermissions()) {
      for (String name : List.of(CANVAS_FULL_ACCESS, CANVAS_AI_SERVICES)) {
        policies.add(allowedAwsPolicy(v, "canvas.basePermissions", name));
      }
    }
    if (canvas != null
        && canvas.wantsForecasting()
        && canvas.timeSeriesForecasting().roleArn() == null) {
      forecast = true;
      policies.add(allowedAwsPolicy(v, "canvas.timeSeriesForecasting", CANVAS_FORECAST));
    }
    v.throwIfAny();
    return new Plan(
        RoleNames.forUser(request.userProfileName(), request.domainId()),
        List.copyOf(policies),
        create.s3Buckets(),
        create.s3PersonalBuckets(),
        request.userProfileName(),
        forecast,
        additiveOnly);
  }

  private String allowedAwsPolicy(Violations v, String field, String name) {
    String arn = "arn:" + settings.partition() + ":iam::aws:policy/" + name;
    if (!settings.allows(arn)) {
      v.add(
          field,
          "needs "
              + arn
              + ", which is not on the allow-list ("
              + FunctionEnvironment.ALLOWED_POLICY_ARNS
              + ")");
    }
    return arn;
  }

  private ExecutionRoleResult create(String user, String requestId, Plan plan) {
    Role role =
        iam.createRole(
                CreateRoleRequest.builder()
                    .roleName(plan.roleName())
                    .path(settings.rolePath())
                    .assumeRolePolicyDocument(
                        ExecutionRolePolicy.trustPolicy(settings.accountId(), plan.forecast()))
                    .permissionsBoundary(settings.permissionsBoundaryArn())
                    .description("SageMaker Studio execution role of user profile " + user)
                    .tags(
                        tag(ManagedTags.MANAGED_BY, ManagedTags.MANAGED_BY_VALUE),
                        tag(ManagedTags.REQUEST_ID, requestId),
                        tag(ManagedTags.USER_PROFILE, user))
                    .build())
            .role();
    for (String policyArn : plan.policyArns()) {
      attach(plan.roleName(), policyArn);
    }
    putS3Policy(plan);
    return new ExecutionRoleResult(role.arn(), role.roleName(), true, false, plan.policyArns());
  }

  private ExecutionRoleResult adopt(CreateExecutionRoleInput input, String requestId, Plan plan) {
    String name = plan.roleName();
    Role role =
        roles
            .role(name)
            .orElseThrow(
                () ->
                    new ExecutionRoleConflict(
                        "executionRole: IAM reported role "
                            + name
                            + " as existing, but it cannot be read"));
    return adopt(input, requestId, plan, role);
  }

  private ExecutionRoleResult adopt(
      CreateExecutionRoleInput input, String requestId, Plan wanted, Role role) {
    String user = input.request().userProfileName();
    Plan plan = wanted.named(role.roleName());
    String name = plan.roleName();
    Map<String, String> tags = roles.tags(name);
    if (!ManagedTags.isManaged(tags)
        || !ProfileNames.same(user, tags.get(ManagedTags.USER_PROFILE))
        || !settings.rolePath().equals(role.path())) {
      throw new ExecutionRoleConflict(
          "executionRole: role "
              + name
              + " already exists and was not created by studio-lifecycle for user profile "
              + user);
    }
    List<String> changes = new ArrayList<>();
    convergeBoundaryAndTrust(plan, role, changes);
    List<String> attached = convergePolicies(plan, changes);
    convergeS3Policy(plan, changes);
    liftRevoke(input, plan.roleName(), changes);
    return new ExecutionRoleResult(
        role.arn(),
        role.roleName(),
        ManagedTags.createdFor(tags, requestId),
        true,
        attached,
        changes);
  }

  /** The boundary and the trust policy a role of ours must have, put back when they drifted. */
  private void convergeBoundaryAndTrust(Plan plan, Role role, List<String> changes) {
    String name = plan.roleName();
    String boundary =
        role.permissionsBoundary() == null
            ? null
            : role.permissionsBoundary().permissionsBoundaryArn();
    if (!settings.permissionsBoundaryArn().equals(boundary)) {
      changes.add(
          "permissions boundary: "
              + (boundary == null ? "(none)" : boundary)
              + " -> "
              + settings.permissionsBoundaryArn());
      iam.putRolePermissionsBoundary(
          PutRolePermissionsBoundaryRequest.builder()
              .roleName(name)
              .permissionsBoundary(settings.permissionsBoundaryArn())
              .build());
    }
    String trust = role.assumeRolePolicyDocument();
    boolean trustOk =
        ExecutionRolePolicy.trusts(trust, ExecutionRolePolicy.SAGEMAKER)
            && (!plan.forecast() || ExecutionRolePolicy.trusts(trust, ExecutionRolePolicy.FORECAST))
            && ExecutionRolePolicy.trustsOnlySageMakerAndForecastOf(trust, settings.accountId());
    if (!trustOk) {
      changes.add(
          "trust policy: -> "
              + (plan.forecast()
                  ? ExecutionRolePolicy.SAGEMAKER + " and " + ExecutionRolePolicy.FORECAST
                  : ExecutionRolePolicy.SAGEMAKER));
      iam.updateAssumeRolePolicy(
          UpdateAssumeRolePolicyRequest.builder()
              .roleName(name)
              .policyDocument(
                  ExecutionRolePolicy.trustPolicy(settings.accountId(), plan.forecast()))
              .build());
    }
  }

  /** The managed policies as the request says: missing ones attached, others detached. */
  private List<String> convergePolicies(Plan plan, List<String> changes) {
    String name = plan.roleName();
    List<String> attached = new ArrayList<>(roles.attachedPolicyArns(name));
    for (String policyArn : plan.policyArns()) {
      if (!attached.contains(policyArn)) {
        attach(name, policyArn);
        attached.add(policyArn);
        changes.add("managed policy " + policyArn + ": detached -> attached");
      }
    }
    if (plan.additiveOnly()) {
      return attached;
    }
    // The role is this workflow's (tagged, on its path, under the boundary that stops users
    // changing it): a policy the request no longer asks for was attached by an earlier request.
    for (String policyArn : List.copyOf(attached)) {
      if (!plan.policyArns().contains(policyArn)) {
        iam.detachRolePolicy(
            DetachRolePolicyRequest.builder().roleName(name).policyArn(policyArn).build());
        attached.remove(policyArn);
        changes.add("managed policy " + policyArn + ": attached -> detached");
      }
    }
    return attached;
  }

  /**
   * A role an offboarding denied (its retention not over) is onboarded again: the deny goes, as a
   * RESTORE would lift it ({@link AccessRevoker#REVOKE_POLICY_NAME}).
   */
  private void liftRevoke(CreateExecutionRoleInput input, String roleName, List<String> changes) {
    if (roles.inlinePolicy(roleName, AccessRevoker.REVOKE_POLICY_NAME).isPresent()) {
      guard.beforeGivingBack(
          input.correlation() == null ? null : input.correlation().executionArn(),
          input.request().domainId(),
          input.request().userProfileName());
      iam.deleteRolePolicy(
          DeleteRolePolicyRequest.builder()
              .roleName(roleName)
              .policyName(AccessRevoker.REVOKE_POLICY_NAME)
              .build());
      changes.add("access: revoked by an offboarding -> given back");
    }
  }

  /** The S3 policy as the request's buckets say: put, replaced, or deleted when there are none. */
  private void convergeS3Policy(Plan plan, List<String> changes) {
    if (plan.additiveOnly()) {
      return;
    }
    String name = plan.roleName();
    Optional<String> current = roles.inlinePolicy(name, ExecutionRolePolicy.S3_POLICY_NAME);
    List<String> before = current.map(ExecutionRolePolicy::s3Buckets).orElse(List.of());
    if (plan.grantsNoS3()) {
      if (current.isPresent()) {
        iam.deleteRolePolicy(
            DeleteRolePolicyRequest.builder()
                .roleName(name)
                .policyName(ExecutionRolePolicy.S3_POLICY_NAME)
                .build());
        changes.add("S3 buckets: " + String.join(", ", before) + " -> (none)");
      }
      return;
    }
    if (!ExecutionRolePolicy.sameDocument(
        current.orElse(null), plan.s3Policy(settings.partition()))) {
      putS3Policy(plan);
      changes.add(
          "S3 buckets: "
              + (before.isEmpty() ? "(none)" : String.join(", ", before))
              + " -> "
              + String.join(", ", plan.s3Description()));
    }
  }

  private static String roleNameOf(String roleArn) {
    return roleArn == null || roleArn.isBlank() ? null : RoleNames.fromArn(roleArn);
  }

  private void attach(String roleName, String policyArn) {
    iam.attachRolePolicy(
        AttachRolePolicyRequest.builder().roleName(roleName).policyArn(policyArn).build());
  }

  private void putS3Policy(Plan plan) {
    if (plan.grantsNoS3()) {
      return;
    }
    iam.putRolePolicy(
        PutRolePolicyRequest.builder()
            .roleName(plan.roleName())
            .policyName(ExecutionRolePolicy.S3_POLICY_NAME)
            .policyDocument(plan.s3Policy(settings.partition()))
            .build());
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}

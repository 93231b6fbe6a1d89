package dev.studiolifecycle.validation;

import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.CanvasSettings;
import dev.studiolifecycle.model.ExecutionRoleRequest;
import dev.studiolifecycle.model.IdleShutdown;
import dev.studiolifecycle.model.JupyterLabSettings;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.RoleCreation;
import dev.studiolifecycle.model.SpaceStorage;
import dev.studiolifecycle.model.TimeSeriesForecasting;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.AppInstanceType;

/**
 * The value rules of a request that has the schema's shape: SageMaker name and id patterns, ARN
 * shapes, tag and bucket rules, and the rules that tie fields to the action. Rules that depend on
 * the domain (IAM Identity Center or not) are checked once the domain is known.
 */
public final class RequestRules {

  /**
   * SageMaker takes at most 50 tags on a profile (API reference, Tag); the workflow may keep {@link
   * ManagedTags#MOST_ON_A_PROFILE} of its own there.
   */
  public static final int MAX_REQUEST_TAGS = 50 - ManagedTags.MOST_ON_A_PROFILE;

  /** Keeps the inline S3 policy well inside IAM's 10,240-character limit per role. */
  public static final int MAX_BUCKETS = 25;

  /** IAM's default quota of managed policies per role. */
  public static final int MAX_MANAGED_POLICIES = 10;

  private static final int MAX_REQUEST_ID = 128;

  private RequestRules() {}

  /** Every rule {@code request} breaks, as {@code field: rule}; empty when it is valid. */
  public static List<String> violations(LifecycleRequest request) {
    Violations v = new Violations();
    check(request, v);
    return v.list();
  }

  /** Adds every rule {@code request} breaks to {@code v}. */
  public static void check(LifecycleRequest request, Violations v) {
    v.require("action", request.action());
    if (request.action() != Action.OFFBOARD && request.action() != Action.RESTORE) {
      // An OFFBOARD (RESTORE) without one offboards (restores) the person in every domain the
      // stack serves.
      v.require("domainId", request.domainId());
    }
    if (request.identityCenterUserId() != null) {
      // The identity source names the person by id; Validate finds the profiles tagged with it.
      if (request.action() != null && request.action() != Action.OFFBOARD) {
        v.add("identityCenterUserId", "only allowed when action is OFFBOARD");
      }
      v.check(
          "identityCenterUserId",
          FieldRules.fullMatch(FieldRules.IDENTITY_CENTER_USER_ID, request.identityCenterUserId()));
    } else {
      v.require("userProfileName", request.userProfileName());
    }
    if (request.domainId() != null) {
      v.check("domainId", FieldRules.fullMatch(FieldRules.DOMAIN_ID, request.domainId()));
    }
    if (request.userProfileName() != null) {
      v.check("userProfileName", FieldRules.fullMatch(FieldRules.NAME, request.userProfileName()));
    }
    if (request.requestId() != null) {
      v.check(
          "requestId",
          FieldRules.length(request.requestId(), 1, MAX_REQUEST_ID)
              .or(() -> FieldRules.fullMatch(FieldRules.TAG_CHARACTERS, request.requestId())));
    }
    if (request.email() != null) {
      v.check("email", FieldRules.email(request.email()));
    }
    if (request.ssoUserName() != null) {
      v.check("ssoUserName", FieldRules.userName(request.ssoUserName()));
    }
    if (request.occurredAt() != null) {
      v.check("occurredAt", FieldRules.timestamp(request.occurredAt()));
    }
    if (request.team() != null) {
      v.check("team", FieldRules.fullMatch(FieldRules.TEAM, request.team()));
    }
    settings(request, v);
  }

  /**
   * The settings: only an ONBOARD or UPDATE carries them (each checked), only an OFFBOARD its
   * offboarding options.
   */
  private static void settings(LifecycleRequest request, Violations v) {
    if (request.action() != null && !request.action().carriesSettings()) {
      if (request.action() == Action.RESTORE && request.offboarding() != null) {
        v.add("offboarding", "only allowed when action is OFFBOARD");
      }
      onboardingOnly(v, "executionRole", request.executionRole());
      onboardingOnly(v, "tags", request.tags());
      onboardingOnly(v, "jupyterLab", request.jupyterLab());
      onboardingOnly(v, "idleShutdown", request.idleShutdown());
      onboardingOnly(v, "spaceStorage", request.spaceStorage());
      onboardingOnly(v, "hiddenInstanceTypes", request.hiddenInstanceTypes());
      onboardingOnly(v, "jumpStart", request.jumpStart());
      onboardingOnly(v, "projects", request.projects());
      onboardingOnly(v, "rstudio", request.rstudio());
      onboardingOnly(v, "canvas", request.canvas());
      onboardingOnly(v, "adopt", request.adopt());
      onboardingOnly(v, "team", request.team());
    } else if (request.action() != null && request.action().carriesSettings()) {
      if (request.offboarding() != null) {
        v.add("offboarding", "only allowed when action is OFFBOARD");
      }
      executionRole(v, request.executionRole());
      tags(v, request.tagsOrEmpty());
      jupyterLab(v, request.jupyterLab());
      idleShutdown(v, request.idleShutdown());
      spaceStorage(v, request.spaceStorage());
      hiddenInstanceTypes(v, request.hiddenInstanceTypes());
      canvas(v, request.canvas(), request.executionRole());
    }
  }

  private static void onboardingOnly(Violations v, String field, Object value) {
    if (value != null) {
      v.add(field, "only allowed when action is ONBOARD or UPDATE");
    }
  }

  private static void executionRole(Violations v, ExecutionRoleRequest role) {
    if (role == null) {
      return;
    }
    if ((role.arn() == null) == (role.create() == null)) {
      v.add("executionRole", "must have exactly one of arn or create");
    }
    if (role.arn() != null) {
      v.check("executionRole.arn", roleArn(role.arn()));
    }
    RoleCreation create = role.create();
    if (create == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    buckets(v, "executionRole.create.s3Buckets", create.s3Buckets(), seen);
    buckets(v, "executionRole.create.s3PersonalBuckets", create.s3PersonalBuckets(), seen);
    List<String> policies = create.managedPolicyArns();
    if (policies.size() > MAX_MANAGED_POLICIES) {
      v.add(
          "executionRole.create.managedPolicyArns",
          "must list at most " + MAX_MANAGED_POLICIES + " policies");
    }
    for (int i = 0; i < policies.size(); i++) {
      v.check(
          "executionRole.create.managedPolicyArns[" + i + "]",
          FieldRules.fullMatch(FieldRules.POLICY_ARN, policies.get(i)));
    }
  }

  /**
   * Bucket names, each once across both lists (a bucket is shared or personal, not both), and at
   * most {@link #MAX_BUCKETS} in each.
   */
  private static void buckets(Violations v, String name, List<String> buckets, Set<String> seen) {
    if (buckets.size() > MAX_BUCKETS) {
      v.add(name, "must list at most " + MAX_BUCKETS + " buckets");
    }
    for (int i = 0; i < buckets.size(); i++) {
      String field = name + "[" + i + "]";
      v.check(field, FieldRules.bucketName(buckets.get(i)));
      if (!seen.add(buckets.get(i))) {
        v.add(field, "duplicate bucket " + buckets.get(i));
      }
    }
  }

  private static Optional<String> roleArn(String arn) {
    return FieldRules.length(arn, 20, 2048)
        .or(() -> FieldRules.fullMatch(FieldRules.ROLE_ARN, arn));
  }

  private static void tags(Violations v, Map<String, String> tags) {
    if (tags.size() > MAX_REQUEST_TAGS) {
      v.add(
          "tags",
          "must have at most "
              + MAX_REQUEST_TAGS
              + " entries (SageMaker allows 50; the workflow keeps up to "
              + ManagedTags.MOST_ON_A_PROFILE
              + " of its own)");
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      String field = "tags[\"" + key + "\"]";
      v.check(field + " key", FieldRules.tagKey(key));
      if (ManagedTags.isReserved(key)) {
        v.add(field + " key", "is reserved for this workflow's own tags");
      }
      v.check(field, FieldRules.tagValue(tag.getValue()));
    }
  }

  private static void jupyterLab(Violations v, JupyterLabSettings jupyterLab) {
    if (jupyterLab == null) {
      return;
    }
    if (jupyterLab.imageArn() != null) {
      v.check(
          "jupyterLab.imageArn",
          FieldRules.length(jupyterLab.imageArn(), 1, 256)
              .or(() -> FieldRules.fullMatch(FieldRules.IMAGE_ARN, jupyterLab.imageArn())));
    }
    if (jupyterLab.instanceType() != null) {
      v.check(
          "jupyterLab.instanceType",
          FieldRules.fullMatch(FieldRules.INSTANCE_TYPE, jupyterLab.instanceType()));
    }
  }

  // IdleSettings' IdleTimeoutInMinutes, MinIdleTimeoutInMinutes and MaxIdleTimeoutInMinutes
  // (SageMaker API reference, IdleSettings): 60 to 525600 each.
  private static final int MIN_IDLE_MINUTES = 60;
  private static final int MAX_IDLE_MINUTES = 525_600;
  // DefaultEbsStorageSettings' sizes (SageMaker API reference): 5 to 16384 GB each.
  private static final int MIN_SPACE_GB = 5;
  private static final int MAX_SPACE_GB = 16_384;

  private static void idleShutdown(Violations v, IdleShutdown idle) {
    if (idle == null) {
      return;
    }
    Integer timeout = idle.idleTimeoutInMinutes();
    Integer min = idle.minIdleTimeoutInMinutes();
    Integer max = idle.maxIdleTimeoutInMinutes();
    between(v, "idleShutdown.idleTimeoutInMinutes", timeout, MIN_IDLE_MINUTES, MAX_IDLE_MINUTES);
    between(v, "idleShutdown.minIdleTimeoutInMinutes", min, MIN_IDLE_MINUTES, MAX_IDLE_MINUTES);
    between(v, "idleShutdown.maxIdleTimeoutInMinutes", max, MIN_IDLE_MINUTES, MAX_IDLE_MINUTES);
    if (timeout != null && min != null && min > timeout) {
      v.add("idleShutdown.minIdleTimeoutInMinutes", "must not be above idleTimeoutInMinutes");
    }
    if (timeout != null && max != null && max < timeout) {
      v.add("idleShutdown.maxIdleTimeoutInMinutes", "must not be below idleTimeoutInMinutes");
    }
    if (min != null && max != null && min > max) {
      v.add("idleShutdown.minIdleTimeoutInMinutes", "must not be above maxIdleTimeoutInMinutes");
    }
  }

  private static void spaceStorage(Violations v, SpaceStorage storage) {
    if (storage == null) {
      return;
    }
    between(
        v, "spaceStorage.defaultSizeInGb", storage.defaultSizeInGb(), MIN_SPACE_GB, MAX_SPACE_GB);
    between(
        v, "spaceStorage.maximumSizeInGb", storage.maximumSizeInGb(), MIN_SPACE_GB, MAX_SPACE_GB);
    if (storage.defaultSizeInGb() != null
        && storage.maximumSizeInGb() != null
        && storage.defaultSizeInGb() > storage.maximumSizeInGb()) {
      v.add("spaceStorage.defaultSizeInGb", "must not be above maximumSizeInGb");
    }
  }

  private static void hiddenInstanceTypes(Violations v, List<String> types) {
    if (types == null) {
      return;
    }
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      // HiddenInstanceTypes is a list of AppInstanceType (SageMaker API model): a value outside
      // the enum is refused here, before the profile step would meet SageMaker's refusal.
      if (type == null
          || AppInstanceType.fromValue(type) == AppInstanceType.UNKNOWN_TO_SDK_VERSION) {
        v.add("hiddenInstanceTypes[" + i + "]", "must be an app instance type SageMaker knows");
      }
    }
    if (types.size() != new HashSet<>(types).size()) {
      v.add("hiddenInstanceTypes", "must not name a type twice");
    }
  }

  private static void between(Violations v, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      v.add(field, "must be between " + min + " and " + max);
    }
  }

  private static void canvas(Violations v, CanvasSettings canvas, ExecutionRoleRequest role) {
    if (canvas == null) {
      return;
    }
    boolean existingRole = role != null && role.usesExistingRole();
    if (canvas.wantsBasePermissions() && existingRole) {
      v.add(
          "canvas.basePermissions",
          "needs executionRole.create (policies are only attached to roles this workflow creates)");
    }
    TimeSeriesForecasting forecasting = canvas.timeSeriesForecasting();
    if (forecasting == null) {
      return;
    }
    if (forecasting.roleArn() != null) {
      if (!forecasting.switchedOn()) {
        v.add("canvas.timeSeriesForecasting.roleArn", "only allowed when enabled is true");
      }
      v.check("canvas.timeSeriesForecasting.roleArn", roleArn(forecasting.roleArn()));
    } else if (forecasting.switchedOn() && existingRole) {
      v.add(
          "canvas.timeSeriesForecasting.roleArn",
          "is required when executionRole.arn names an existing role"
              + " (only a role this workflow creates gets the forecast policy)");
    }
  }
}

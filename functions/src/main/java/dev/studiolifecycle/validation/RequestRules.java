package dev.studiolifecycle.validation;

import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.CanvasSettings;
import dev.studiolifecycle.model.ExecutionRoleRequest;
import dev.studiolifecycle.model.JupyterLabSettings;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.RoleCreation;
import dev.studiolifecycle.model.TimeSeriesForecasting;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value rules of a request that has the schema's shape: SageMaker name and id patterns, ARN
 * shapes, tag and bucket rules, and the rules that tie fields to the action. Rules that depend on
 * the domain (IAM Identity Center or not) are checked once the domain is known.
 */
public final class RequestRules {

  /** SageMaker takes at most 50 tags; the workflow adds managed-by and request-id. */
  public static final int MAX_REQUEST_TAGS = 50 - 2;

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
    v.require("domainId", request.domainId());
    v.require("userProfileName", request.userProfileName());
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
    if (request.team() != null) {
      v.check("team", FieldRules.fullMatch(FieldRules.TEAM, request.team()));
    }
    if (request.action() != null && !request.action().carriesSettings()) {
      if (request.action() == Action.RESTORE && request.offboarding() != null) {
        v.add("offboarding", "only allowed when action is OFFBOARD");
      }
      onboardingOnly(v, "executionRole", request.executionRole());
      onboardingOnly(v, "tags", request.tags());
      onboardingOnly(v, "jupyterLab", request.jupyterLab());
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
    List<String> buckets = create.s3Buckets();
    if (buckets.size() > MAX_BUCKETS) {
      v.add("executionRole.create.s3Buckets", "must list at most " + MAX_BUCKETS + " buckets");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < buckets.size(); i++) {
      String field = "executionRole.create.s3Buckets[" + i + "]";
      v.check(field, FieldRules.bucketName(buckets.get(i)));
      if (!seen.add(buckets.get(i))) {
        v.add(field, "duplicate bucket " + buckets.get(i));
      }
    }
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
              + " entries (SageMaker allows 50; the workflow adds 2)");
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

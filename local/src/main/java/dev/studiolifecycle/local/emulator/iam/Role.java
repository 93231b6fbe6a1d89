package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An IAM role (state guarded by {@link IamService}). */
final class Role {

  final String name;
  final String path;
  final String roleId;
  final String arn;
  final Instant createDate;
  String assumeRolePolicyDocument;
  JsonNode trustPolicy;
  final String description;
  final int maxSessionDuration;
  String permissionsBoundaryArn;

  /**
   * The trust policy before the last UpdateAssumeRolePolicy, and when that update happened: until
   * the change has propagated, services still see the previous policy. Null when never updated.
   */
  JsonNode previousTrustPolicy;

  Instant trustChangedAt;

  /** Created through the API (subject to the propagation delay) rather than seeded. */
  final boolean createdThroughApi;

  final Map<String, String> tags = new LinkedHashMap<>();
  final List<String> attachedPolicyArns = new ArrayList<>();
  final Map<String, String> inlinePolicies = new LinkedHashMap<>();

  Role(
      String name,
      String path,
      String roleId,
      String arn,
      Instant createDate,
      String assumeRolePolicyDocument,
      JsonNode trustPolicy,
      String description,
      int maxSessionDuration,
      String permissionsBoundaryArn,
      boolean createdThroughApi) {
    this.name = name;
    this.path = path;
    this.roleId = roleId;
    this.arn = arn;
    this.createDate = createDate;
    this.assumeRolePolicyDocument = assumeRolePolicyDocument;
    this.trustPolicy = trustPolicy;
    this.description = description;
    this.maxSessionDuration = maxSessionDuration;
    this.permissionsBoundaryArn = permissionsBoundaryArn;
    this.createdThroughApi = createdThroughApi;
  }
}

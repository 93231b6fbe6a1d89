package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A Studio app of a user profile or of a space (state guarded by {@link SageMakerService}). Exactly
 * one of {@code userProfileName} and {@code spaceName} is set.
 */
final class App {

  private final String domainId;
  private final String userProfileName;
  private final String spaceName;
  private final String appType;
  private final String appName;
  final JsonNode resourceSpec;
  final Instant creationTime;
  final StatusTimeline<AppStatus> timeline;

  /** The seeded or default behaviour; fault rules are applied on top when events happen. */
  final AppBehaviour baseBehaviour;

  String failureReason;

  App(
      String domainId,
      String userProfileName,
      String spaceName,
      String appType,
      String appName,
      JsonNode resourceSpec,
      Instant creationTime,
      StatusTimeline<AppStatus> timeline,
      AppBehaviour baseBehaviour) {
    this.domainId = domainId;
    this.userProfileName = userProfileName;
    this.spaceName = spaceName;
    this.appType = appType;
    this.appName = appName;
    this.resourceSpec = resourceSpec;
    this.creationTime = creationTime;
    this.timeline = timeline;
    this.baseBehaviour = baseBehaviour;
  }

  String domainId() {
    return domainId;
  }

  String userProfileName() {
    return userProfileName;
  }

  String spaceName() {
    return spaceName;
  }

  String appType() {
    return appType;
  }

  String appName() {
    return appName;
  }

  String owner() {
    return userProfileName != null ? userProfileName : spaceName;
  }

  String arn() {
    return SageMakerArns.app(domainId, owner(), appType, appName);
  }

  AppStatus status() {
    return timeline.status();
  }

  /** The key that makes an app unique: domain, owner kind and name, type, name. */
  static String key(
      String domainId, String userProfileName, String spaceName, String appType, String appName) {
    String owner = userProfileName != null ? "user:" + userProfileName : "space:" + spaceName;
    return domainId + "|" + owner + "|" + appType + "|" + appName;
  }

  String key() {
    return key(domainId, userProfileName, spaceName, appType, appName);
  }
}

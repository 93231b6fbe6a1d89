package dev.studiolifecycle.local.emulator.sagemaker;

import java.time.Instant;
import java.util.Map;

/**
 * An app that exists before the simulation starts, in a user profile or a space (exactly one of
 * {@code userProfileName} and {@code spaceName}).
 *
 * @param instanceType its ResourceSpec.InstanceType, or null for the app type's default
 * @param behaviour how it starts and deletes, or null for the service-wide timings
 * @param creationTime when it was created, or null for the clock's now
 */
public record AppSeed(
    String domainId,
    String userProfileName,
    String spaceName,
    String appType,
    String appName,
    AppStatus status,
    String instanceType,
    AppBehaviour behaviour,
    Instant creationTime,
    Map<String, String> tags) {

  public AppSeed {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static AppSeed ofUserProfile(
      String domainId, String userProfileName, String appType, String appName, AppStatus status) {
    return new AppSeed(
        domainId, userProfileName, null, appType, appName, status, null, null, null, Map.of());
  }

  public static AppSeed ofSpace(
      String domainId, String spaceName, String appType, String appName, AppStatus status) {
    return new AppSeed(
        domainId, null, spaceName, appType, appName, status, null, null, null, Map.of());
  }

  public AppSeed withBehaviour(AppBehaviour value) {
    return new AppSeed(
        domainId,
        userProfileName,
        spaceName,
        appType,
        appName,
        status,
        instanceType,
        value,
        creationTime,
        tags);
  }
}

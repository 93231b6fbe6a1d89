package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A space that exists before the simulation starts.
 *
 * @param ownerUserProfileName the owner (required for Private spaces), or null
 * @param sharingType {@code Private} or {@code Shared}, or null for a space without sharing
 *     settings
 * @param spaceSettings its SpaceSettings, or null
 */
public record SpaceSeed(
    String domainId,
    String spaceName,
    String ownerUserProfileName,
    String sharingType,
    ResourceStatus status,
    JsonNode spaceSettings,
    Map<String, String> tags) {

  public SpaceSeed {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static SpaceSeed privateSpace(String domainId, String spaceName, String owner) {
    return new SpaceSeed(
        domainId, spaceName, owner, "Private", ResourceStatus.IN_SERVICE, null, Map.of());
  }

  public static SpaceSeed sharedSpace(String domainId, String spaceName, String owner) {
    return new SpaceSeed(
        domainId, spaceName, owner, "Shared", ResourceStatus.IN_SERVICE, null, Map.of());
  }

  public SpaceSeed withStatus(ResourceStatus value) {
    return new SpaceSeed(
        domainId, spaceName, ownerUserProfileName, sharingType, value, spaceSettings, tags);
  }
}

package dev.studiolifecycle.local.emulator.sagemaker;

import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.pendingUntil;
import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.profileKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SageMaker's space calls: Create, Describe, List and DeleteSpace, private to an owner or shared
 * (state guarded by {@link SageMakerService}).
 */
record SpaceOperations(StudioResources resources) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  ServiceReply createSpace(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "SpaceName");
    JsonInput settings = input.optionalObject("SpaceSettings");
    JsonInput ownership = input.optionalObject("OwnershipSettings");
    String owner =
        ownership == null
            ? null
            : resources.profileName(
                domainId, SageMakerConstraints.requiredName(ownership, "OwnerUserProfileName"));
    JsonInput sharing = input.optionalObject("SpaceSharingSettings");
    String sharingType =
        sharing == null
            ? null
            : sharing.requiredEnum("SharingType", SageMakerConstraints.SHARING_TYPES);
    String displayName =
        input.optionalString("SpaceDisplayName", SageMakerConstraints.DISPLAY_NAME, 64);
    Map<String, String> tags = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    Domain domain = resources.domain(domainId);
    if (resources.spaces.containsKey(profileKey(domainId, name))) {
      throw SageMakerErrors.IN_USE.because(
          "Space " + SageMakerArns.space(domainId, name) + " already exists.");
    }
    if ((owner == null) != (sharingType == null)) {
      throw SageMakerErrors.validation(
          "OwnershipSettings and SpaceSharingSettings must be specified together.");
    }
    if (owner != null) {
      UserProfile profile = resources.profile(domainId, owner);
      if (profile.status() == ResourceStatus.DELETING) {
        throw SageMakerErrors.IN_USE.because(
            "User profile " + profile.arn() + " is being deleted.");
      }
    }
    StatusTimeline<ResourceStatus> timeline =
        pendingUntil(now.plus(resources.timings.spaceReady()), now);
    Space space =
        new Space(
            domainId,
            name,
            domain.nextHomeEfsUid(),
            settings == null ? null : settings.node().deepCopy(),
            owner,
            sharingType,
            displayName,
            now,
            timeline);
    resources.spaces.put(profileKey(domainId, name), space);
    resources.tagsByArn.put(space.arn(), new LinkedHashMap<>(tags));
    return ServiceReply.json("SpaceArn", space.arn());
  }

  /**
   * UpdateSpace: the named space settings replace the space's (UpdateUserProfile's rule), on a
   * space that is InService; the space is Updating for a moment.
   */
  ServiceReply updateSpace(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "SpaceName");
    JsonInput settings = input.optionalObject("SpaceSettings");
    String displayName =
        input.optionalString("SpaceDisplayName", SageMakerConstraints.DISPLAY_NAME, 64);
    input.throwIfInvalid();
    resources.domain(domainId);
    Space space = resources.space(domainId, name);
    StudioResources.requireUpdatable("Space", space.arn(), space.status(), true);
    if (settings != null) {
      space.spaceSettings = StudioResources.merged(space.spaceSettings, settings.node());
    }
    if (displayName != null) {
      space.displayName = displayName;
    }
    resources.updating(space.timeline, now);
    return ServiceReply.json("SpaceArn", space.arn());
  }

  ServiceReply describeSpace(ServiceRequest request, Instant now) {
    Space space = SageMakerConstraints.named(request, "SpaceName", resources::space);
    ObjectNode out = space.describe("Space");
    if (space.spaceSettings != null) {
      out.set("SpaceSettings", space.spaceSettings.deepCopy());
    }
    if (space.ownerUserProfileName != null) {
      out.putObject("OwnershipSettings").put("OwnerUserProfileName", space.ownerUserProfileName);
    }
    if (space.sharingType != null) {
      out.putObject("SpaceSharingSettings").put("SharingType", space.sharingType);
    }
    if (space.displayName != null) {
      out.put("SpaceDisplayName", space.displayName);
    }
    out.put("Url", resources.domain(space.domainId).url() + "/jupyterlab/" + space.name);
    return ServiceReply.json(out);
  }

  ServiceReply listSpaces(ServiceRequest request, Instant now) {
    return ListQuery.listInDomains(
        JsonInput.of(request.input()),
        resources.spaces.values(),
        "SpaceNameContains",
        "Spaces",
        "SpaceName",
        SpaceOperations::putSpaceSummary);
  }

  /** What ListSpaces gives of a space beyond what every domain child's summary has. */
  private static void putSpaceSummary(Space space, ObjectNode item) {
    if (space.spaceSettings != null) {
      ObjectNode summary = item.putObject("SpaceSettingsSummary");
      JsonNode appType = space.spaceSettings.get("AppType");
      if (appType != null) {
        summary.set("AppType", appType.deepCopy());
      }
      JsonNode remoteAccess = space.spaceSettings.get("RemoteAccess");
      if (remoteAccess != null) {
        summary.set("RemoteAccess", remoteAccess.deepCopy());
      }
      JsonNode storage = space.spaceSettings.get("SpaceStorageSettings");
      if (storage != null) {
        summary.set("SpaceStorageSettings", storage.deepCopy());
      }
    }
    if (space.sharingType != null) {
      item.putObject("SpaceSharingSettingsSummary").put("SharingType", space.sharingType);
    }
    if (space.ownerUserProfileName != null) {
      item.putObject("OwnershipSettingsSummary")
          .put("OwnerUserProfileName", space.ownerUserProfileName);
    }
    if (space.displayName != null) {
      item.put("SpaceDisplayName", space.displayName);
    }
  }

  ServiceReply deleteSpace(ServiceRequest request, Instant now) {
    Space space = SageMakerConstraints.named(request, "SpaceName", resources::space);
    if (space.status() == ResourceStatus.DELETING) {
      throw SageMakerErrors.IN_USE.because("Space " + space.arn() + " is already being deleted.");
    }
    resources.requireNoRunningApps(
        "space " + space.arn(),
        app -> app.key.domainId().equals(space.domainId) && space.name.equals(app.key.spaceName()));
    space.timeline.set(ResourceStatus.DELETING, now);
    space.timeline.thenGone(now.plus(resources.timings.spaceDelete()));
    resources.settle(now);
    return ServiceReply.emptyJson();
  }
}

package dev.studiolifecycle.local.emulator.sagemaker;

import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import dev.studiolifecycle.local.emulator.json.Pages;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SageMaker's app calls: Create, Describe, List and DeleteApp, for apps of a user profile or of a
 * space, with the running-app quota (state guarded by {@link SageMakerService}).
 */
record AppOperations(StudioResources resources) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  ServiceReply createApp(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    AppKey key = readAppKey(input);
    JsonInput spec = input.optionalObject("ResourceSpec");
    input.optionalBoolean("RecoveryMode");
    Map<String, String> tags = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    requireOneOwner(key);
    resources.domain(key.domainId());
    JsonNode ownerSettings = readyOwnerSettings(key);
    App existing = resources.apps.get(key);
    if (existing != null
        && existing.status() != AppStatus.DELETED
        && existing.status() != AppStatus.FAILED) {
      throw SageMakerErrors.IN_USE.because(
          "App "
              + existing.arn()
              + " already exists with status "
              + existing.status().wireName()
              + ".");
    }
    ObjectNode resourceSpec =
        spec != null ? (ObjectNode) spec.node().deepCopy() : JSON.objectNode();
    if (!resourceSpec.has("InstanceType")) {
      resourceSpec.put(
          "InstanceType",
          defaultInstanceType(key.appType(), ownerSettings, resources.domain(key.domainId())));
    }
    checkRunningAppQuota(key.appType(), resourceSpec.get("InstanceType").asText());
    App app =
        new App(
            key,
            resourceSpec,
            now,
            new StatusTimeline<>(AppStatus.PENDING, now),
            AppBehaviour.defaults(resources.timings));
    resources.scheduleStart(app, resources.effectiveBehaviour(app), now);
    app.timeline.settle(now);
    resources.apps.put(key, app);
    resources.tagsByArn.put(app.arn(), launchedTags(key, tags));
    return ServiceReply.json("AppArn", app.arn());
  }

  /**
   * An app's tags: its user profile's as they are now, then the request's (API reference, AddTags:
   * tags added to a user profile are also added to the apps it launches afterwards). The reference
   * says the same of a domain's tags; the emulator does not copy those, nor a space's (which it is
   * silent on): a policy that reads an app's tags then sees fewer, and refuses rather than allows.
   */
  private Map<String, String> launchedTags(AppKey key, Map<String, String> requested) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (key.userProfileName() != null) {
      tags.putAll(
          resources.tagsByArn.getOrDefault(
              resources.profile(key.domainId(), key.userProfileName()).arn(), Map.of()));
    }
    tags.putAll(requested);
    return tags;
  }

  /**
   * The settings of the app's owner (its user profile's or its space's), which must be InService (a
   * profile may also be Updating).
   */
  private JsonNode readyOwnerSettings(AppKey key) {
    if (key.userProfileName() != null) {
      UserProfile profile = resources.profile(key.domainId(), key.userProfileName());
      if (profile.status() != ResourceStatus.IN_SERVICE
          && profile.status() != ResourceStatus.UPDATING) {
        throw SageMakerErrors.IN_USE.because(
            "User profile "
                + profile.arn()
                + " is in status "
                + profile.status().wireName()
                + "; apps can be created only for a user profile that is InService.");
      }
      if (profile.studioDisabled()) {
        throw profile.studioDisabledError();
      }
      return profile.userSettings;
    }
    Space space = resources.space(key.domainId(), key.spaceName());
    if (space.status() != ResourceStatus.IN_SERVICE) {
      throw SageMakerErrors.IN_USE.because(
          "Space "
              + space.arn()
              + " is in status "
              + space.status().wireName()
              + "; apps can be created only in a space that is InService.");
    }
    if ("Private".equals(space.sharingType) && space.ownerUserProfileName != null) {
      // Only its owner works in a private space: not while her Studio is disabled.
      UserProfile owner = resources.profile(key.domainId(), space.ownerUserProfileName);
      if (owner.studioDisabled()) {
        throw owner.studioDisabledError();
      }
    }
    return space.spaceSettings;
  }

  private void checkRunningAppQuota(String appType, String instanceType) {
    long running =
        resources.apps.values().stream()
            .filter(app -> app.key.appType().equals(appType))
            .filter(app -> app.status().blocksOwnerDeletion())
            .filter(app -> instanceType.equals(app.resourceSpec.path("InstanceType").asText()))
            .count();
    if (running >= resources.runningAppQuota) {
      throw SageMakerErrors.LIMIT_EXCEEDED.because(
          "The account-level service limit 'Studio "
              + appType
              + " Apps running on "
              + instanceType
              + " instance' is "
              + resources.runningAppQuota
              + " Apps, with current "
              + "utilization of "
              + running
              + " Apps and a request delta of 1 Apps. Please use "
              + "AWS Service Quotas to request an increase for this quota.");
    }
  }

  ServiceReply describeApp(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    AppKey key = readAppKey(input);
    input.throwIfInvalid();
    requireOneOwner(key);
    App app = resources.app(key);
    ObjectNode out = JSON.objectNode();
    out.put("AppArn", app.arn());
    out.put("AppType", app.key.appType());
    out.put("AppName", app.key.appName());
    out.put("DomainId", app.key.domainId());
    if (app.key.userProfileName() != null) {
      out.put("UserProfileName", app.key.userProfileName());
    } else {
      out.put("SpaceName", app.key.spaceName());
    }
    out.put("Status", app.status().wireName());
    if (app.status() == AppStatus.IN_SERVICE) {
      out.set("LastHealthCheckTimestamp", timestamp(now));
      out.set("LastUserActivityTimestamp", timestamp(app.timeline.changedAt()));
    }
    out.set("CreationTime", timestamp(app.creationTime));
    if (app.status() == AppStatus.FAILED && app.failureReason != null) {
      out.put("FailureReason", app.failureReason);
    }
    out.set("ResourceSpec", app.resourceSpec.deepCopy());
    return ServiceReply.json(out);
  }

  ServiceReply listApps(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    ListQuery query = ListQuery.sorted(input, List.of("CreationTime"));
    String domainId = SageMakerConstraints.optionalDomainId(input, "DomainIdEquals");
    String user = SageMakerConstraints.optionalName(input, "UserProfileNameEquals");
    String spaceName = SageMakerConstraints.optionalName(input, "SpaceNameEquals");
    input.throwIfInvalid();
    if (user != null && spaceName != null) {
      throw SageMakerErrors.validation(
          "UserProfileNameEquals and SpaceNameEquals cannot be specified together.");
    }
    Pages.Page<App> page =
        query.page(
            resources.apps.values(),
            app ->
                ListQuery.equalsFilter(domainId, app.key.domainId())
                    && (user == null || user.equalsIgnoreCase(app.key.userProfileName()))
                    && ListQuery.equalsFilter(spaceName, app.key.spaceName()),
            app -> app.creationTime,
            app -> app.timeline.changedAt());
    return ListQuery.reply(
        "Apps",
        page,
        (app, item) -> {
          item.put("DomainId", app.key.domainId());
          if (app.key.userProfileName() != null) {
            item.put("UserProfileName", app.key.userProfileName());
          } else {
            item.put("SpaceName", app.key.spaceName());
          }
          item.put("AppType", app.key.appType());
          item.put("AppName", app.key.appName());
          item.put("Status", app.status().wireName());
          item.set("CreationTime", timestamp(app.creationTime));
          item.set("ResourceSpec", app.resourceSpec.deepCopy());
        });
  }

  ServiceReply deleteApp(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    AppKey key = readAppKey(input);
    input.throwIfInvalid();
    requireOneOwner(key);
    App app = resources.app(key);
    switch (app.status()) {
      case DELETING ->
          throw SageMakerErrors.IN_USE.because("App " + app.arn() + " is already being deleted.");
      case DELETED ->
          throw SageMakerErrors.IN_USE.because("App " + app.arn() + " has already been deleted.");
      case FAILED ->
          throw SageMakerErrors.IN_USE.because(
              "App " + app.arn() + " is in status Failed and cannot be deleted.");
      default -> {
        // Pending and InService apps can be deleted.
      }
    }
    app.timeline.set(AppStatus.DELETING, now);
    resources.scheduleDeletion(app, resources.effectiveBehaviour(app), now);
    app.timeline.settle(now);
    return ServiceReply.emptyJson();
  }

  /** The app a request names; a user profile named in another case is the same profile. */
  private AppKey readAppKey(JsonInput input) {
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String user =
        resources.profileName(
            domainId, SageMakerConstraints.optionalName(input, "UserProfileName"));
    String spaceName = SageMakerConstraints.optionalName(input, "SpaceName");
    String appType = input.requiredEnum("AppType", SageMakerConstraints.APP_TYPES);
    String appName = SageMakerConstraints.requiredName(input, "AppName");
    return new AppKey(domainId, user, spaceName, appType, appName);
  }

  private static void requireOneOwner(AppKey key) {
    if ((key.userProfileName() == null) == (key.spaceName() == null)) {
      throw SageMakerErrors.validation(
          "Exactly one of UserProfileName and SpaceName must be specified.");
    }
  }

  /** The owner's (else the domain's) default ResourceSpec for this app type, else the type's. */
  private static String defaultInstanceType(String appType, JsonNode ownerSettings, Domain domain) {
    String settingsName = appType + "AppSettings";
    for (JsonNode settings : new JsonNode[] {ownerSettings, domain.defaultUserSettings}) {
      if (settings != null) {
        JsonNode type =
            settings.path(settingsName).path("DefaultResourceSpec").path("InstanceType");
        if (type.isTextual()) {
          return type.textValue();
        }
      }
    }
    return StudioResources.defaultInstanceType(appType);
  }
}

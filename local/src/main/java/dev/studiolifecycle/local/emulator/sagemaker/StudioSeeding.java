package dev.studiolifecycle.local.emulator.sagemaker;

import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.profileKey;
import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.userProfileKey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.SeedException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Puts seeded domains, user profiles, spaces and apps into SageMaker, as if they had existed for a
 * while (in the status the seed gives, moving on with the timings): every check of a seed is made
 * here, once, and a mistake is a {@link SeedException} naming the field. State guarded by {@link
 * SageMakerService}.
 */
record StudioSeeding(StudioResources resources) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Adds a domain as if it had existed for a while; returns its id. */
  String domain(DomainSeed seed, Instant now) {
    SeedException.required(seed.domainName(), "domainName");
    SeedException.required(seed.authMode(), "authMode");
    SeedException.require(
        SageMakerConstraints.NAME.matcher(seed.domainName()).matches(),
        "domainName '" + seed.domainName() + "' must match " + SageMakerConstraints.NAME);
    SeedException.require(
        SageMakerConstraints.AUTH_MODES.contains(seed.authMode()),
        "authMode must be IAM or SSO, got '" + seed.authMode() + "'");
    String domainId = seed.domainId() != null ? seed.domainId() : resources.newDomainId();
    SeedException.require(
        SageMakerConstraints.DOMAIN_ID.matcher(domainId).matches(),
        "domainId '" + domainId + "' must match " + SageMakerConstraints.DOMAIN_ID);
    SeedException.require(
        !resources.domains.containsKey(domainId), "domain " + domainId + " is seeded twice");
    Domain domain =
        new Domain(
            domainId,
            seed.domainName(),
            seed.authMode(),
            seed.defaultUserSettings() == null ? null : seed.defaultUserSettings().deepCopy(),
            null,
            null,
            null,
            null,
            "PublicInternetOnly",
            resources.newEfsId(),
            now,
            new StatusTimeline<>(ResourceStatus.IN_SERVICE, now));
    resources.add(domain, seed.tags());
    return domainId;
  }

  void userProfile(UserProfileSeed seed, Instant now) {
    Domain domain =
        checkedChild(
            new Child("user profile", "userProfileName", seed.userProfileName(), seed.domainId()),
            seed.status(),
            resources.profiles,
            StudioResources::userProfileKey);
    boolean sso = domain.usesSso();
    SeedException.require(
        sso == (seed.singleSignOnUserValue() != null),
        sso
            ? "user profile "
                + seed.userProfileName()
                + " of SSO domain "
                + domain.domainId
                + " needs singleSignOnUserValue"
            : "user profile "
                + seed.userProfileName()
                + " of IAM domain "
                + domain.domainId
                + " must not have singleSignOnUserValue");
    SeedException.require(
        !sso || resources.singleSignOn.hasUserNamed(seed.singleSignOnUserValue()),
        "singleSignOnUserValue",
        "'"
            + seed.singleSignOnUserValue()
            + "' is not a user of the Identity Center directory (seed it under identityCenter.users)");
    SeedException.require(
        seed.userSettings() == null || seed.userSettings().isObject(),
        "userSettings of " + seed.userProfileName() + " must be a JSON object");
    StatusTimeline<ResourceStatus> timeline = profileTimeline(seed.status(), now);
    UserProfile profile =
        new UserProfile(
            domain.domainId,
            seed.userProfileName(),
            domain.nextHomeEfsUid(),
            sso ? "UserName" : null,
            seed.singleSignOnUserValue(),
            seed.userSettings() == null ? null : (ObjectNode) seed.userSettings().deepCopy(),
            now,
            timeline);
    profile.deletionFails = seed.deletionFails();
    profile.failureReason =
        seed.failureReason() != null
            ? seed.failureReason()
            : seed.status().isFailure() ? "Seeded in status " + seed.status().wireName() : null;
    resources.profiles.put(userProfileKey(domain.domainId, profile.name), profile);
    resources.tagsByArn.put(profile.arn(), new LinkedHashMap<>(seed.tags()));
  }

  /** A seeded profile's statuses from now: a transient status ends as SageMaker's would. */
  private StatusTimeline<ResourceStatus> profileTimeline(ResourceStatus status, Instant now) {
    StatusTimeline<ResourceStatus> timeline = new StatusTimeline<>(status, now);
    switch (status) {
      case PENDING ->
          timeline.then(ResourceStatus.IN_SERVICE, now.plus(resources.timings.userProfileReady()));
      case UPDATING ->
          timeline.then(ResourceStatus.IN_SERVICE, now.plus(resources.timings.userProfileUpdate()));
      case DELETING -> timeline.thenGone(now.plus(resources.timings.userProfileDelete()));
      default -> {
        // InService and the failed statuses stay as they are.
      }
    }
    return timeline;
  }

  void space(SpaceSeed seed, Instant now) {
    Domain domain =
        checkedChild(
            new Child("space", "spaceName", seed.spaceName(), seed.domainId()),
            seed.status(),
            resources.spaces,
            StudioResources::profileKey);
    if (seed.sharingType() != null) {
      SeedException.require(
          SageMakerConstraints.SHARING_TYPES.contains(seed.sharingType()),
          "sharingType of space " + seed.spaceName() + " must be Private or Shared");
      SeedException.require(
          seed.ownerUserProfileName() != null,
          "space " + seed.spaceName() + " with a sharing type needs an owner");
    }
    if (seed.ownerUserProfileName() != null) {
      SeedException.require(
          resources.profiles.containsKey(
              userProfileKey(domain.domainId, seed.ownerUserProfileName())),
          "owner "
              + seed.ownerUserProfileName()
              + " of space "
              + seed.spaceName()
              + " is not a user profile of domain "
              + domain.domainId
              + " (seed it first)");
    }
    StatusTimeline<ResourceStatus> timeline = new StatusTimeline<>(seed.status(), now);
    if (seed.status() == ResourceStatus.PENDING) {
      timeline.then(ResourceStatus.IN_SERVICE, now.plus(resources.timings.spaceReady()));
    } else if (seed.status() == ResourceStatus.DELETING) {
      timeline.thenGone(now.plus(resources.timings.spaceDelete()));
    }
    Space space =
        new Space(
            domain.domainId,
            seed.spaceName(),
            domain.nextHomeEfsUid(),
            seed.spaceSettings() == null ? null : seed.spaceSettings().deepCopy(),
            resources.profileName(domain.domainId, seed.ownerUserProfileName()),
            seed.sharingType(),
            null,
            now,
            timeline);
    resources.spaces.put(profileKey(domain.domainId, space.name), space);
    resources.tagsByArn.put(space.arn(), new LinkedHashMap<>(seed.tags()));
  }

  void app(AppSeed seed, Instant now) {
    SeedException.required(seed.appType(), "appType");
    SeedException.required(seed.appName(), "appName");
    SeedException.required(seed.status(), "status");
    SeedException.require(
        (seed.userProfileName() == null) != (seed.spaceName() == null),
        "app " + seed.appName() + ": exactly one of userProfileName and spaceName must be set");
    Domain domain = seededDomain(seed.domainId());
    SeedException.require(
        SageMakerConstraints.NAME.matcher(seed.appName()).matches(),
        "appName",
        "'" + seed.appName() + "' must match " + SageMakerConstraints.NAME.pattern());
    SeedException.require(
        SageMakerConstraints.APP_TYPES.contains(seed.appType()),
        "appType '" + seed.appType() + "' must be one of " + SageMakerConstraints.APP_TYPES);
    checkAppOwner(seed, domain);
    // The profile is one whatever the case its name is given in: the app is the profile's.
    String owner = resources.profileName(domain.domainId, seed.userProfileName());
    AppKey key =
        new AppKey(domain.domainId, owner, seed.spaceName(), seed.appType(), seed.appName());
    SeedException.require(
        !resources.apps.containsKey(key), "app " + seed.appName() + " is seeded twice");
    if (seed.instanceType() != null) {
      SeedException.require(
          SageMakerConstraints.INSTANCE_TYPES.contains(seed.instanceType()),
          "instanceType '"
              + seed.instanceType()
              + "' of app "
              + seed.appName()
              + " is not a SageMaker app instance type");
    }
    AppBehaviour base =
        seed.behaviour() != null ? seed.behaviour() : AppBehaviour.defaults(resources.timings);
    Instant created = seed.creationTime() != null ? seed.creationTime() : now;
    ObjectNode resourceSpec = JSON.objectNode();
    resourceSpec.put(
        "InstanceType",
        seed.instanceType() != null
            ? seed.instanceType()
            : StudioResources.defaultInstanceType(seed.appType()));
    App app = new App(key, resourceSpec, created, new StatusTimeline<>(seed.status(), now), base);
    settle(app, seed.status(), now);
    resources.apps.put(key, app);
    resources.tagsByArn.put(app.arn(), new LinkedHashMap<>(seed.tags()));
  }

  /** The app's user profile or space, which must be seeded first. */
  private void checkAppOwner(AppSeed seed, Domain domain) {
    if (seed.userProfileName() != null) {
      SeedException.require(
          resources.profiles.containsKey(userProfileKey(domain.domainId, seed.userProfileName())),
          "app "
              + seed.appName()
              + ": user profile "
              + seed.userProfileName()
              + " is not seeded in domain "
              + domain.domainId);
    } else {
      SeedException.require(
          resources.spaces.containsKey(profileKey(domain.domainId, seed.spaceName())),
          "app "
              + seed.appName()
              + ": space "
              + seed.spaceName()
              + " is not seeded in domain "
              + domain.domainId);
    }
  }

  /** An app seeded in a status that moves on (Pending, Deleting, Deleted) is scheduled to. */
  private void settle(App app, AppStatus status, Instant now) {
    AppBehaviour behaviour = resources.effectiveBehaviour(app);
    switch (status) {
      case PENDING -> resources.scheduleStart(app, behaviour, now);
      case DELETING -> resources.scheduleDeletion(app, behaviour, now);
      case DELETED -> app.timeline.thenGone(now.plus(resources.timings.deletedAppRetention()));
      case FAILED -> app.failureReason = behaviour.failureReason();
      case IN_SERVICE -> {
        // Running; stays so until deleted.
      }
      default -> throw new IllegalStateException("unhandled app status " + status);
    }
  }

  /** A seeded profile or space: its kind, the seed's name field and value, and its domain. */
  private record Child(String kind, String nameField, String name, String domainId) {}

  /**
   * Checks what every seeded profile and space needs (a name of SageMaker's form, a status, a
   * seeded domain, no other of that name there); returns the domain.
   */
  private Domain checkedChild(
      Child child, ResourceStatus status, Map<String, ?> existing, BinaryOperator<String> key) {
    SeedException.required(child.name(), child.nameField());
    SeedException.required(status, "status");
    Domain domain = seededDomain(child.domainId());
    SeedException.require(
        SageMakerConstraints.NAME.matcher(child.name()).matches(),
        child.nameField(),
        "'" + child.name() + "' must match " + SageMakerConstraints.NAME.pattern());
    SeedException.require(
        !existing.containsKey(key.apply(domain.domainId, child.name())),
        child.kind() + " " + child.name() + " is seeded twice");
    return domain;
  }

  private Domain seededDomain(String domainId) {
    SeedException.required(domainId, "domainId");
    Domain domain = resources.domains.get(domainId);
    SeedException.require(domain != null, "domain " + domainId + " is not seeded (seed it first)");
    return domain;
  }
}

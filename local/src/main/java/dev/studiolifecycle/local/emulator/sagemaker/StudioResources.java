package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.IdSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The resources of the emulated SageMaker (domains, user profiles, spaces, apps and their tags),
 * the fault rules and timings, and what every call relies on: lookups that answer ResourceNotFound,
 * status changes that come due, execution roles that must be assumable. State guarded by {@link
 * SageMakerService}, which holds the lock while any of it is read or changed.
 */
final class StudioResources {

  final IdSource ids;
  final RoleAssumption roles;
  final SingleSignOn singleSignOn;
  final Map<String, Domain> domains = new LinkedHashMap<>();
  final Map<String, UserProfile> profiles = new LinkedHashMap<>();
  final Map<String, Space> spaces = new LinkedHashMap<>();
  final Map<AppKey, App> apps = new LinkedHashMap<>();
  final Map<String, Map<String, String>> tagsByArn = new LinkedHashMap<>();
  final List<AppRule> appRules = new ArrayList<>();
  final List<ProfileRule> failingProfileDeletions = new ArrayList<>();
  SageMakerTimings timings;
  int runningAppQuota = 20;

  record AppRule(AppSelector selector, UnaryOperator<AppBehaviour> adjustment) {}

  record ProfileRule(String domainId, String userProfileName) {
    boolean matches(UserProfile profile) {
      return (domainId == null || domainId.equals(profile.domainId))
          && (userProfileName == null || userProfileName.equals(profile.name));
    }
  }

  StudioResources(
      IdSource ids, SageMakerTimings timings, RoleAssumption roles, SingleSignOn singleSignOn) {
    this.ids = ids;
    this.roles = roles;
    this.singleSignOn = singleSignOn;
    this.timings = timings;
  }

  /**
   * Adds a new domain with its tags; an SSO domain gets the application SageMaker manages for it in
   * IAM Identity Center (DescribeDomain's SingleSignOnApplicationArn).
   */
  void add(Domain domain, Map<String, String> tags) {
    if (domain.usesSso()) {
      domain.singleSignOnApplicationArn = singleSignOn.registerStudioApplication(domain.domainId);
    }
    domains.put(domain.domainId, domain);
    tagsByArn.put(domain.arn(), new LinkedHashMap<>(tags));
  }

  /** Applies due status changes and drops the resources that are gone. */
  void settle(Instant now) {
    removeGone(domains.values().iterator(), now, d -> d.timeline, Domain::arn);
    removeGone(profiles.values().iterator(), now, p -> p.timeline, UserProfile::arn);
    removeGone(spaces.values().iterator(), now, s -> s.timeline, Space::arn);
    removeGone(apps.values().iterator(), now, a -> a.timeline, App::arn);
  }

  private <T> void removeGone(
      Iterator<T> items,
      Instant now,
      Function<T, StatusTimeline<?>> timeline,
      Function<T, String> arn) {
    while (items.hasNext()) {
      T item = items.next();
      StatusTimeline<?> line = timeline.apply(item);
      line.settle(now);
      if (line.gone()) {
        tagsByArn.remove(arn.apply(item));
        items.remove();
      }
    }
  }

  /** How the refusal of a role SageMaker cannot assume is worded. */
  AssumeRoleRefusal assumeRoleRefusal = AssumeRoleRefusal.COULD_NOT_ASSUME;

  void requireAssumable(String roleArn) {
    if (roleArn != null && !roles.canAssume(roleArn, SageMakerService.SERVICE_PRINCIPAL)) {
      throw SageMakerErrors.validation(assumeRoleRefusal.message(roleArn));
    }
  }

  Domain domain(String domainId) {
    return found(domains.get(domainId), "Domain " + SageMakerArns.domain(domainId));
  }

  UserProfile profile(String domainId, String name) {
    return found(
        profiles.get(userProfileKey(domainId, name)),
        "User profile " + SageMakerArns.userProfile(domainId, name));
  }

  Space space(String domainId, String name) {
    return found(
        spaces.get(profileKey(domainId, name)), "Space " + SageMakerArns.space(domainId, name));
  }

  App app(AppKey key) {
    return found(apps.get(key), "App " + key.arn());
  }

  /** The resource, or ResourceNotFound naming it ("<kind> <arn>") when there is none. */
  private static <T> T found(T resource, String named) {
    if (resource == null) {
      throw SageMakerErrors.NOT_FOUND.because(named + " does not exist.");
    }
    return resource;
  }

  /**
   * Refuses to delete an owner (user profile or space) while any of its apps is neither Deleted nor
   * Failed, naming them, as SageMaker does.
   */
  void requireNoRunningApps(String owner, Predicate<App> ownedApp) {
    List<String> blockingApps = new ArrayList<>();
    for (App app : apps.values()) {
      if (ownedApp.test(app) && app.status().blocksOwnerDeletion()) {
        blockingApps.add(
            app.key.appType() + "/" + app.key.appName() + " (" + app.status().wireName() + ")");
      }
    }
    if (!blockingApps.isEmpty()) {
      throw SageMakerErrors.IN_USE.because(
          "Unable to delete "
              + owner
              + " because it has apps that are not Deleted or Failed: "
              + String.join(", ", blockingApps)
              + ". Delete the apps first.");
    }
  }

  void scheduleStart(App app, AppBehaviour behaviour, Instant now) {
    Instant ready = now.plus(behaviour.startDuration());
    if (behaviour.failOnCreate()) {
      app.failureReason = behaviour.failureReason();
      app.timeline.then(AppStatus.FAILED, ready);
    } else {
      app.timeline.then(AppStatus.IN_SERVICE, ready);
    }
  }

  void scheduleDeletion(App app, AppBehaviour behaviour, Instant now) {
    Instant done = now.plus(behaviour.deleteDuration());
    switch (behaviour.onDelete()) {
      case DELETED -> {
        app.timeline.then(AppStatus.DELETED, done);
        app.timeline.thenGone(done.plus(timings.deletedAppRetention()));
      }
      case FAILED -> {
        app.failureReason = behaviour.failureReason();
        app.timeline.then(AppStatus.FAILED, done);
      }
      case STUCK_DELETING -> {
        // Nothing scheduled: the app stays Deleting.
      }
      default -> throw new IllegalStateException("unhandled outcome " + behaviour.onDelete());
    }
  }

  AppBehaviour effectiveBehaviour(App app) {
    AppBehaviour behaviour = app.baseBehaviour;
    for (AppRule rule : appRules) {
      if (rule.selector().matches(app)) {
        behaviour = rule.adjustment().apply(behaviour);
      }
    }
    return behaviour;
  }

  String newDomainId() {
    String id;
    do {
      id = "d-" + ids.lowerAlphanumeric(12);
    } while (domains.containsKey(id));
    return id;
  }

  String newEfsId() {
    return "fs-" + ids.hex(17);
  }

  /**
   * Settings after an Update call: SageMaker replaces the members the request names and keeps the
   * others (UpdateUserProfile, UpdateDomain, UpdateSpace).
   */
  static ObjectNode merged(JsonNode current, JsonNode update) {
    ObjectNode merged =
        current == null || !current.isObject()
            ? JsonNodeFactory.instance.objectNode()
            : ((ObjectNode) current).deepCopy();
    update
        .fields()
        .forEachRemaining(field -> merged.set(field.getKey(), field.getValue().deepCopy()));
    return merged;
  }

  /**
   * Refuses an Update call on a resource that is not InService (or UpdateFailed, where {@code
   * afterFailedUpdate}), in SageMaker's ResourceInUse words.
   */
  static void requireUpdatable(
      String kind, String arn, ResourceStatus status, boolean afterFailedUpdate) {
    if (status != ResourceStatus.IN_SERVICE
        && !(afterFailedUpdate && status == ResourceStatus.UPDATE_FAILED)) {
      throw SageMakerErrors.IN_USE.because(
          kind
              + " "
              + arn
              + " is in status "
              + status.wireName()
              + " and can only be updated when InService.");
    }
  }

  /** An updated resource: Updating now, InService again once the update has taken effect. */
  void updating(StatusTimeline<ResourceStatus> timeline, Instant now) {
    timeline.set(ResourceStatus.UPDATING, now);
    timeline.then(ResourceStatus.IN_SERVICE, now.plus(timings.userProfileUpdate()));
    timeline.settle(now);
  }

  /** The key of a space (and, before case folding, of a profile) in its domain. */
  static String profileKey(String domainId, String name) {
    return domainId + "/" + name;
  }

  /**
   * The key of a user profile. SageMaker's API reference, CreateUserProfile and
   * DescribeUserProfile: UserProfileName "is not case sensitive", so Jane-Doe and jane-doe are one
   * profile. (Space and app names carry no such note and are matched as written.)
   */
  static String userProfileKey(String domainId, String name) {
    return domainId + "/" + name.toLowerCase(Locale.ROOT);
  }

  /** The name a profile was created with, for a name in any case; the name itself if none. */
  String profileName(String domainId, String name) {
    if (name == null) {
      return null;
    }
    UserProfile profile = profiles.get(userProfileKey(domainId, name));
    return profile == null ? name : profile.name;
  }

  /** The timeline of a resource created now: Pending, then InService at {@code ready}. */
  static StatusTimeline<ResourceStatus> pendingUntil(Instant ready, Instant now) {
    StatusTimeline<ResourceStatus> timeline = new StatusTimeline<>(ResourceStatus.PENDING, now);
    timeline.then(ResourceStatus.IN_SERVICE, ready);
    timeline.settle(now);
    return timeline;
  }

  static String defaultInstanceType(String appType) {
    return "JupyterServer".equals(appType) ? "system" : "ml.t3.medium";
  }

  /** Timestamps travel as epoch seconds in the JSON protocols. */
  static DecimalNode timestamp(Instant instant) {
    return new DecimalNode(BigDecimal.valueOf(instant.toEpochMilli(), 3));
  }
}

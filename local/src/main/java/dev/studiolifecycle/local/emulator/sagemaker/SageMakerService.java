package dev.studiolifecycle.local.emulator.sagemaker;

import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.profileKey;
import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.userProfileKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.IdSource;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.OperationHandler;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import dev.studiolifecycle.local.emulator.json.ModelShapes;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Amazon SageMaker's Studio APIs (domains, user profiles, apps, spaces, tags) with the service's
 * rules: name patterns, required fields, SSO fields, execution roles that must be assumable,
 * conflicts while apps or spaces remain, and statuses that move with the simulation clock.
 *
 * <p>This class serves the calls one at a time under its lock and offers the Java API (settings,
 * faults, seeding, inspection); the calls themselves are in {@link DomainOperations}, {@link
 * UserProfileOperations}, {@link AppOperations}, {@link SpaceOperations} and {@link TagOperations},
 * over the shared {@link StudioResources}.
 */
public final class SageMakerService extends EmulatedService {

  /** The principal that must be trusted by execution roles. */
  public static final String SERVICE_PRINCIPAL = "sagemaker.amazonaws.com";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * The SageMaker API model's input shapes of the operations served: every request is held to them
   * before it runs, with the rules between members the model cannot hold.
   */
  static final ModelShapes SHAPES =
      ModelShapes.load(
          SageMakerService.class, "model-shapes.json", SageMakerConstraints::betweenMembers);

  private final Clock clock;
  private final StudioResources resources;
  private final StudioSeeding seeding;
  private final List<Operation> operations;
  private final Map<String, Handler> handlers = new LinkedHashMap<>();

  public SageMakerService(
      Clock clock,
      IdSource ids,
      SageMakerTimings timings,
      RoleAssumption roles,
      SingleSignOn singleSignOn) {
    super("sagemaker", new WireProtocol.AwsJson("1.1", "SageMaker"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.resources =
        new StudioResources(
            Objects.requireNonNull(ids, "ids"),
            Objects.requireNonNull(timings, "timings"),
            Objects.requireNonNull(roles, "roles"),
            Objects.requireNonNull(singleSignOn, "singleSignOn"));
    this.seeding = new StudioSeeding(resources);
    DomainOperations domainCalls = new DomainOperations(resources);
    UserProfileOperations profileCalls = new UserProfileOperations(resources);
    AppOperations appCalls = new AppOperations(resources);
    SpaceOperations spaceCalls = new SpaceOperations(resources);
    TagOperations tagCalls = new TagOperations(resources);
    this.operations =
        List.of(
            mutating("CreateDomain", domainCalls::createDomain),
            mutating("UpdateDomain", domainCalls::updateDomain),
            mutating("DeleteDomain", domainCalls::deleteDomain),
            reading("DescribeDomain", domainCalls::describeDomain),
            reading("ListDomains", domainCalls::listDomains),
            mutating("CreateUserProfile", profileCalls::createUserProfile),
            reading("DescribeUserProfile", profileCalls::describeUserProfile),
            reading("ListUserProfiles", profileCalls::listUserProfiles),
            mutating("UpdateUserProfile", profileCalls::updateUserProfile),
            mutating("DeleteUserProfile", profileCalls::deleteUserProfile),
            mutating("CreateApp", appCalls::createApp),
            reading("DescribeApp", appCalls::describeApp),
            reading("ListApps", appCalls::listApps),
            mutating("DeleteApp", appCalls::deleteApp),
            mutating("CreateSpace", spaceCalls::createSpace),
            reading("DescribeSpace", spaceCalls::describeSpace),
            reading("ListSpaces", spaceCalls::listSpaces),
            mutating("UpdateSpace", spaceCalls::updateSpace),
            mutating("DeleteSpace", spaceCalls::deleteSpace),
            reading("CreatePresignedDomainUrl", domainCalls::createPresignedDomainUrl),
            mutating("AddTags", tagCalls::addTags),
            mutating("DeleteTags", tagCalls::deleteTags),
            reading("ListTags", tagCalls::listTags));
  }

  @Override
  public List<Operation> operations() {
    return operations;
  }

  // ---------------------------------------------------------------- settings and faults (Java)

  public synchronized SageMakerTimings timings() {
    return resources.timings;
  }

  /** Changes the durations of changes that start from now on. */
  public synchronized void setTimings(SageMakerTimings value) {
    resources.timings = Objects.requireNonNull(value, "timings");
  }

  /** How many apps of one type may run on one instance type (ResourceLimitExceeded beyond). */
  public synchronized void setRunningAppQuota(int quota) {
    if (quota < 1) {
      throw new IllegalArgumentException("the running app quota must be at least 1, got " + quota);
    }
    resources.runningAppQuota = quota;
  }

  /**
   * Adjusts how the selected apps behave, e.g. {@code AppBehaviour::failingOnCreate} or {@code b ->
   * b.withOnDelete(STUCK_DELETING)}. Applied when an app is created and when it is deleted, so a
   * rule also reaches apps that exist already.
   */
  public synchronized void adjustApps(
      AppSelector selector, UnaryOperator<AppBehaviour> adjustment) {
    resources.appRules.add(
        new StudioResources.AppRule(
            Objects.requireNonNull(selector, "selector"),
            Objects.requireNonNull(adjustment, "adjustment")));
  }

  /**
   * Makes the deletion of matching user profiles end in Delete_Failed (null matches any domain or
   * name). Deleting such a profile again fails again.
   */
  public synchronized void failUserProfileDeletion(String domainId, String userProfileName) {
    resources.failingProfileDeletions.add(
        new StudioResources.ProfileRule(domainId, userProfileName));
  }

  /** Removes the app and user profile fault rules. */
  public synchronized void clearFaults() {
    resources.appRules.clear();
    resources.failingProfileDeletions.clear();
  }

  // ---------------------------------------------------------------- seeding (Java, scenarios)

  /** Adds a domain as if it had existed for a while; returns its id. */
  public synchronized String seedDomain(DomainSeed seed) {
    Instant now = clock.instant();
    resources.settle(now);
    return seeding.domain(seed, now);
  }

  public synchronized void seedUserProfile(UserProfileSeed seed) {
    Instant now = clock.instant();
    resources.settle(now);
    seeding.userProfile(seed, now);
  }

  public synchronized void seedSpace(SpaceSeed seed) {
    Instant now = clock.instant();
    resources.settle(now);
    seeding.space(seed, now);
  }

  public synchronized void seedApp(AppSeed seed) {
    Instant now = clock.instant();
    resources.settle(now);
    seeding.app(seed, now);
  }

  // ---------------------------------------------------------------- users (scenario timelines)

  /**
   * Runs {@code operation} as a Studio user would call it, at time {@code at} (due now or earlier;
   * a scenario timeline's action): the same rules and effects as the API call, without a request to
   * log or faults to inject, since it is not the workflow's call.
   *
   * @throws dev.studiolifecycle.local.emulator.AwsServiceError when SageMaker refuses it (the call
   *     a user would see fail)
   * @throws IllegalArgumentException when SageMaker has no such operation
   */
  public synchronized void perform(String operation, JsonNode input, Instant at) {
    Handler handler = handlers.get(operation);
    if (handler == null) {
      throw new IllegalArgumentException(
          "SageMaker has no operation '" + operation + "'; it serves " + handlers.keySet());
    }
    resources.settle(at);
    handler.handle(
        new ServiceRequest(signingName(), operation, input, resources.ids.uuid(), at, null), at);
  }

  /** The app types SageMaker knows ({@code JupyterServer}, {@code Canvas}, ...). */
  public static List<String> appTypes() {
    return SageMakerConstraints.APP_TYPES;
  }

  /** Whether {@code name} is a valid name of a user profile, space or app. */
  public static boolean isValidName(String name) {
    return name != null
        && name.length() <= SageMakerConstraints.NAME_MAX
        && SageMakerConstraints.NAME.matcher(name).matches();
  }

  /** Whether {@code instanceType} is an instance type SageMaker apps run on. */
  public static boolean isAppInstanceType(String instanceType) {
    return SageMakerConstraints.INSTANCE_TYPES.contains(instanceType);
  }

  // ---------------------------------------------------------------- inspection (Java)

  /**
   * The execution role a user's Studio calls run as: the profile's own ExecutionRole, else the
   * domain's default. Empty when the profile does not exist or neither names a role.
   */
  public synchronized Optional<String> executionRoleOf(String domainId, String userProfileName) {
    UserProfile profile = resources.profiles.get(userProfileKey(domainId, userProfileName));
    Domain domain = resources.domains.get(domainId);
    if (profile == null) {
      return Optional.empty();
    }
    String own =
        profile.userSettings == null
            ? null
            : profile.userSettings.path("ExecutionRole").asText(null);
    if (own != null) {
      return Optional.of(own);
    }
    return domain == null || domain.defaultUserSettings == null
        ? Optional.empty()
        : Optional.ofNullable(domain.defaultUserSettings.path("ExecutionRole").asText(null));
  }

  /** The owner of a space, if the space exists and has one. */
  public synchronized Optional<String> spaceOwner(String domainId, String spaceName) {
    Space space = resources.spaces.get(profileKey(domainId, spaceName));
    return Optional.ofNullable(space == null ? null : space.ownerUserProfileName);
  }

  /** The tags of a domain, profile, space or app by its ARN: empty for one that does not exist. */
  public synchronized Map<String, String> tagsOf(String arn) {
    return Map.copyOf(resources.tagsByArn.getOrDefault(arn, Map.of()));
  }

  /**
   * Who a space belongs to and how it is shared, if the space exists.
   *
   * @param ownerUserProfileName null for a space without an owner
   * @param sharingType {@code Private} or {@code Shared}; null for a space without sharing settings
   */
  public record SpaceOwnership(String ownerUserProfileName, String sharingType) {}

  /** The ownership of a space, if the space exists. */
  public synchronized Optional<SpaceOwnership> spaceOwnership(String domainId, String spaceName) {
    Space space = resources.spaces.get(profileKey(domainId, spaceName));
    return space == null
        ? Optional.empty()
        : Optional.of(new SpaceOwnership(space.ownerUserProfileName, space.sharingType));
  }

  /** A user profile's name as it was created (names are not case sensitive), if it exists. */
  public synchronized Optional<String> userProfileName(String domainId, String userProfileName) {
    UserProfile profile = resources.profiles.get(userProfileKey(domainId, userProfileName));
    return Optional.ofNullable(profile == null ? null : profile.name);
  }

  /** The status of a user profile now, if it exists. */
  public synchronized Optional<ResourceStatus> userProfileStatus(
      String domainId, String userProfileName) {
    resources.settle(clock.instant());
    UserProfile profile = resources.profiles.get(userProfileKey(domainId, userProfileName));
    return Optional.ofNullable(profile == null ? null : profile.status());
  }

  /** The status of an app now, if it exists (Deleted apps exist until their retention ends). */
  public synchronized Optional<AppStatus> appStatus(
      String domainId, String userProfileName, String spaceName, String appType, String appName) {
    resources.settle(clock.instant());
    App app =
        resources.apps.get(new AppKey(domainId, userProfileName, spaceName, appType, appName));
    return Optional.ofNullable(app == null ? null : app.status());
  }

  /** Ids of all domains, in creation order. */
  public synchronized List<String> domainIds() {
    return List.copyOf(resources.domains.keySet());
  }

  // ---------------------------------------------------------------- shared

  private Operation reading(String name, Handler handler) {
    Handler checked = checked(name, handler);
    handlers.put(name, checked);
    return Operation.reading(name, guarded(checked));
  }

  private Operation mutating(String name, Handler handler) {
    Handler checked = checked(name, handler);
    handlers.put(name, checked);
    return Operation.mutating(name, guarded(checked));
  }

  /** The handler, run only on a request that holds to the operation's input shape. */
  private static Handler checked(String name, Handler handler) {
    SHAPES.requireOperation(name);
    return (request, now) -> {
      SHAPES.checkRequest(name, request.input());
      return SHAPES.checkAnswer(name, handler.handle(request, now));
    };
  }

  @FunctionalInterface
  private interface Handler {
    ServiceReply handle(ServiceRequest request, Instant now);
  }

  /** Every call sees the state settled at its clock time, one call at a time. */
  private OperationHandler guarded(Handler handler) {
    return request -> {
      synchronized (this) {
        Instant now = clock.instant();
        resources.settle(now);
        return handler.handle(request, now);
      }
    };
  }

  /** Words the refusal of an execution role SageMaker cannot assume (yet) this way from now on. */
  public synchronized void setAssumeRoleRefusal(AssumeRoleRefusal wording) {
    resources.assumeRoleRefusal = Objects.requireNonNull(wording, "wording");
  }
}

package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.IdSource;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.OperationHandler;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Amazon SageMaker's Studio APIs (domains, user profiles, apps, spaces, tags) with the service's
 * rules: name patterns, required fields, SSO fields, execution roles that must be assumable,
 * conflicts while apps or spaces remain, and statuses that move with the simulation clock.
 */
public final class SageMakerService implements EmulatedService {

  /** The principal that must be trusted by execution roles. */
  public static final String SERVICE_PRINCIPAL = "sagemaker.amazonaws.com";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Clock clock;
  private final IdSource ids;
  private final RoleAssumption roles;
  private final List<Operation> operations;
  private final Map<String, Handler> handlers = new LinkedHashMap<>();

  private final Map<String, Domain> domains = new LinkedHashMap<>();
  private final Map<String, UserProfile> profiles = new LinkedHashMap<>();
  private final Map<String, Space> spaces = new LinkedHashMap<>();
  private final Map<String, App> apps = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> tagsByArn = new LinkedHashMap<>();
  private final List<AppRule> appRules = new ArrayList<>();
  private final List<ProfileRule> failingProfileDeletions = new ArrayList<>();
  private SageMakerTimings timings;
  private int runningAppQuota = 20;

  private record AppRule(AppSelector selector, UnaryOperator<AppBehaviour> adjustment) {}

  private record ProfileRule(String domainId, String userProfileName) {
    boolean matches(UserProfile profile) {
      return (domainId == null || domainId.equals(profile.domainId))
          && (userProfileName == null || userProfileName.equals(profile.name));
    }
  }

  public SageMakerService(
      Clock clock, IdSource ids, SageMakerTimings timings, RoleAssumption roles) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.timings = Objects.requireNonNull(timings, "timings");
    this.roles = Objects.requireNonNull(roles, "roles");
    this.operations =
        List.of(
            mutating("CreateDomain", this::createDomain),
            reading("DescribeDomain", this::describeDomain),
            reading("ListDomains", this::listDomains),
            mutating("CreateUserProfile", this::createUserProfile),
            reading("DescribeUserProfile", this::describeUserProfile),
            reading("ListUserProfiles", this::listUserProfiles),
            mutating("UpdateUserProfile", this::updateUserProfile),
            mutating("DeleteUserProfile", this::deleteUserProfile),
            mutating("CreateApp", this::createApp),
            reading("DescribeApp", this::describeApp),
            reading("ListApps", this::listApps),
            mutating("DeleteApp", this::deleteApp),
            mutating("CreateSpace", this::createSpace),
            reading("DescribeSpace", this::describeSpace),
            reading("ListSpaces", this::listSpaces),
            mutating("DeleteSpace", this::deleteSpace),
            reading("CreatePresignedDomainUrl", this::createPresignedDomainUrl),
            mutating("AddTags", this::addTags),
            reading("ListTags", this::listTags));
  }

  @Override
  public String signingName() {
    return "sagemaker";
  }

  @Override
  public WireProtocol protocol() {
    return new WireProtocol.AwsJson("1.1", "SageMaker");
  }

  @Override
  public List<Operation> operations() {
    return operations;
  }

  // ---------------------------------------------------------------- settings and faults (Java)

  public synchronized SageMakerTimings timings() {
    return timings;
  }

  /** Changes the durations of changes that start from now on. */
  public synchronized void setTimings(SageMakerTimings value) {
    this.timings = Objects.requireNonNull(value, "timings");
  }

  /** How many apps of one type may run on one instance type (ResourceLimitExceeded beyond). */
  public synchronized void setRunningAppQuota(int quota) {
    if (quota < 1) {
      throw new IllegalArgumentException("the running app quota must be at least 1, got " + quota);
    }
    this.runningAppQuota = quota;
  }

  /**
   * Adjusts how the selected apps behave, e.g. {@code AppBehaviour::failingOnCreate} or {@code b ->
   * b.withOnDelete(STUCK_DELETING)}. Applied when an app is created and when it is deleted, so a
   * rule also reaches apps that exist already.
   */
  public synchronized void adjustApps(
      AppSelector selector, UnaryOperator<AppBehaviour> adjustment) {
    appRules.add(
        new AppRule(
            Objects.requireNonNull(selector, "selector"),
            Objects.requireNonNull(adjustment, "adjustment")));
  }

  /**
   * Makes the deletion of matching user profiles end in Delete_Failed (null matches any domain or
   * name). Deleting such a profile again fails again.
   */
  public synchronized void failUserProfileDeletion(String domainId, String userProfileName) {
    failingProfileDeletions.add(new ProfileRule(domainId, userProfileName));
  }

  /** Removes the app and user profile fault rules. */
  public synchronized void clearFaults() {
    appRules.clear();
    failingProfileDeletions.clear();
  }

  // ---------------------------------------------------------------- seeding (Java, scenarios)

  /** Adds a domain as if it had existed for a while; returns its id. */
  public synchronized String seedDomain(DomainSeed seed) {
    Instant now = clock.instant();
    settle(now);
    requireSeed(
        SageMakerConstraints.NAME.matcher(seed.domainName()).matches(),
        "domainName '" + seed.domainName() + "' must match " + SageMakerConstraints.NAME);
    requireSeed(
        SageMakerConstraints.AUTH_MODES.contains(seed.authMode()),
        "authMode must be IAM or SSO, got '" + seed.authMode() + "'");
    String domainId = seed.domainId() != null ? seed.domainId() : newDomainId();
    requireSeed(
        SageMakerConstraints.DOMAIN_ID.matcher(domainId).matches(),
        "domainId '" + domainId + "' must match " + SageMakerConstraints.DOMAIN_ID);
    requireSeed(!domains.containsKey(domainId), "domain " + domainId + " is seeded twice");
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
            newEfsId(),
            now,
            new StatusTimeline<>(ResourceStatus.IN_SERVICE, now));
    domains.put(domainId, domain);
    tagsByArn.put(domain.arn(), new LinkedHashMap<>(seed.tags()));
    return domainId;
  }

  public synchronized void seedUserProfile(UserProfileSeed seed) {
    Instant now = clock.instant();
    settle(now);
    Domain domain = seededDomain(seed.domainId());
    requireName(seed.userProfileName(), "userProfileName");
    requireSeed(
        !profiles.containsKey(profileKey(domain.domainId, seed.userProfileName())),
        "user profile " + seed.userProfileName() + " is seeded twice");
    boolean sso = domain.usesSso();
    requireSeed(
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
    requireSeed(
        seed.userSettings() == null || seed.userSettings().isObject(),
        "userSettings of " + seed.userProfileName() + " must be a JSON object");
    StatusTimeline<ResourceStatus> timeline = new StatusTimeline<>(seed.status(), now);
    switch (seed.status()) {
      case PENDING ->
          timeline.then(ResourceStatus.IN_SERVICE, now.plus(timings.userProfileReady()));
      case UPDATING ->
          timeline.then(ResourceStatus.IN_SERVICE, now.plus(timings.userProfileUpdate()));
      case DELETING -> timeline.thenGone(now.plus(timings.userProfileDelete()));
      default -> {
        // InService and the failed statuses stay as they are.
      }
    }
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
    profiles.put(profileKey(domain.domainId, profile.name), profile);
    tagsByArn.put(profile.arn(), new LinkedHashMap<>(seed.tags()));
  }

  public synchronized void seedSpace(SpaceSeed seed) {
    Instant now = clock.instant();
    settle(now);
    Domain domain = seededDomain(seed.domainId());
    requireName(seed.spaceName(), "spaceName");
    requireSeed(
        !spaces.containsKey(profileKey(domain.domainId, seed.spaceName())),
        "space " + seed.spaceName() + " is seeded twice");
    if (seed.sharingType() != null) {
      requireSeed(
          SageMakerConstraints.SHARING_TYPES.contains(seed.sharingType()),
          "sharingType of space " + seed.spaceName() + " must be Private or Shared");
      requireSeed(
          seed.ownerUserProfileName() != null,
          "space " + seed.spaceName() + " with a sharing type needs an owner");
    }
    if (seed.ownerUserProfileName() != null) {
      requireSeed(
          profiles.containsKey(profileKey(domain.domainId, seed.ownerUserProfileName())),
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
      timeline.then(ResourceStatus.IN_SERVICE, now.plus(timings.spaceReady()));
    } else if (seed.status() == ResourceStatus.DELETING) {
      timeline.thenGone(now.plus(timings.spaceDelete()));
    }
    Space space =
        new Space(
            domain.domainId,
            seed.spaceName(),
            domain.nextHomeEfsUid(),
            seed.spaceSettings() == null ? null : seed.spaceSettings().deepCopy(),
            seed.ownerUserProfileName(),
            seed.sharingType(),
            null,
            now,
            timeline);
    spaces.put(profileKey(domain.domainId, space.name), space);
    tagsByArn.put(space.arn(), new LinkedHashMap<>(seed.tags()));
  }

  public synchronized void seedApp(AppSeed seed) {
    Instant now = clock.instant();
    settle(now);
    Domain domain = seededDomain(seed.domainId());
    requireName(seed.appName(), "appName");
    requireSeed(
        SageMakerConstraints.APP_TYPES.contains(seed.appType()),
        "appType '" + seed.appType() + "' must be one of " + SageMakerConstraints.APP_TYPES);
    if (seed.userProfileName() != null) {
      requireSeed(
          profiles.containsKey(profileKey(domain.domainId, seed.userProfileName())),
          "app "
              + seed.appName()
              + ": user profile "
              + seed.userProfileName()
              + " is not seeded in domain "
              + domain.domainId);
    } else {
      requireSeed(
          spaces.containsKey(profileKey(domain.domainId, seed.spaceName())),
          "app "
              + seed.appName()
              + ": space "
              + seed.spaceName()
              + " is not seeded in domain "
              + domain.domainId);
    }
    String key =
        App.key(
            domain.domainId,
            seed.userProfileName(),
            seed.spaceName(),
            seed.appType(),
            seed.appName());
    requireSeed(!apps.containsKey(key), "app " + seed.appName() + " is seeded twice");
    if (seed.instanceType() != null) {
      requireSeed(
          SageMakerConstraints.INSTANCE_TYPES.contains(seed.instanceType()),
          "instanceType '"
              + seed.instanceType()
              + "' of app "
              + seed.appName()
              + " is not a SageMaker app instance type");
    }
    AppBehaviour base =
        seed.behaviour() != null ? seed.behaviour() : AppBehaviour.defaults(timings);
    Instant created = seed.creationTime() != null ? seed.creationTime() : now;
    ObjectNode resourceSpec = JSON.objectNode();
    resourceSpec.put(
        "InstanceType",
        seed.instanceType() != null ? seed.instanceType() : defaultInstanceType(seed.appType()));
    App app =
        new App(
            domain.domainId,
            seed.userProfileName(),
            seed.spaceName(),
            seed.appType(),
            seed.appName(),
            resourceSpec,
            created,
            new StatusTimeline<>(seed.status(), now),
            base);
    AppBehaviour behaviour = effectiveBehaviour(app);
    switch (seed.status()) {
      case PENDING -> scheduleStart(app, behaviour, now);
      case DELETING -> scheduleDeletion(app, behaviour, now);
      case DELETED -> app.timeline.thenGone(now.plus(timings.deletedAppRetention()));
      case FAILED -> app.failureReason = behaviour.failureReason();
      case IN_SERVICE -> {
        // Running; stays so until deleted.
      }
      default -> throw new IllegalStateException("unhandled app status " + seed.status());
    }
    apps.put(key, app);
    tagsByArn.put(app.arn(), new LinkedHashMap<>(seed.tags()));
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
    settle(at);
    handler.handle(new ServiceRequest(signingName(), operation, input, ids.uuid(), at, null), at);
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

  /** The status of a user profile now, if it exists. */
  public synchronized Optional<ResourceStatus> userProfileStatus(
      String domainId, String userProfileName) {
    settle(clock.instant());
    UserProfile profile = profiles.get(profileKey(domainId, userProfileName));
    return Optional.ofNullable(profile == null ? null : profile.status());
  }

  /** The status of an app now, if it exists (Deleted apps exist until their retention ends). */
  public synchronized Optional<AppStatus> appStatus(
      String domainId, String userProfileName, String spaceName, String appType, String appName) {
    settle(clock.instant());
    App app = apps.get(App.key(domainId, userProfileName, spaceName, appType, appName));
    return Optional.ofNullable(app == null ? null : app.status());
  }

  /** Ids of all domains, in creation order. */
  public synchronized List<String> domainIds() {
    return List.copyOf(domains.keySet());
  }

  // ---------------------------------------------------------------- domains

  private ServiceReply createDomain(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String name = SageMakerConstraints.requiredName(input, "DomainName");
    String authMode = input.requiredEnum("AuthMode", SageMakerConstraints.AUTH_MODES);
    JsonInput defaults = input.requiredObject("DefaultUserSettings");
    SageMakerConstraints.checkUserSettings(defaults);
    input.optionalStringList("SubnetIds", 16, SageMakerConstraints.SUBNET_ID, null);
    String vpcId = input.optionalString("VpcId", SageMakerConstraints.VPC_ID, 32);
    String access =
        input.optionalEnum("AppNetworkAccessType", List.of("PublicInternetOnly", "VpcOnly"));
    JsonInput domainSettings = input.optionalObject("DomainSettings");
    JsonInput spaceDefaults = input.optionalObject("DefaultSpaceSettings");
    if (spaceDefaults != null) {
      spaceDefaults.optionalString(
          "ExecutionRole", SageMakerConstraints.ROLE_ARN, SageMakerConstraints.ROLE_ARN_MAX);
    }
    Map<String, String> tags = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    if ("VpcOnly".equals(access) && (vpcId == null || !input.has("SubnetIds"))) {
      throw SageMakerErrors.validation(
          "VpcId and SubnetIds are required when AppNetworkAccessType is VpcOnly.");
    }
    requireAssumable(defaults.node().path("ExecutionRole").asText(null));
    if (spaceDefaults != null) {
      requireAssumable(spaceDefaults.node().path("ExecutionRole").asText(null));
    }
    String domainId = newDomainId();
    StatusTimeline<ResourceStatus> timeline = pendingUntil(now.plus(timings.domainReady()), now);
    Domain domain =
        new Domain(
            domainId,
            name,
            authMode,
            defaults.node().deepCopy(),
            domainSettings == null ? null : domainSettings.node().deepCopy(),
            spaceDefaults == null ? null : spaceDefaults.node().deepCopy(),
            vpcId,
            request.input().has("SubnetIds") ? request.input().get("SubnetIds").deepCopy() : null,
            access != null ? access : "PublicInternetOnly",
            newEfsId(),
            now,
            timeline);
    domains.put(domainId, domain);
    tagsByArn.put(domain.arn(), new LinkedHashMap<>(tags));
    ObjectNode out = JSON.objectNode();
    out.put("DomainArn", domain.arn());
    out.put("DomainId", domainId);
    out.put("Url", domain.url());
    return ServiceReply.json(out);
  }

  private ServiceReply describeDomain(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    input.throwIfInvalid();
    Domain domain = domain(domainId);
    ObjectNode out = JSON.objectNode();
    out.put("DomainArn", domain.arn());
    out.put("DomainId", domain.domainId);
    out.put("DomainName", domain.domainName);
    out.put("HomeEfsFileSystemId", domain.homeEfsFileSystemId);
    out.put("Status", domain.timeline.status().wireName());
    out.set("CreationTime", timestamp(domain.creationTime));
    out.set("LastModifiedTime", timestamp(domain.timeline.changedAt()));
    out.put("AuthMode", domain.authMode);
    if (domain.defaultUserSettings != null) {
      out.set("DefaultUserSettings", domain.defaultUserSettings.deepCopy());
    }
    if (domain.domainSettings != null) {
      out.set("DomainSettings", domain.domainSettings.deepCopy());
    }
    out.put("AppNetworkAccessType", domain.appNetworkAccessType);
    if (domain.subnetIds != null) {
      out.set("SubnetIds", domain.subnetIds.deepCopy());
    }
    out.put("Url", domain.url());
    if (domain.vpcId != null) {
      out.put("VpcId", domain.vpcId);
    }
    if (domain.defaultSpaceSettings != null) {
      out.set("DefaultSpaceSettings", domain.defaultSpaceSettings.deepCopy());
    }
    return ServiceReply.json(out);
  }

  private ServiceReply listDomains(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    ListQuery query = ListQuery.paging(input);
    input.throwIfInvalid();
    Pages.Page<Domain> page =
        query.page(
            domains.values(), domain -> true, d -> d.creationTime, d -> d.timeline.changedAt());
    return ListQuery.reply(
        "Domains",
        page,
        (domain, item) -> {
          item.put("DomainArn", domain.arn());
          item.put("DomainId", domain.domainId);
          item.put("DomainName", domain.domainName);
          item.put("Status", domain.timeline.status().wireName());
          item.set("CreationTime", timestamp(domain.creationTime));
          item.set("LastModifiedTime", timestamp(domain.timeline.changedAt()));
          item.put("Url", domain.url());
        });
  }

  // ---------------------------------------------------------------- user profiles

  private ServiceReply createUserProfile(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "UserProfileName");
    String ssoIdentifier =
        input.optionalString(
            "SingleSignOnUserIdentifier", SageMakerConstraints.SSO_IDENTIFIER, Integer.MAX_VALUE);
    String ssoValue = input.optionalString("SingleSignOnUserValue", null, 256);
    JsonInput settings = input.optionalObject("UserSettings");
    SageMakerConstraints.checkUserSettings(settings);
    Map<String, String> tags = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    Domain domain = domain(domainId);
    String key = profileKey(domainId, name);
    UserProfile existing = profiles.get(key);
    if (existing != null) {
      throw SageMakerErrors.inUse("User profile " + existing.arn() + " already exists.");
    }
    checkSingleSignOn(domain, ssoIdentifier, ssoValue);
    if (settings != null) {
      requireAssumable(settings.node().path("ExecutionRole").asText(null));
    }
    StatusTimeline<ResourceStatus> timeline =
        pendingUntil(now.plus(timings.userProfileReady()), now);
    UserProfile profile =
        new UserProfile(
            domainId,
            name,
            domain.nextHomeEfsUid(),
            ssoIdentifier,
            ssoValue,
            settings == null ? null : (ObjectNode) settings.node().deepCopy(),
            now,
            timeline);
    profiles.put(key, profile);
    tagsByArn.put(profile.arn(), new LinkedHashMap<>(tags));
    ObjectNode out = JSON.objectNode();
    out.put("UserProfileArn", profile.arn());
    return ServiceReply.json(out);
  }

  private void checkSingleSignOn(Domain domain, String identifier, String value) {
    if (domain.usesSso()) {
      if (identifier == null || value == null || value.isEmpty()) {
        throw SageMakerErrors.validation(
            "SingleSignOnUserIdentifier and SingleSignOnUserValue are required for a user "
                + "profile in domain "
                + domain.domainId
                + ", which uses AuthMode SSO (IAM Identity Center).");
      }
      for (UserProfile other : profiles.values()) {
        if (other.domainId.equals(domain.domainId) && value.equals(other.singleSignOnUserValue)) {
          throw SageMakerErrors.inUse(
              "SingleSignOnUserValue "
                  + value
                  + " is already used by user profile "
                  + other.arn()
                  + ".");
        }
      }
    } else if (identifier != null || value != null) {
      throw SageMakerErrors.validation(
          "SingleSignOnUserIdentifier and SingleSignOnUserValue are not supported for domain "
              + domain.domainId
              + ", which uses AuthMode IAM.");
    }
  }

  private ServiceReply describeUserProfile(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "UserProfileName");
    input.throwIfInvalid();
    UserProfile profile = profile(domainId, name);
    ObjectNode out = JSON.objectNode();
    out.put("DomainId", profile.domainId);
    out.put("UserProfileArn", profile.arn());
    out.put("UserProfileName", profile.name);
    out.put("HomeEfsFileSystemUid", profile.homeEfsFileSystemUid);
    out.put("Status", profile.status().wireName());
    out.set("LastModifiedTime", timestamp(profile.timeline.changedAt()));
    out.set("CreationTime", timestamp(profile.creationTime));
    if (profile.status().isFailure() && profile.failureReason != null) {
      out.put("FailureReason", profile.failureReason);
    }
    if (profile.singleSignOnUserIdentifier != null) {
      out.put("SingleSignOnUserIdentifier", profile.singleSignOnUserIdentifier);
      out.put("SingleSignOnUserValue", profile.singleSignOnUserValue);
    }
    if (profile.userSettings != null) {
      out.set("UserSettings", profile.userSettings.deepCopy());
    }
    return ServiceReply.json(out);
  }

  private ServiceReply listUserProfiles(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    ListQuery query = ListQuery.sorted(input, List.of("CreationTime", "LastModifiedTime"));
    String domainId = SageMakerConstraints.optionalDomainId(input, "DomainIdEquals");
    String contains = SageMakerConstraints.optionalName(input, "UserProfileNameContains");
    input.throwIfInvalid();
    Pages.Page<UserProfile> page =
        query.page(
            profiles.values(),
            p ->
                ListQuery.equalsFilter(domainId, p.domainId)
                    && ListQuery.containsFilter(contains, p.name),
            p -> p.creationTime,
            p -> p.timeline.changedAt());
    return ListQuery.reply(
        "UserProfiles",
        page,
        (profile, item) -> {
          item.put("DomainId", profile.domainId);
          item.put("UserProfileName", profile.name);
          item.put("Status", profile.status().wireName());
          item.set("CreationTime", timestamp(profile.creationTime));
          item.set("LastModifiedTime", timestamp(profile.timeline.changedAt()));
        });
  }

  private ServiceReply updateUserProfile(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "UserProfileName");
    JsonInput settings = input.optionalObject("UserSettings");
    SageMakerConstraints.checkUserSettings(settings);
    input.throwIfInvalid();
    UserProfile profile = profile(domainId, name);
    ResourceStatus status = profile.status();
    if (status != ResourceStatus.IN_SERVICE && status != ResourceStatus.UPDATE_FAILED) {
      throw SageMakerErrors.inUse(
          "User profile "
              + profile.arn()
              + " is in status "
              + status.wireName()
              + " and can only be updated when InService.");
    }
    if (settings != null) {
      requireAssumable(settings.node().path("ExecutionRole").asText(null));
      // SageMaker replaces the settings named in the request and keeps the others.
      ObjectNode merged =
          profile.userSettings == null ? JSON.objectNode() : profile.userSettings.deepCopy();
      Iterator<Map.Entry<String, JsonNode>> fields = settings.node().fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        merged.set(field.getKey(), field.getValue().deepCopy());
      }
      profile.userSettings = merged;
    }
    profile.timeline.set(ResourceStatus.UPDATING, now);
    profile.timeline.then(ResourceStatus.IN_SERVICE, now.plus(timings.userProfileUpdate()));
    profile.timeline.settle(now);
    ObjectNode out = JSON.objectNode();
    out.put("UserProfileArn", profile.arn());
    return ServiceReply.json(out);
  }

  private ServiceReply deleteUserProfile(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "UserProfileName");
    input.throwIfInvalid();
    UserProfile profile = profile(domainId, name);
    if (profile.status() == ResourceStatus.DELETING) {
      throw SageMakerErrors.inUse("User profile " + profile.arn() + " is already being deleted.");
    }
    requireNoRunningApps(
        "user profile " + profile.arn(),
        app -> app.domainId().equals(domainId) && name.equals(app.userProfileName()));
    List<String> ownedSpaces = new ArrayList<>();
    for (Space space : spaces.values()) {
      if (space.domainId.equals(domainId) && name.equals(space.ownerUserProfileName)) {
        ownedSpaces.add(space.name);
      }
    }
    if (!ownedSpaces.isEmpty()) {
      throw SageMakerErrors.inUse(
          "Unable to delete user profile "
              + profile.arn()
              + " because it owns spaces: "
              + String.join(", ", ownedSpaces)
              + ". Delete the spaces first.");
    }
    boolean fails =
        profile.deletionFails
            || failingProfileDeletions.stream().anyMatch(rule -> rule.matches(profile));
    profile.timeline.set(ResourceStatus.DELETING, now);
    Instant done = now.plus(timings.userProfileDelete());
    if (fails) {
      profile.failureReason =
          "Failed to delete the user profile: fault injected by the emulator scenario.";
      profile.timeline.then(ResourceStatus.DELETE_FAILED, done);
    } else {
      profile.timeline.thenGone(done);
    }
    settle(now);
    return ServiceReply.emptyJson();
  }

  // ---------------------------------------------------------------- apps

  private ServiceReply createApp(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    AppKey key = readAppKey(input);
    JsonInput spec = input.optionalObject("ResourceSpec");
    SageMakerConstraints.checkResourceSpec(spec);
    input.optionalBoolean("RecoveryMode");
    Map<String, String> tags = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    requireOneOwner(key);
    domain(key.domainId());
    JsonNode ownerSettings;
    if (key.userProfileName() != null) {
      UserProfile profile = profile(key.domainId(), key.userProfileName());
      if (profile.status() != ResourceStatus.IN_SERVICE
          && profile.status() != ResourceStatus.UPDATING) {
        throw SageMakerErrors.inUse(
            "User profile "
                + profile.arn()
                + " is in status "
                + profile.status().wireName()
                + "; apps can be created only for a user profile that is InService.");
      }
      ownerSettings = profile.userSettings;
    } else {
      Space space = space(key.domainId(), key.spaceName());
      if (space.status() != ResourceStatus.IN_SERVICE) {
        throw SageMakerErrors.inUse(
            "Space "
                + space.arn()
                + " is in status "
                + space.status().wireName()
                + "; apps can be created only in a space that is InService.");
      }
      ownerSettings = space.spaceSettings;
    }
    String mapKey = key.mapKey();
    App existing = apps.get(mapKey);
    if (existing != null
        && existing.status() != AppStatus.DELETED
        && existing.status() != AppStatus.FAILED) {
      throw SageMakerErrors.inUse(
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
          defaultInstanceType(key.appType(), ownerSettings, domain(key.domainId())));
    }
    checkRunningAppQuota(key.appType(), resourceSpec.get("InstanceType").asText());
    App app =
        new App(
            key.domainId(),
            key.userProfileName(),
            key.spaceName(),
            key.appType(),
            key.appName(),
            resourceSpec,
            now,
            new StatusTimeline<>(AppStatus.PENDING, now),
            AppBehaviour.defaults(timings));
    scheduleStart(app, effectiveBehaviour(app), now);
    app.timeline.settle(now);
    apps.put(mapKey, app);
    tagsByArn.put(app.arn(), new LinkedHashMap<>(tags));
    ObjectNode out = JSON.objectNode();
    out.put("AppArn", app.arn());
    return ServiceReply.json(out);
  }

  private void checkRunningAppQuota(String appType, String instanceType) {
    long running =
        apps.values().stream()
            .filter(app -> app.appType().equals(appType))
            .filter(app -> app.status().blocksOwnerDeletion())
            .filter(app -> instanceType.equals(app.resourceSpec.path("InstanceType").asText()))
            .count();
    if (running >= runningAppQuota) {
      throw SageMakerErrors.limitExceeded(
          "The account-level service limit 'Studio "
              + appType
              + " Apps running on "
              + instanceType
              + " instance' is "
              + runningAppQuota
              + " Apps, with current "
              + "utilization of "
              + running
              + " Apps and a request delta of 1 Apps. Please use "
              + "AWS Service Quotas to request an increase for this quota.");
    }
  }

  private ServiceReply describeApp(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    AppKey key = readAppKey(input);
    input.throwIfInvalid();
    requireOneOwner(key);
    App app = app(key);
    ObjectNode out = JSON.objectNode();
    out.put("AppArn", app.arn());
    out.put("AppType", app.appType());
    out.put("AppName", app.appName());
    out.put("DomainId", app.domainId());
    if (app.userProfileName() != null) {
      out.put("UserProfileName", app.userProfileName());
    } else {
      out.put("SpaceName", app.spaceName());
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

  private ServiceReply listApps(ServiceRequest request, Instant now) {
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
            apps.values(),
            app ->
                ListQuery.equalsFilter(domainId, app.domainId())
                    && ListQuery.equalsFilter(user, app.userProfileName())
                    && ListQuery.equalsFilter(spaceName, app.spaceName()),
            app -> app.creationTime,
            app -> app.timeline.changedAt());
    return ListQuery.reply(
        "Apps",
        page,
        (app, item) -> {
          item.put("DomainId", app.domainId());
          if (app.userProfileName() != null) {
            item.put("UserProfileName", app.userProfileName());
          } else {
            item.put("SpaceName", app.spaceName());
          }
          item.put("AppType", app.appType());
          item.put("AppName", app.appName());
          item.put("Status", app.status().wireName());
          item.set("CreationTime", timestamp(app.creationTime));
          item.set("ResourceSpec", app.resourceSpec.deepCopy());
        });
  }

  private ServiceReply deleteApp(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    AppKey key = readAppKey(input);
    input.throwIfInvalid();
    requireOneOwner(key);
    App app = app(key);
    switch (app.status()) {
      case DELETING ->
          throw SageMakerErrors.inUse("App " + app.arn() + " is already being deleted.");
      case DELETED ->
          throw SageMakerErrors.inUse("App " + app.arn() + " has already been deleted.");
      case FAILED ->
          throw SageMakerErrors.inUse(
              "App " + app.arn() + " is in status Failed and cannot be deleted.");
      default -> {
        // Pending and InService apps can be deleted.
      }
    }
    app.timeline.set(AppStatus.DELETING, now);
    scheduleDeletion(app, effectiveBehaviour(app), now);
    app.timeline.settle(now);
    return ServiceReply.emptyJson();
  }

  /**
   * Refuses to delete an owner (user profile or space) while any of its apps is neither Deleted
   * nor Failed, naming them, as SageMaker does.
   */
  private void requireNoRunningApps(String owner, Predicate<App> ownedApp) {
    List<String> blockingApps = new ArrayList<>();
    for (App app : apps.values()) {
      if (ownedApp.test(app) && app.status().blocksOwnerDeletion()) {
        blockingApps.add(
            app.appType() + "/" + app.appName() + " (" + app.status().wireName() + ")");
      }
    }
    if (!blockingApps.isEmpty()) {
      throw SageMakerErrors.inUse(
          "Unable to delete "
              + owner
              + " because it has apps that are not Deleted or Failed: "
              + String.join(", ", blockingApps)
              + ". Delete the apps first.");
    }
  }

  private void scheduleStart(App app, AppBehaviour behaviour, Instant now) {
    Instant ready = now.plus(behaviour.startDuration());
    if (behaviour.failOnCreate()) {
      app.failureReason = behaviour.failureReason();
      app.timeline.then(AppStatus.FAILED, ready);
    } else {
      app.timeline.then(AppStatus.IN_SERVICE, ready);
    }
  }

  private void scheduleDeletion(App app, AppBehaviour behaviour, Instant now) {
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

  private AppBehaviour effectiveBehaviour(App app) {
    AppBehaviour behaviour = app.baseBehaviour;
    for (AppRule rule : appRules) {
      if (rule.selector().matches(app)) {
        behaviour = rule.adjustment().apply(behaviour);
      }
    }
    return behaviour;
  }

  private record AppKey(
      String domainId, String userProfileName, String spaceName, String appType, String appName) {
    String mapKey() {
      return App.key(domainId, userProfileName, spaceName, appType, appName);
    }

    String arn() {
      return SageMakerArns.app(
          domainId, userProfileName != null ? userProfileName : spaceName, appType, appName);
    }
  }

  private static AppKey readAppKey(JsonInput input) {
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String user = SageMakerConstraints.optionalName(input, "UserProfileName");
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

  // ---------------------------------------------------------------- spaces

  private ServiceReply createSpace(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "SpaceName");
    JsonInput settings = input.optionalObject("SpaceSettings");
    SageMakerConstraints.checkSpaceSettings(settings);
    JsonInput ownership = input.optionalObject("OwnershipSettings");
    String owner =
        ownership == null
            ? null
            : SageMakerConstraints.requiredName(ownership, "OwnerUserProfileName");
    JsonInput sharing = input.optionalObject("SpaceSharingSettings");
    String sharingType =
        sharing == null
            ? null
            : sharing.requiredEnum("SharingType", SageMakerConstraints.SHARING_TYPES);
    String displayName =
        input.optionalString("SpaceDisplayName", SageMakerConstraints.DISPLAY_NAME, 64);
    Map<String, String> tags = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    Domain domain = domain(domainId);
    if (spaces.containsKey(profileKey(domainId, name))) {
      throw SageMakerErrors.inUse(
          "Space " + SageMakerArns.space(domainId, name) + " already exists.");
    }
    if ((owner == null) != (sharingType == null)) {
      throw SageMakerErrors.validation(
          "OwnershipSettings and SpaceSharingSettings must be specified together.");
    }
    if (owner != null) {
      UserProfile profile = profile(domainId, owner);
      if (profile.status() == ResourceStatus.DELETING) {
        throw SageMakerErrors.inUse("User profile " + profile.arn() + " is being deleted.");
      }
    }
    StatusTimeline<ResourceStatus> timeline = pendingUntil(now.plus(timings.spaceReady()), now);
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
    spaces.put(profileKey(domainId, name), space);
    tagsByArn.put(space.arn(), new LinkedHashMap<>(tags));
    ObjectNode out = JSON.objectNode();
    out.put("SpaceArn", space.arn());
    return ServiceReply.json(out);
  }

  private ServiceReply describeSpace(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "SpaceName");
    input.throwIfInvalid();
    Space space = space(domainId, name);
    ObjectNode out = JSON.objectNode();
    out.put("DomainId", space.domainId);
    out.put("SpaceArn", space.arn());
    out.put("SpaceName", space.name);
    out.put("HomeEfsFileSystemUid", space.homeEfsFileSystemUid);
    out.put("Status", space.status().wireName());
    out.set("LastModifiedTime", timestamp(space.timeline.changedAt()));
    out.set("CreationTime", timestamp(space.creationTime));
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
    out.put("Url", domain(space.domainId).url() + "/jupyterlab/" + space.name);
    return ServiceReply.json(out);
  }

  private ServiceReply listSpaces(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    ListQuery query = ListQuery.sorted(input, List.of("CreationTime", "LastModifiedTime"));
    String domainId = SageMakerConstraints.optionalDomainId(input, "DomainIdEquals");
    String contains = SageMakerConstraints.optionalName(input, "SpaceNameContains");
    input.throwIfInvalid();
    Pages.Page<Space> page =
        query.page(
            spaces.values(),
            s ->
                ListQuery.equalsFilter(domainId, s.domainId)
                    && ListQuery.containsFilter(contains, s.name),
            s -> s.creationTime,
            s -> s.timeline.changedAt());
    return ListQuery.reply("Spaces", page, SageMakerService::putSpaceSummary);
  }

  private static void putSpaceSummary(Space space, ObjectNode item) {
    item.put("DomainId", space.domainId);
    item.put("SpaceName", space.name);
    item.put("Status", space.status().wireName());
    item.set("CreationTime", timestamp(space.creationTime));
    item.set("LastModifiedTime", timestamp(space.timeline.changedAt()));
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

  private ServiceReply deleteSpace(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "SpaceName");
    input.throwIfInvalid();
    Space space = space(domainId, name);
    if (space.status() == ResourceStatus.DELETING) {
      throw SageMakerErrors.inUse("Space " + space.arn() + " is already being deleted.");
    }
    requireNoRunningApps(
        "space " + space.arn(),
        app -> app.domainId().equals(domainId) && name.equals(app.spaceName()));
    space.timeline.set(ResourceStatus.DELETING, now);
    space.timeline.thenGone(now.plus(timings.spaceDelete()));
    settle(now);
    return ServiceReply.emptyJson();
  }

  // ---------------------------------------------------------------- presigned URL, tags

  private ServiceReply createPresignedDomainUrl(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "UserProfileName");
    input.optionalInt("SessionExpirationDurationInSeconds", 1800, 43200, 43200);
    input.optionalInt("ExpiresInSeconds", 5, 300, 300);
    String spaceName = SageMakerConstraints.optionalName(input, "SpaceName");
    input.optionalString("LandingUri", null, 1023);
    input.throwIfInvalid();
    Domain domain = domain(domainId);
    if (domain.usesSso()) {
      throw SageMakerErrors.validation(
          "CreatePresignedDomainUrl is not supported for domain "
              + domainId
              + ", which uses AuthMode SSO; users sign in through IAM Identity Center.");
    }
    profile(domainId, name);
    if (spaceName != null) {
      space(domainId, spaceName);
    }
    ObjectNode out = JSON.objectNode();
    out.put("AuthorizedUrl", domain.url() + "/auth?token=" + ids.hex(64));
    return ServiceReply.json(out);
  }

  private ServiceReply addTags(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String arn = input.requiredString("ResourceArn", SageMakerConstraints.RESOURCE_ARN, 256);
    if (!input.has("Tags")) {
      input.requiredObject("Tags");
    }
    Map<String, String> added = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    Map<String, String> tags = tagsOf(arn);
    Map<String, String> merged = new LinkedHashMap<>(tags);
    merged.putAll(added);
    if (merged.size() > SageMakerConstraints.MAX_TAGS) {
      throw SageMakerErrors.validation(
          "Resource "
              + arn
              + " would have "
              + merged.size()
              + " tags; at most "
              + SageMakerConstraints.MAX_TAGS
              + " are allowed.");
    }
    for (String key : added.keySet()) {
      if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw SageMakerErrors.validation("Tag keys starting with 'aws:' are reserved: " + key);
      }
    }
    tags.putAll(added);
    ObjectNode out = JSON.objectNode();
    out.set("Tags", tagList(added));
    return ServiceReply.json(out);
  }

  private ServiceReply listTags(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String arn = input.requiredString("ResourceArn", SageMakerConstraints.RESOURCE_ARN, 256);
    ListQuery query = ListQuery.paging(input, 50, Integer.MAX_VALUE, 50);
    input.throwIfInvalid();
    List<Map.Entry<String, String>> all = new ArrayList<>(tagsOf(arn).entrySet());
    Pages.Page<Map.Entry<String, String>> page = query.page(all);
    Map<String, String> pageTags = new LinkedHashMap<>();
    page.items().forEach(entry -> pageTags.put(entry.getKey(), entry.getValue()));
    ObjectNode out = JSON.objectNode();
    out.set("Tags", tagList(pageTags));
    ListQuery.putNextToken(out, page);
    return ServiceReply.json(out);
  }

  private Map<String, String> tagsOf(String arn) {
    Map<String, String> tags = tagsByArn.get(arn);
    if (tags == null) {
      throw SageMakerErrors.validation("Resource " + arn + " does not exist.");
    }
    return tags;
  }

  private static ArrayNode tagList(Map<String, String> tags) {
    ArrayNode list = JSON.arrayNode();
    tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
    return list;
  }

  // ---------------------------------------------------------------- shared

  private Operation reading(String name, Handler handler) {
    handlers.put(name, handler);
    return Operation.reading(name, guarded(handler));
  }

  private Operation mutating(String name, Handler handler) {
    handlers.put(name, handler);
    return Operation.mutating(name, guarded(handler));
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
        settle(now);
        return handler.handle(request, now);
      }
    };
  }

  /** Applies due status changes and drops the resources that are gone. */
  private void settle(Instant now) {
    domains.values().forEach(domain -> domain.timeline.settle(now));
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

  private void requireAssumable(String roleArn) {
    if (roleArn != null && !roles.canAssume(roleArn, SERVICE_PRINCIPAL)) {
      throw SageMakerErrors.validation(couldNotAssumeRole(roleArn));
    }
  }

  /** The message SageMaker gives when it cannot assume an execution role (yet). */
  public static String couldNotAssumeRole(String roleArn) {
    return "Could not assume role "
        + roleArn
        + ". Please ensure that the role exists and allows "
        + "principal '"
        + SERVICE_PRINCIPAL
        + "' to assume the role.";
  }

  private Domain domain(String domainId) {
    Domain domain = domains.get(domainId);
    if (domain == null) {
      throw SageMakerErrors.notFound(
          "Domain " + SageMakerArns.domain(domainId) + " does not exist.");
    }
    return domain;
  }

  private UserProfile profile(String domainId, String name) {
    UserProfile profile = profiles.get(profileKey(domainId, name));
    if (profile == null) {
      throw SageMakerErrors.notFound(
          "User profile " + SageMakerArns.userProfile(domainId, name) + " does not exist.");
    }
    return profile;
  }

  private Space space(String domainId, String name) {
    Space space = spaces.get(profileKey(domainId, name));
    if (space == null) {
      throw SageMakerErrors.notFound(
          "Space " + SageMakerArns.space(domainId, name) + " does not exist.");
    }
    return space;
  }

  private App app(AppKey key) {
    App app = apps.get(key.mapKey());
    if (app == null) {
      throw SageMakerErrors.notFound("App " + key.arn() + " does not exist.");
    }
    return app;
  }

  private Domain seededDomain(String domainId) {
    Domain domain = domains.get(domainId);
    requireSeed(domain != null, "domain " + domainId + " is not seeded (seed it first)");
    return domain;
  }

  private static void requireName(String name, String field) {
    requireSeed(
        name != null && SageMakerConstraints.NAME.matcher(name).matches(),
        field + " '" + name + "' must match " + SageMakerConstraints.NAME.pattern());
  }

  private static void requireSeed(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String profileKey(String domainId, String name) {
    return domainId + "/" + name;
  }

  /** The timeline of a resource created now: Pending, then InService at {@code ready}. */
  private static StatusTimeline<ResourceStatus> pendingUntil(Instant ready, Instant now) {
    StatusTimeline<ResourceStatus> timeline = new StatusTimeline<>(ResourceStatus.PENDING, now);
    timeline.then(ResourceStatus.IN_SERVICE, ready);
    timeline.settle(now);
    return timeline;
  }

  private String newDomainId() {
    String id;
    do {
      id = "d-" + ids.lowerAlphanumeric(12);
    } while (domains.containsKey(id));
    return id;
  }

  private String newEfsId() {
    return "fs-" + ids.hex(17);
  }

  private static String defaultInstanceType(String appType) {
    return "JupyterServer".equals(appType) ? "system" : "ml.t3.medium";
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
    return defaultInstanceType(appType);
  }

  /** Timestamps travel as epoch seconds in the JSON protocols. */
  static DecimalNode timestamp(Instant instant) {
    return new DecimalNode(BigDecimal.valueOf(instant.toEpochMilli(), 3));
  }
}

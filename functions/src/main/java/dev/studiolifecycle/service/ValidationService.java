package dev.studiolifecycle.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.error.CheckAgain;
import dev.studiolifecycle.error.DomainNotFound;
import dev.studiolifecycle.error.DomainNotReady;
import dev.studiolifecycle.error.ProfileConflict;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.DomainAuthMode;
import dev.studiolifecycle.model.DomainSummary;
import dev.studiolifecycle.model.ExecutionRoleRequest;
import dev.studiolifecycle.model.ExistingProfile;
import dev.studiolifecycle.model.FanOutTarget;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.SsoUser;
import dev.studiolifecycle.model.ValidatedRequest;
import dev.studiolifecycle.validation.RequestValidator;
import dev.studiolifecycle.validation.Violations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AuthMode;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DomainStatus;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

/**
 * The Validate step: judges the raw request, then looks at the domain and at any profile of that
 * name, and says what the workflow has to do. It only describes and lists; an invalid request is
 * rejected before any AWS call.
 */
public final class ValidationService {

  /** At most a 63-character profile name and " and 99 more". */
  private static final int MAX_SHOWN = 75;

  private static final Set<String> PAYLOAD_FIELDS =
      Set.of("request", "executionArn", "executionName", "startTime");

  private final RequestValidator validator;
  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;
  private final Set<String> servedDomainIds;
  private final RunningLifecycles lifecycles;
  private final TeamSettings teams;
  private final EventOrder order;
  private final IdentityCenterDirectory directory;

  public ValidationService(
      RequestValidator validator,
      SageMakerClient sageMaker,
      Set<String> servedDomainIds,
      RunningLifecycles lifecycles,
      TeamSettings teams,
      EventOrder order,
      IdentityCenterDirectory directory) {
    this.validator = validator;
    this.directory = directory;
    this.order = order;
    this.lifecycles = lifecycles;
    this.teams = teams;
    this.servedDomainIds = Set.copyOf(servedDomainIds);
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
  }

  /**
   * Validates the step's payload {@code {"request": ..., "executionArn": ..., "executionName":
   * ...}}.
   */
  public ValidatedRequest validate(JsonNode payload) {
    checkPayload(payload);
    String executionArn = text(payload, "executionArn");
    String executionName = text(payload, "executionName");
    TeamSettings.Applied teamed = teams.applyTo(payload.get("request"));
    LifecycleRequest named = validator.validate(teamed.request(), executionName);
    Correlation correlation = new Correlation(named.requestId(), executionArn);
    if (named.identityCenterUserId() != null && named.userProfileName() == null) {
      return fanOutToIdentityCenterUser(named, correlation);
    }
    if (named.domainId() == null && servedDomainIds.size() > 1) {
      return fanOut(named, correlation);
    }
    // An OFFBOARD that names no domain, in a stack that serves one: that one.
    LifecycleRequest request =
        named.domainId() == null ? named.withDomainId(servedDomainIds.iterator().next()) : named;
    LifecycleRequest asked = request;
    checkServed(request.domainId());

    Instant startTime = executionArn == null ? null : startTime(payload);
    // Before any wait: an event older than one already applied is refused at once.
    boolean admitted = startTime != null && order.refuseIfSuperseded(request, startTime);

    DomainSummary domain = domain(request.domainId());
    checkAgainstDomain(request, domain);

    Optional<ExistingProfile> existing = existingProfile(request);
    if (request.action() != Action.OFFBOARD
        && executionArn != null
        && offboardingUnderway(existing)) {
      awaitRunningOffboarding(request, executionArn);
    }
    if (request.action() == Action.RESTORE && existing.isEmpty()) {
      // A rehire after the retention: the profile is gone, so the person is onboarded afresh.
      request = rehiredAfterRetention(teamed.request(), executionName, asked);
      checkAgainstDomain(request, domain);
    }
    checkAgainstExisting(request, existing);
    boolean nothingToDo = request.action() == Action.OFFBOARD && existing.isEmpty();
    if (nothingToDo && executionArn != null) {
      awaitRunningOnboarding(request, executionArn);
    }
    SsoUser ssoUser = ssoUser(request, domain);
    if (startTime != null && !admitted) {
      order.admit(request, executionName, startTime);
    }
    return new ValidatedRequest(
        request,
        correlation,
        domain,
        existing.orElse(null),
        nothingToDo,
        teamed.managedTagKeys(),
        null,
        null,
        ssoUser);
  }

  /** The request against the profile as it is (or its absence), and the role it would have. */
  private void checkAgainstExisting(LifecycleRequest request, Optional<ExistingProfile> existing) {
    checkAgainstProfile(request, existing);
    checkIdentityCenterUser(request, existing);
    checkRoleFits(request);
    if (request.action().carriesSettings() && existing.isPresent()) {
      checkConvergeable(request, existing.get());
    }
  }

  /**
   * An ONBOARD or UPDATE of a profile that exists: it must be ours (or adopted by the request), and
   * not on its way out.
   */
  private static void checkConvergeable(LifecycleRequest request, ExistingProfile profile) {
    if (!profile.managedByUs() && !request.adopts()) {
      throw ProfileConflict.notManaged(request.domainId(), request.userProfileName());
    }
    if (UserProfileStatus.DELETING.toString().equals(profile.status())) {
      throw new ProfileConflict(
          "userProfileName: user profile "
              + request.userProfileName()
              + " is being deleted; onboard again once it is gone");
    }
  }

  /**
   * In an SSO domain, the identity store's user that the request's {@code ssoUserName} names: a
   * name the store does not hold is refused here, before anything is created, as SageMaker would
   * refuse the profile ("must match a valid username of a user in your directory").
   */
  private SsoUser ssoUser(LifecycleRequest request, DomainSummary domain) {
    if (domain.authMode() != DomainAuthMode.SSO
        || request.ssoUserName() == null
        || request.action() == Action.OFFBOARD) {
      return null;
    }
    String storeId = directory.identityStoreId();
    String userId =
        directory
            .userId(request.ssoUserName())
            .orElseThrow(
                () ->
                    new ValidationError(
                        "ssoUserName: IAM Identity Center has no user named '"
                            + request.ssoUserName()
                            + "' (identity store "
                            + storeId
                            + ", user names compared exactly)"));
    return new SsoUser(storeId, userId, request.ssoUserName());
  }

  /**
   * An OFFBOARD or RESTORE that names no domain: the served domains, in order, where a profile of
   * the person exists (in any case) and, for a RESTORE, where an offboarding revoked her access.
   * Each is handled by an execution of its own, which checks, orders and waits as any single-domain
   * request does; this one only looks.
   */
  private ValidatedRequest fanOut(LifecycleRequest request, Correlation correlation) {
    List<FanOutTarget> concerned = new ArrayList<>();
    for (String domainId : new TreeSet<>(servedDomainIds)) {
      Optional<ExistingProfile> profile = existingProfile(request.withDomainId(domainId));
      // A RESTORE concerns the domains where an offboarding revoked the person's access.
      if (profile.isPresent()
          && (request.action() != Action.RESTORE || profile.get().offboardingRequestId() != null)) {
        concerned.add(new FanOutTarget(domainId, request.userProfileName()));
      }
    }
    return ValidatedRequest.fanOut(request, correlation, concerned);
  }

  /**
   * An OFFBOARD from the identity source, which names the person by Identity Center user id only
   * (its delete and disable events carry no user name): the profiles tagged with that id, in the
   * SSO domains among the named one or every served one. Each is offboarded by an execution of its
   * own; the request's userProfileName becomes their names, for the notification.
   */
  private ValidatedRequest fanOutToIdentityCenterUser(
      LifecycleRequest request, Correlation correlation) {
    List<String> domains = new ArrayList<>(new TreeSet<>(servedDomainIds));
    if (request.domainId() != null) {
      checkServed(request.domainId());
      domains = List.of(request.domainId());
    }
    List<FanOutTarget> targets = new ArrayList<>();
    for (String domainId : domains) {
      DomainSummary domain = domain(domainId);
      if (domain.authMode() == DomainAuthMode.SSO) {
        lookups
            .profilesWithTags(domain.domainArn(), domainId)
            .forEach(
                (name, tags) -> {
                  if (request
                      .identityCenterUserId()
                      .equals(tags.get(ManagedTags.IDENTITY_CENTER_USER))) {
                    targets.add(new FanOutTarget(domainId, name));
                  }
                });
      }
    }
    Set<String> names = new TreeSet<>();
    targets.forEach(target -> names.add(target.userProfileName()));
    String shown =
        names.isEmpty()
            ? "Identity Center user " + request.identityCenterUserId()
            : shown(List.copyOf(names));
    return ValidatedRequest.fanOut(request.withUserProfileName(shown), correlation, targets);
  }

  /**
   * The names of a person's profiles, as the fan-out's notice names her: all of them when they fit
   * in {@link #MAX_SHOWN} characters, else the first and how many more. The subject, {@code
   * <action> <names> in <n> domains}, then stays under the 100 characters SNS takes (API reference,
   * Publish).
   */
  private static String shown(List<String> names) {
    String all = String.join(", ", names);
    return all.length() <= MAX_SHOWN ? all : names.get(0) + " and " + (names.size() - 1) + " more";
  }

  /**
   * One profile of an OFFBOARD that names an Identity Center user (a fanned-out execution): the
   * profile must still be that user's, or it is someone else's by now and is left alone.
   */
  private void checkIdentityCenterUser(
      LifecycleRequest request, Optional<ExistingProfile> existing) {
    if (request.identityCenterUserId() == null || existing.isEmpty()) {
      return;
    }
    String tagged =
        lookups.tags(existing.get().userProfileArn()).get(ManagedTags.IDENTITY_CENTER_USER);
    if (!request.identityCenterUserId().equals(tagged)) {
      throw new ValidationError(
          "identityCenterUserId: user profile "
              + request.userProfileName()
              + " in domain "
              + request.domainId()
              + " is not tagged for Identity Center user "
              + request.identityCenterUserId()
              + " (any more): not offboarded");
    }
  }

  /**
   * A RESTORE that finds no profile: the offboarding's retention is over and it deleted the
   * profile, so the rehire becomes the ONBOARD of the same request (its defaults filled in as for
   * any onboarding; in an IAM Identity Center domain it then needs email and ssoUserName, as a hire
   * does).
   */
  private LifecycleRequest rehiredAfterRetention(
      JsonNode raw, String executionName, LifecycleRequest asked) {
    ObjectNode onboard = ((ObjectNode) raw).deepCopy();
    onboard.put("action", Action.ONBOARD.toString());
    if (!onboard.hasNonNull("requestId")) {
      onboard.put("requestId", asked.requestId());
    }
    return validator.validate(onboard, executionName).withDomainId(asked.domainId());
  }

  /** A role this request creates must hold its S3 policy and, later, an offboarding's deny. */
  private static void checkRoleFits(LifecycleRequest request) {
    ExecutionRoleRequest role = request.executionRole();
    if (request.action().carriesSettings() && role != null && role.create() != null) {
      ExecutionRolePolicy.roleOverIamLimit(role.create(), request.userProfileName())
          .ifPresent(
              rule -> {
                throw new ValidationError(rule);
              });
    }
  }

  /** Before any call: the stack's policies reach its own domains only. */
  private void checkServed(String domainId) {
    if (!servedDomainIds.contains(domainId)) {
      throw new ValidationError(
          "domainId: "
              + domainId
              + " is not a domain this stack serves ("
              + String.join(", ", new TreeSet<>(servedDomainIds))
              + ")");
    }
  }

  /** What UPDATE and RESTORE need of the profile. */
  private static void checkAgainstProfile(
      LifecycleRequest request, Optional<ExistingProfile> existing) {
    if (request.action() == Action.UPDATE && existing.isEmpty()) {
      throw new ValidationError(
          "userProfileName: domain "
              + request.domainId()
              + " has no user profile "
              + request.userProfileName()
              + " to update (ONBOARD creates one)");
    }
    if (request.action() == Action.RESTORE) {
      checkRestorable(request, existing);
    }
    if (request.action() == Action.UPDATE
        && existing.isPresent()
        && existing.get().offboardingRequestId() != null) {
      throw new ValidationError(
          "userProfileName: the access of user profile "
              + request.userProfileName()
              + " is revoked by offboarding "
              + existing.get().offboardingRequestId()
              + "; RESTORE or ONBOARD gives it back first");
    }
  }

  /**
   * An offboarding that finds no profile while an onboarding of the person runs: the later event
   * wins, so it waits for the onboarding's profile (the state machine retries), then offboards it.
   */
  private void awaitRunningOnboarding(LifecycleRequest request, String executionArn) {
    Optional<String> onboarding =
        lifecycles.onboarding(executionArn, request.domainId(), request.userProfileName());
    if (onboarding.isPresent()) {
      throw CheckAgain.in(
          30,
          "an onboarding of "
              + request.userProfileName()
              + " is running ("
              + onboarding.get()
              + "): the offboarding waits for it, then offboards");
    }
  }

  /** The profile shows an offboarding: its access revoked (the mark), or it is being deleted. */
  private static boolean offboardingUnderway(Optional<ExistingProfile> existing) {
    return existing.isPresent()
        && (existing.get().offboardingRequestId() != null
            || UserProfileStatus.DELETING.toString().equals(existing.get().status()));
  }

  /**
   * An ONBOARD, UPDATE or RESTORE of a person whose offboarding still runs: the later request wins,
   * so it waits for the offboarding to end (the state machine retries), unless the offboarding
   * waits out its retention in the Retain state: then the request lifts the revoke now, and the
   * offboarding, finding its mark gone, deletes nothing. Anywhere else (deleting apps, spaces or
   * the profile) converging the profile would be undone a moment later.
   */
  private void awaitRunningOffboarding(LifecycleRequest request, String executionArn) {
    lifecycles.awaitOffboardingUnlessRetained(
        executionArn, request.domainId(), request.userProfileName(), request.action().toString());
  }

  /** RESTORE lifts the revoke of an offboarding still in its retention, on a profile of ours. */
  private static void checkRestorable(LifecycleRequest request, Optional<ExistingProfile> found) {
    // Present: a RESTORE that finds no profile was made an ONBOARD (rehiredAfterRetention).
    String name = request.userProfileName();
    if (!found.get().managedByUs()) {
      throw ProfileConflict.notManaged(request.domainId(), name);
    }
    if (found.get().offboardingRequestId() == null) {
      throw new ValidationError(
          "userProfileName: the access of user profile "
              + name
              + " is not revoked by an offboarding, so there is nothing to restore");
    }
  }

  /** When the execution started ({@code $$.Execution.StartTime}), which an execution must give. */
  private static Instant startTime(JsonNode payload) {
    String text = text(payload, "startTime");
    if (text == null) {
      throw new ValidationError(
          "startTime: is required with executionArn ($$.Execution.StartTime)");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new ValidationError("startTime: must be an ISO-8601 timestamp with offset");
    }
  }

  private static void checkPayload(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new ValidationError(
          "payload: must be an object with request, executionArn, executionName and startTime");
    }
    Violations v = new Violations();
    for (Iterator<String> names = payload.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PAYLOAD_FIELDS.contains(name)) {
        v.add(
            name,
            "unknown field (the payload has request, executionArn, executionName and startTime)");
      }
    }
    for (String field : new String[] {"executionArn", "executionName", "startTime"}) {
      JsonNode value = payload.get(field);
      if (value != null && !value.isNull() && !value.isTextual()) {
        v.add(field, "must be a string");
      }
    }
    v.throwIfAny();
  }

  private static String text(JsonNode payload, String field) {
    JsonNode value = payload.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  private DomainSummary domain(String domainId) {
    DescribeDomainResponse domain;
    try {
      domain = sageMaker.describeDomain(DescribeDomainRequest.builder().domainId(domainId).build());
    } catch (ResourceNotFoundException e) {
      throw new DomainNotFound("domainId: SageMaker domain " + domainId + " does not exist", e);
    }
    if (domain.status() != DomainStatus.IN_SERVICE) {
      throw new DomainNotReady(
          "domainId: SageMaker domain "
              + domainId
              + " is "
              + domain.statusAsString()
              + ", not InService");
    }
    DomainAuthMode authMode =
        domain.authMode() == AuthMode.SSO ? DomainAuthMode.SSO : DomainAuthMode.IAM;
    return new DomainSummary(
        domainId,
        domain.domainArn(),
        authMode,
        domain.statusAsString(),
        domain.url(),
        domain.singleSignOnApplicationArn());
  }

  private static void checkAgainstDomain(LifecycleRequest request, DomainSummary domain) {
    Violations v = new Violations();
    if (domain.authMode() == DomainAuthMode.SSO && request.action() == Action.ONBOARD) {
      String why = " (domain " + domain.domainId() + " uses IAM Identity Center)";
      if (request.ssoUserName() == null) {
        v.add("ssoUserName", "is required" + why);
      }
      if (request.email() == null) {
        v.add("email", "is required" + why);
      }
    }
    if (domain.authMode() == DomainAuthMode.IAM && request.ssoUserName() != null) {
      v.add(
          "ssoUserName",
          "not allowed (domain "
              + domain.domainId()
              + " uses IAM authentication, not IAM Identity Center)");
    }
    v.throwIfAny();
  }

  private Optional<ExistingProfile> existingProfile(LifecycleRequest request) {
    Optional<DescribeUserProfileResponse> found =
        lookups.profile(request.domainId(), request.userProfileName());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    DescribeUserProfileResponse profile = found.get();
    Map<String, String> tags = lookups.tags(profile.userProfileArn());
    String roleArn = profile.userSettings() == null ? null : profile.userSettings().executionRole();
    return Optional.of(
        new ExistingProfile(
            profile.userProfileArn(),
            profile.statusAsString(),
            ManagedTags.isManaged(tags),
            roleArn,
            profile.homeEfsFileSystemUid(),
            tags.get(ManagedTags.OFFBOARDING)));
  }
}

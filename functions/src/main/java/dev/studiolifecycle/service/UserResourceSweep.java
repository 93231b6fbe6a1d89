package dev.studiolifecycle.service;

import dev.studiolifecycle.aws.AwsErrorCodes;
import dev.studiolifecycle.error.CheckAgain;
import dev.studiolifecycle.error.ProfileInUse;
import dev.studiolifecycle.error.ResourceFailed;
import dev.studiolifecycle.error.WaitTimedOut;
import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.model.AppTally;
import dev.studiolifecycle.model.DeleteUserProfileInput;
import dev.studiolifecycle.model.DeleteUserResourcesInput;
import dev.studiolifecycle.model.DeleteUserResourcesResult;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.SpaceRef;
import dev.studiolifecycle.model.SpaceTally;
import dev.studiolifecycle.model.SweepStage;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.validation.Violations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DeleteAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SpaceStatus;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

/**
 * The DeleteUserResources step: offboarding's deletions and its wait in one idempotent pass, called
 * again until the profile is gone. Each pass lists what the user has (one paginated ListSpaces and
 * one paginated ListApps of the domain, never a describe per app), then starts every deletion
 * SageMaker allows now: the apps that run or start; each private space whose apps are all gone,
 * while the profile's own apps may still be deleting; the profile once it has no app left running
 * and owns no space. So each space goes as soon as its own apps are gone, and the profile the
 * moment the last of them is.
 *
 * <p>START, the first pass, also refuses a user who owns a shared space before anything is deleted,
 * and returns what it found (counted, the first fifty named) and when the next look is worth it.
 * AWAIT, every later pass, fails with {@code CheckAgainIn30Seconds} while anything is under way,
 * which the state machine retries (one transition per look), until the profile is gone, or with
 * {@code WaitTimedOut} at MaxAppDeletionWaitSeconds, counted in looks. Every deletion is logged
 * with the request's correlation id: the log holds the full list, the state only tallies.
 */
public final class UserResourceSweep {

  private static final Logger LOG = LoggerFactory.getLogger(UserResourceSweep.class);

  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;
  private final UserProfileDeleter profiles;
  private final StudioAssignments assignments;

  /** For IAM domains only: no Identity Center assignment is removed. */
  public UserResourceSweep(SageMakerClient sageMaker) {
    this(sageMaker, null);
  }

  /** {@code assignments} removes the Studio assignment onboarding made, with the profile. */
  public UserResourceSweep(SageMakerClient sageMaker, StudioAssignments assignments) {
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
    this.profiles = new UserProfileDeleter(sageMaker);
    this.assignments = assignments;
  }

  /**
   * One pass.
   *
   * @param timeLeft whether there is time left in this invocation to start another deletion; when
   *     there is not, the rest waits for the next pass
   */
  public DeleteUserResourcesResult sweep(DeleteUserResourcesInput input, BooleanSupplier timeLeft) {
    return sweep(input, timeLeft, (metric, count) -> {});
  }

  /**
   * One pass, telling {@code counts} how many deletions it started ({@code AppsDeleted}, {@code
   * SpacesDeleted}, {@code ProfilesDeleted}) and, on START, how many apps it found to delete.
   */
  public DeleteUserResourcesResult sweep(
      DeleteUserResourcesInput input,
      BooleanSupplier timeLeft,
      ObjIntConsumer<OutcomeMetric> counts) {
    check(input);
    String domainId = input.domainId();
    String user = input.userProfileName();
    Optional<DescribeUserProfileResponse> profile = lookups.profile(domainId, user);
    Optional<DeleteUserResourcesResult> settled = settledWithoutPass(input, profile);
    if (settled.isPresent()) {
      return settled.get();
    }
    UserProfileStatus profileStatus =
        StudioLookups.known(profile.get().status(), UserProfileStatus.UNKNOWN_TO_SDK_VERSION);
    if (profileStatus == UserProfileStatus.DELETE_FAILED) {
      throw new ResourceFailed(
          "user profile " + user + " is Delete_Failed" + reason(profile.get().failureReason()));
    }
    List<SpaceRef> spaces = lookups.privateSpacesOf(domainId, user);
    Set<String> spaceNames = new HashSet<>();
    spaces.forEach(space -> spaceNames.add(space.spaceName()));
    List<AppRef> apps = lookups.userApps(domainId, user, spaceNames);

    Pass pass = new Pass(timeLeft);
    for (AppRef app : apps) {
      pass.app(app);
    }
    if (input.leavesSpacesAndProfile()) {
      if (input.stage() == SweepStage.AWAIT && !pass.anythingUnderWay()) {
        counts.accept(OutcomeMetric.APPS_DELETED, pass.startedApps);
        return finished(input, apps, "KEPT");
      }
    } else {
      if (input.stage() == SweepStage.START) {
        unassign(domainId, profile.get());
      }
      for (SpaceRef space : spaces) {
        pass.space(space, apps);
      }
      pass.profile(domainId, user, profileStatus, spaces.isEmpty(), apps);
    }
    counts.accept(OutcomeMetric.APPS_DELETED, pass.startedApps);
    counts.accept(OutcomeMetric.SPACES_DELETED, pass.startedSpaces);
    counts.accept(OutcomeMetric.PROFILES_DELETED, pass.startedProfile ? 1 : 0);

    if (input.stage() == SweepStage.START) {
      DeleteUserResourcesResult started = started(input, pass, apps, spaces, profile.get());
      counts.accept(OutcomeMetric.APPS_PLANNED_FOR_DELETION, started.apps().count());
      return started;
    }
    return awaited(input, pass);
  }

  /**
   * The answer when there is nothing to sweep: no profile (none to start with, or gone), or a
   * profile that is no longer this offboarding's (restored, or made anew since).
   */
  private Optional<DeleteUserResourcesResult> settledWithoutPass(
      DeleteUserResourcesInput input, Optional<DescribeUserProfileResponse> profile) {
    String user = input.userProfileName();
    if (profile.isEmpty()) {
      return Optional.of(
          input.stage() == SweepStage.START
              ? nothingToDelete("NOT_FOUND", null)
              : finished(
                  input, lookups.userApps(input.domainId(), user, spaceNames(input)), "DELETED"));
    }
    if (input.stage() == SweepStage.START && superseded(input, profile.get())) {
      return Optional.of(nothingToDelete("RESTORED", profile.get().homeEfsFileSystemUid()));
    }
    if (input.stage() == SweepStage.AWAIT && anotherProfile(input.start(), profile.get())) {
      // The profile this offboarding deleted is gone and a later onboarding made a new one of
      // that name: not this offboarding's to delete (no extra call: the creation time tells).
      LOG.info("offboarding stops: user profile {} is a new one, created since", user);
      return Optional.of(finished(input, List.of(), "RESTORED"));
    }
    return Optional.empty();
  }

  /**
   * An SSO profile that goes: the Studio assignment onboarding made goes first (an onboarding
   * undone before its profile is even ready, whose profile SageMaker may not delete yet). After an
   * offboarding's RevokeAccess there is nothing left to do.
   */
  private void unassign(String domainId, DescribeUserProfileResponse profile) {
    if (assignments != null && profile.singleSignOnUserValue() != null) {
      assignments.unassign(
          domainId, profile.userProfileArn(), lookups.tags(profile.userProfileArn()), false);
    }
  }

  /** A first pass that deletes nothing: the profile is gone, or its access was given back. */
  private static DeleteUserResourcesResult nothingToDelete(String userProfile, String efsUid) {
    return new DeleteUserResourcesResult(
        true,
        0,
        AppTally.of(List.of()),
        SpaceTally.of(List.of()),
        AppTally.of(List.of()),
        userProfile,
        efsUid,
        null);
  }

  /** Whether {@code profile} was created at another time than the one the first pass found. */
  private static boolean anotherProfile(
      DeleteUserResourcesResult start, DescribeUserProfileResponse profile) {
    return start != null
        && start.profileCreatedAt() != null
        && profile.creationTime() != null
        && !start.profileCreatedAt().equals(profile.creationTime().toString());
  }

  /**
   * Whether the profile no longer carries this offboarding's mark (put at revoke): a RESTORE or an
   * onboarding gave the access back, a later offboarding took over, or the profile is a new one. A
   * pass that names no offboarding (invoked directly) deletes what it finds.
   */
  private boolean superseded(DeleteUserResourcesInput input, DescribeUserProfileResponse profile) {
    if (input.offboardingRequestId() == null) {
      return false;
    }
    String mark = lookups.tags(profile.userProfileArn()).get(ManagedTags.OFFBOARDING);
    if (input.offboardingRequestId().equals(mark)) {
      return false;
    }
    LOG.info(
        "offboarding {} deletes nothing: the profile's offboarding mark is {}",
        input.offboardingRequestId(),
        mark == null ? "gone (restored)" : mark);
    return true;
  }

  private static void check(DeleteUserResourcesInput input) {
    Violations v = new Violations();
    v.require("domainId", input.domainId());
    v.require("userProfileName", input.userProfileName());
    v.require("stage", input.stage());
    v.throwIfAny();
    if (input.stage() == SweepStage.START) {
      v.require("usualAppDeletionSeconds", input.usualAppDeletionSeconds());
    } else {
      v.require("firstWaitSeconds", input.firstWaitSeconds());
      v.require("retryCount", input.retryCount());
      v.require("limitSeconds", input.limitSeconds());
      v.require("start", input.start());
    }
    v.throwIfAny();
  }

  /** What one pass saw and started. */
  private final class Pass {
    private final BooleanSupplier timeLeft;
    private final List<String> underWay = new ArrayList<>();
    private final List<AppRef> failed = new ArrayList<>();
    private final Set<String> busySpaces = new HashSet<>();
    private int startedApps;
    private int startedSpaces;
    private boolean startedProfile;
    private int notStarted;

    Pass(BooleanSupplier timeLeft) {
      this.timeLeft = timeLeft;
    }

    void app(AppRef app) {
      switch (StudioLookups.known(
          AppStatus.fromValue(app.status()), AppStatus.UNKNOWN_TO_SDK_VERSION)) {
        case IN_SERVICE, PENDING -> {
          if (!timeLeft.getAsBoolean()) {
            notStarted++;
            busy(app, "waits for the next pass");
            return;
          }
          deleteApp(app);
        }
        case DELETED -> {
          // Gone: nothing stands in the way.
        }
        case FAILED -> failed.add(app);
        // Deleting, or a status newer than this SDK: wait until SageMaker settles it.
        default -> busy(app, app.status());
      }
    }

    private void deleteApp(AppRef app) {
      try {
        sageMaker.deleteApp(
            DeleteAppRequest.builder()
                .domainId(app.domainId())
                .userProfileName(app.userProfileName())
                .spaceName(app.spaceName())
                .appType(app.appType())
                .appName(app.appName())
                .build());
        startedApps++;
        LOG.info("DeleteApp started: {}", app.describe());
        busy(app, "Deleting");
      } catch (ResourceNotFoundException e) {
        // Gone since the listing.
      } catch (SageMakerException e) {
        if (!refusal(e)) {
          throw e;
        }
        // Deleting or Failed since the listing, or not deletable yet: the next look tells.
        busy(app, "refused (" + AwsErrorCodes.code(e) + "), looked at again next pass");
      }
    }

    private void busy(AppRef app, String why) {
      underWay.add(app.describe() + ": " + why);
      if (app.spaceName() != null) {
        busySpaces.add(app.spaceName());
      }
    }

    void space(SpaceRef space, List<AppRef> apps) {
      SpaceStatus status =
          StudioLookups.known(
              SpaceStatus.fromValue(space.status()), SpaceStatus.UNKNOWN_TO_SDK_VERSION);
      if (status == SpaceStatus.DELETE_FAILED) {
        throw new ResourceFailed("space " + space.spaceName() + " is Delete_Failed");
      }
      if (status == SpaceStatus.DELETING) {
        underWay.add("space " + space.spaceName() + ": Deleting");
        return;
      }
      if (busySpaces.contains(space.spaceName())) {
        underWay.add("space " + space.spaceName() + ": waits for its apps");
        return;
      }
      try {
        sageMaker.deleteSpace(
            DeleteSpaceRequest.builder()
                .domainId(space.domainId())
                .spaceName(space.spaceName())
                .build());
        startedSpaces++;
        LOG.info("DeleteSpace started: {}", space.spaceName());
        underWay.add("space " + space.spaceName() + ": Deleting");
      } catch (ResourceNotFoundException e) {
        // Gone since the listing.
      } catch (SageMakerException e) {
        if (!refusal(e)) {
          throw e;
        }
        underWay.add(
            "space "
                + space.spaceName()
                + ": refused ("
                + AwsErrorCodes.code(e)
                + "), looked at again next pass");
      }
    }

    void profile(
        String domainId,
        String user,
        UserProfileStatus status,
        boolean ownsNoSpace,
        List<AppRef> apps) {
      if (status == UserProfileStatus.DELETING) {
        underWay.add("user profile " + user + ": Deleting");
        return;
      }
      boolean appsGone =
          apps.stream()
              .filter(app -> app.spaceName() == null)
              .allMatch(app -> isSettled(app) || failed.contains(app));
      if (!ownsNoSpace || !appsGone) {
        underWay.add("user profile " + user + ": waits for its apps and spaces");
        return;
      }
      try {
        DeletionOutcome outcome =
            profiles.delete(new DeleteUserProfileInput(null, domainId, user)).outcome();
        if (outcome == DeletionOutcome.DELETING) {
          startedProfile = true;
          LOG.info("DeleteUserProfile started: {}", user);
        }
        if (outcome != DeletionOutcome.NOT_FOUND) {
          underWay.add("user profile " + user + ": Deleting");
        }
      } catch (ProfileInUse e) {
        // An app or space appeared since the listing: the next pass deletes it first.
        underWay.add("user profile " + user + ": in use (" + e.getMessage() + ")");
      }
    }

    boolean anythingUnderWay() {
      return !underWay.isEmpty();
    }

    String underWaySummary() {
      int shown = Math.min(10, underWay.size());
      String first = String.join("; ", underWay.subList(0, shown));
      return underWay.size() > shown
          ? first + "; and " + (underWay.size() - shown) + " more"
          : first;
    }
  }

  /**
   * SageMaker refusing a deletion the listing made look possible: ResourceInUse (already deleting,
   * or a space with apps) or ValidationException (an app not in a deletable state).
   */
  private static boolean refusal(SageMakerException e) {
    return e instanceof ResourceInUseException || AwsErrorCodes.isValidationException(e);
  }

  private static boolean isSettled(AppRef app) {
    AppStatus status =
        StudioLookups.known(AppStatus.fromValue(app.status()), AppStatus.UNKNOWN_TO_SDK_VERSION);
    return status == AppStatus.DELETED || status == AppStatus.FAILED;
  }

  private DeleteUserResourcesResult started(
      DeleteUserResourcesInput input,
      Pass pass,
      List<AppRef> apps,
      List<SpaceRef> spaces,
      DescribeUserProfileResponse profile) {
    List<AppRef> toDelete =
        apps.stream().filter(app -> !isSettled(app) && !pass.failed.contains(app)).toList();
    int next;
    if (!pass.anythingUnderWay()) {
      next = 0;
    } else if (pass.notStarted > 0) {
      next = 0;
    } else if (pass.startedApps > 0) {
      next = input.usualAppDeletionSeconds();
    } else {
      next = DeleteUserResourcesResult.POLL_SECONDS;
    }
    if (input.limitSeconds() != null) {
      // Never wait past the bound for the first look.
      next = Math.min(next, input.limitSeconds());
    }
    return new DeleteUserResourcesResult(
        false,
        next,
        AppTally.of(toDelete),
        SpaceTally.of(spaces),
        AppTally.of(pass.failed),
        pass.startedProfile ? "DELETING" : "NOT_STARTED",
        profile.homeEfsFileSystemUid(),
        profile.creationTime() == null ? null : profile.creationTime().toString());
  }

  private DeleteUserResourcesResult awaited(DeleteUserResourcesInput input, Pass pass) {
    int waited =
        input.firstWaitSeconds() + input.retryCount() * DeleteUserResourcesResult.POLL_SECONDS;
    String left = pass.underWaySummary();
    if (waited + DeleteUserResourcesResult.POLL_SECONDS > input.limitSeconds()) {
      throw new WaitTimedOut(
          "gave up after "
              + waited
              + " seconds (MaxAppDeletionWaitSeconds "
              + input.limitSeconds()
              + "); still in progress: "
              + left);
    }
    throw CheckAgain.in(DeleteUserResourcesResult.POLL_SECONDS, "still in progress: " + left);
  }

  /**
   * The profile is gone ({@code DELETED}), or, in a pass that leaves it, every app is settled
   * ({@code KEPT}): what START found to delete, less what ended Failed instead, is what was
   * deleted; the user's Failed apps are left alone.
   */
  private static DeleteUserResourcesResult finished(
      DeleteUserResourcesInput input, List<AppRef> appsNow, String userProfile) {
    DeleteUserResourcesResult start = input.start();
    List<AppRef> failedNow =
        appsNow.stream()
            .filter(
                app ->
                    StudioLookups.known(
                            AppStatus.fromValue(app.status()), AppStatus.UNKNOWN_TO_SDK_VERSION)
                        == AppStatus.FAILED)
            .toList();
    Set<String> failedNames = new HashSet<>();
    failedNow.forEach(app -> failedNames.add(key(app)));
    List<AppRef> deletedListed =
        start.apps().listed().stream()
            .filter(app -> !failedNames.contains(key(app)))
            .map(
                app ->
                    new AppRef(
                        app.domainId(),
                        app.userProfileName(),
                        app.spaceName(),
                        app.appType(),
                        app.appName(),
                        AppStatus.DELETED.toString()))
            .toList();
    int failedDuringRun = Math.max(0, failedNow.size() - start.failedApps().count());
    int deletedCount = Math.max(0, start.apps().count() - failedDuringRun);
    return new DeleteUserResourcesResult(
        true,
        0,
        new AppTally(deletedCount, deletedListed),
        start.spaces(),
        AppTally.of(failedNow),
        userProfile,
        start.homeEfsFileSystemUid(),
        start.profileCreatedAt());
  }

  private static Set<String> spaceNames(DeleteUserResourcesInput input) {
    Set<String> names = new HashSet<>();
    if (input.start() != null) {
      input.start().spaces().listed().forEach(space -> names.add(space.spaceName()));
    }
    return names;
  }

  private static String key(AppRef app) {
    return app.spaceName()
        + "/"
        + app.userProfileName()
        + "/"
        + app.appType()
        + "/"
        + app.appName();
  }

  private static String reason(String failureReason) {
    return failureReason == null || failureReason.isBlank() ? "" : ": " + failureReason;
  }
}

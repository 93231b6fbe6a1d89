package dev.studiolifecycle.service;

import dev.studiolifecycle.error.CheckAgain;
import dev.studiolifecycle.error.ResourceFailed;
import dev.studiolifecycle.error.WaitTimedOut;
import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.ProfileRef;
import dev.studiolifecycle.model.ResourceKind;
import dev.studiolifecycle.model.SpaceRef;
import dev.studiolifecycle.model.StatusItem;
import dev.studiolifecycle.model.StatusMode;
import dev.studiolifecycle.model.StatusReport;
import dev.studiolifecycle.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.SpaceStatus;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

/**
 * The CheckStatus step: describes each app, space and the profile once and sorts them into in
 * progress, done and failed for the mode. The state machine's Wait loop calls it until the report
 * is complete; it never waits itself.
 */
public final class StatusChecker {

  /** Reported as the status of a resource SageMaker no longer knows. */
  public static final String NOT_FOUND = "NotFound";

  private final StudioLookups lookups;

  public StatusChecker(SageMakerClient sageMaker) {
    this.lookups = new StudioLookups(sageMaker);
  }

  public StatusReport check(CheckStatusInput input) {
    Violations v = new Violations();
    v.require("mode", input.mode());
    if (input.apps().isEmpty() && input.spaces().isEmpty() && input.profile() == null) {
      v.add("apps/spaces/profile", "at least one app, space or profile is required");
    }
    v.throwIfAny();
    Report report = new Report();
    boolean deletion = input.mode() == StatusMode.AWAIT_DELETION;
    for (AppRef app : input.apps()) {
      checkApp(app, deletion, report);
    }
    for (SpaceRef space : input.spaces()) {
      checkSpace(space, deletion, report);
    }
    if (input.profile() != null) {
      checkProfile(input.profile(), deletion, report);
    }
    StatusReport result =
        StatusReport.of(input.mode(), report.inProgress, report.done, report.failed);
    return input.limitSeconds() == null ? result : endOfPoll(input, result);
  }

  /** The poll interval of CheckStatus' Retry entry in the state machine. */
  public static final int POLL_SECONDS = 10;

  /**
   * A poll of the wait that CheckStatus is itself: the report when everything is done, else the
   * error that tells the state machine what next.
   */
  private static StatusReport endOfPoll(CheckStatusInput input, StatusReport report) {
    if (report.anyFailed()) {
      throw new ResourceFailed(
          "waiting for " + describe(report.failed()) + " ended in a failed state");
    }
    if (report.complete()) {
      return report;
    }
    int retries = input.retryCount() == null ? 0 : input.retryCount();
    int waited = retries * POLL_SECONDS;
    if (waited + POLL_SECONDS > input.limitSeconds()) {
      throw new WaitTimedOut(
          "gave up after "
              + waited
              + " seconds (limit "
              + input.limitSeconds()
              + "); still in progress: "
              + describe(report.inProgress()));
    }
    throw CheckAgain.in(POLL_SECONDS, "still in progress: " + describe(report.inProgress()));
  }

  private static String describe(List<StatusItem> items) {
    return items.stream()
        .map(
            item ->
                switch (item.kind()) {
                      case APP -> "app " + item.appType() + "/" + item.appName();
                      case SPACE -> "space " + item.spaceName();
                      case PROFILE -> "user profile " + item.userProfileName();
                    }
                    + " is "
                    + item.status()
                    + (item.failureReason() == null ? "" : " (" + item.failureReason() + ")"))
        .collect(Collectors.joining(", "));
  }

  private static final class Report {
    private final List<StatusItem> inProgress = new ArrayList<>();
    private final List<StatusItem> done = new ArrayList<>();
    private final List<StatusItem> failed = new ArrayList<>();
  }

  private void checkApp(AppRef app, boolean deletion, Report report) {
    Optional<DescribeAppResponse> found = lookups.app(app);
    String status = found.map(DescribeAppResponse::statusAsString).orElse(NOT_FOUND);
    String reason = found.map(DescribeAppResponse::failureReason).orElse(null);
    AppStatus known =
        found
            .map(a -> StudioLookups.known(a.status(), AppStatus.UNKNOWN_TO_SDK_VERSION))
            .orElse(null);
    if (deletion) {
      if (known == null || known == AppStatus.DELETED) {
        report.done.add(app(app, status, null));
      } else if (known == AppStatus.FAILED) {
        report.failed.add(app(app, status, orDefault(reason, "app is Failed; left alone")));
      } else {
        report.inProgress.add(app(app, status, null));
      }
    } else if (known == AppStatus.IN_SERVICE) {
      report.done.add(app(app, status, null));
    } else if (known == AppStatus.PENDING) {
      report.inProgress.add(app(app, status, null));
    } else {
      report.failed.add(
          app(app, status, orDefault(reason, "app is " + status + ", not InService")));
    }
  }

  private void checkSpace(SpaceRef space, boolean deletion, Report report) {
    Optional<DescribeSpaceResponse> found = lookups.space(space.domainId(), space.spaceName());
    String status = found.map(DescribeSpaceResponse::statusAsString).orElse(NOT_FOUND);
    String reason = found.map(DescribeSpaceResponse::failureReason).orElse(null);
    SpaceStatus known =
        found
            .map(s -> StudioLookups.known(s.status(), SpaceStatus.UNKNOWN_TO_SDK_VERSION))
            .orElse(null);
    if (deletion) {
      if (known == null) {
        report.done.add(space(space, status, null));
      } else if (known == SpaceStatus.DELETE_FAILED || known == SpaceStatus.FAILED) {
        report.failed.add(space(space, status, orDefault(reason, "space is " + status)));
      } else {
        report.inProgress.add(space(space, status, null));
      }
    } else if (known == SpaceStatus.IN_SERVICE) {
      report.done.add(space(space, status, null));
    } else if (known == SpaceStatus.PENDING || known == SpaceStatus.UPDATING) {
      report.inProgress.add(space(space, status, null));
    } else {
      report.failed.add(
          space(space, status, orDefault(reason, "space is " + status + ", not InService")));
    }
  }

  private void checkProfile(ProfileRef profile, boolean deletion, Report report) {
    Optional<DescribeUserProfileResponse> found =
        lookups.profile(profile.domainId(), profile.userProfileName());
    String status = found.map(DescribeUserProfileResponse::statusAsString).orElse(NOT_FOUND);
    String reason = found.map(DescribeUserProfileResponse::failureReason).orElse(null);
    UserProfileStatus known =
        found
            .map(p -> StudioLookups.known(p.status(), UserProfileStatus.UNKNOWN_TO_SDK_VERSION))
            .orElse(null);
    if (deletion) {
      if (known == null) {
        report.done.add(profile(profile, status, null));
      } else if (known == UserProfileStatus.DELETE_FAILED) {
        report.failed.add(profile(profile, status, orDefault(reason, "profile deletion failed")));
      } else {
        report.inProgress.add(profile(profile, status, null));
      }
    } else if (known == UserProfileStatus.IN_SERVICE) {
      report.done.add(profile(profile, status, null));
    } else if (known == UserProfileStatus.PENDING || known == UserProfileStatus.UPDATING) {
      report.inProgress.add(profile(profile, status, null));
    } else {
      report.failed.add(
          profile(profile, status, orDefault(reason, "profile is " + status + ", not InService")));
    }
  }

  private static StatusItem app(AppRef app, String status, String reason) {
    return new StatusItem(
        ResourceKind.APP,
        app.domainId(),
        app.userProfileName(),
        app.spaceName(),
        app.appType(),
        app.appName(),
        status,
        reason);
  }

  private static StatusItem space(SpaceRef space, String status, String reason) {
    return new StatusItem(
        ResourceKind.SPACE, space.domainId(), null, space.spaceName(), null, null, status, reason);
  }

  private static StatusItem profile(ProfileRef profile, String status, String reason) {
    return new StatusItem(
        ResourceKind.PROFILE,
        profile.domainId(),
        profile.userProfileName(),
        null,
        null,
        null,
        status,
        reason);
  }

  private static String orDefault(String reason, String fallback) {
    return reason == null || reason.isBlank() ? fallback : reason;
  }
}

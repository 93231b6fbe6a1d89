package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.CheckAgainIn10Seconds;
import dev.studiolifecycle.error.ResourceFailed;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.error.WaitTimedOut;
import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.ProfileRef;
import dev.studiolifecycle.model.ResourceKind;
import dev.studiolifecycle.model.SpaceRef;
import dev.studiolifecycle.model.StatusItem;
import dev.studiolifecycle.model.StatusMode;
import dev.studiolifecycle.model.StatusReport;
import dev.studiolifecycle.testing.AwsErrors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.SpaceStatus;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

class StatusCheckerTest {

  private static final Correlation CORRELATION = new Correlation("hr-1", null);
  private static final ProfileRef PROFILE = new ProfileRef("d-a", "jane-doe");

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final StatusChecker checker = new StatusChecker(sageMaker);

  private void profile(UserProfileStatus status, String reason) {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder().status(status).failureReason(reason).build());
  }

  private StatusReport profileReport(StatusMode mode) {
    return checker.check(new CheckStatusInput(CORRELATION, mode, null, null, PROFILE));
  }

  @ParameterizedTest
  @CsvSource({
    "InService,done",
    "Pending,inProgress",
    "Updating,inProgress",
    "Failed,failed",
    "Update_Failed,failed",
    "Deleting,failed"
  })
  void awaitingAReadyProfile(String status, String bucket) {
    profile(UserProfileStatus.fromValue(status), null);
    StatusReport report = profileReport(StatusMode.AWAIT_READY);
    assertThat(listOf(report, bucket)).extracting(StatusItem::status).containsExactly(status);
    assertThat(report.complete()).isEqualTo(!bucket.equals("inProgress"));
    assertThat(report.anyFailed()).isEqualTo(bucket.equals("failed"));
  }

  private StatusReport awaitReady(int retryCount, int limitSeconds) {
    return checker.check(
        new CheckStatusInput(
            CORRELATION, StatusMode.AWAIT_READY, null, null, PROFILE, retryCount, limitSeconds));
  }

  @Test
  void asTheWaitItselfAProfileStillPendingAsksForAnotherLookInTenSeconds() {
    profile(UserProfileStatus.PENDING, null);
    assertThatThrownBy(() -> awaitReady(0, 600))
        .isInstanceOf(CheckAgainIn10Seconds.class)
        .hasMessage("still in progress: user profile jane-doe is Pending");
  }

  @Test
  void asTheWaitItselfAReadyProfileEndsTheWaitWithTheReport() {
    profile(UserProfileStatus.IN_SERVICE, null);
    assertThat(awaitReady(3, 600).complete()).isTrue();
  }

  @Test
  void asTheWaitItselfAFailedProfileEndsItWithSageMakersReason() {
    profile(UserProfileStatus.FAILED, "Execution role cannot be assumed");
    assertThatThrownBy(() -> awaitReady(1, 600))
        .isInstanceOf(ResourceFailed.class)
        .hasMessage(
            "waiting for user profile jane-doe is Failed (Execution role cannot be assumed)"
                + " ended in a failed state");
  }

  /** 600 seconds at one look every 10: looks 0 to 59 may ask for another, the 61st gives up. */
  @Test
  void asTheWaitItselfItGivesUpAtItsBoundCountedInPolls() {
    profile(UserProfileStatus.PENDING, null);
    assertThatThrownBy(() -> awaitReady(59, 600)).isInstanceOf(CheckAgainIn10Seconds.class);
    assertThatThrownBy(() -> awaitReady(60, 600))
        .isInstanceOf(WaitTimedOut.class)
        .hasMessage(
            "gave up after 600 seconds (limit 600); still in progress: user profile jane-doe"
                + " is Pending");
  }

  @Test
  void aFailedProfileCarriesSageMakersReason() {
    profile(UserProfileStatus.FAILED, "Execution role cannot be assumed");
    StatusItem failed = profileReport(StatusMode.AWAIT_READY).failed().get(0);
    assertThat(failed)
        .isEqualTo(
            new StatusItem(
                ResourceKind.PROFILE,
                "d-a",
                "jane-doe",
                null,
                null,
                null,
                "Failed",
                "Execution role cannot be assumed"));
  }

  @Test
  void aMissingProfileFailsWhileAwaitingReadyAndIsDoneWhileAwaitingDeletion() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    assertThat(profileReport(StatusMode.AWAIT_READY).failed())
        .extracting(StatusItem::status)
        .containsExactly("NotFound");
    StatusReport deletion = profileReport(StatusMode.AWAIT_DELETION);
    assertThat(deletion.done()).extracting(StatusItem::status).containsExactly("NotFound");
    assertThat(deletion.complete()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"Deleting,inProgress", "Delete_Failed,failed", "InService,inProgress"})
  void awaitingProfileDeletion(String status, String bucket) {
    profile(UserProfileStatus.fromValue(status), null);
    assertThat(listOf(profileReport(StatusMode.AWAIT_DELETION), bucket)).hasSize(1);
  }

  @Test
  void awaitingAppAndSpaceDeletion() {
    AppRef gone = new AppRef("d-a", "jane-doe", null, "JupyterServer", "gone", "InService");
    AppRef deleted = new AppRef("d-a", "jane-doe", null, "JupyterServer", "deleted", "InService");
    AppRef deleting =
        new AppRef("d-a", null, "jane-private", "JupyterLab", "deleting", "InService");
    AppRef failed = new AppRef("d-a", null, "jane-private", "JupyterLab", "failed", "InService");
    when(sageMaker.describeApp(
            argThat((DescribeAppRequest r) -> r != null && "gone".equals(r.appName()))))
        .thenThrow(AwsErrors.sageMakerNotFound());
    when(sageMaker.describeApp(
            argThat((DescribeAppRequest r) -> r != null && "deleted".equals(r.appName()))))
        .thenReturn(DescribeAppResponse.builder().status(AppStatus.DELETED).build());
    when(sageMaker.describeApp(
            argThat((DescribeAppRequest r) -> r != null && "deleting".equals(r.appName()))))
        .thenReturn(DescribeAppResponse.builder().status(AppStatus.DELETING).build());
    when(sageMaker.describeApp(
            argThat((DescribeAppRequest r) -> r != null && "failed".equals(r.appName()))))
        .thenReturn(
            DescribeAppResponse.builder().status(AppStatus.FAILED).failureReason("OOM").build());
    when(sageMaker.describeSpace(
            argThat((DescribeSpaceRequest r) -> r != null && "s1".equals(r.spaceName()))))
        .thenReturn(DescribeSpaceResponse.builder().status(SpaceStatus.DELETING).build());
    when(sageMaker.describeSpace(
            argThat((DescribeSpaceRequest r) -> r != null && "s2".equals(r.spaceName()))))
        .thenThrow(AwsErrors.sageMakerNotFound());
    when(sageMaker.describeSpace(
            argThat((DescribeSpaceRequest r) -> r != null && "s3".equals(r.spaceName()))))
        .thenReturn(DescribeSpaceResponse.builder().status(SpaceStatus.DELETE_FAILED).build());

    StatusReport report =
        checker.check(
            new CheckStatusInput(
                CORRELATION,
                StatusMode.AWAIT_DELETION,
                List.of(gone, deleted, deleting, failed),
                List.of(
                    new SpaceRef("d-a", "s1", null),
                    new SpaceRef("d-a", "s2", null),
                    new SpaceRef("d-a", "s3", null)),
                null));

    assertThat(report.done())
        .extracting(i -> i.appName() != null ? i.appName() : i.spaceName())
        .containsExactly("gone", "deleted", "s2");
    assertThat(report.inProgress())
        .extracting(i -> i.appName() != null ? i.appName() : i.spaceName())
        .containsExactly("deleting", "s1");
    assertThat(report.failed())
        .extracting(
            i -> i.appName() != null ? i.appName() : i.spaceName(), StatusItem::failureReason)
        .containsExactly(tuple("failed", "OOM"), tuple("s3", "space is Delete_Failed"));
    assertThat(report.complete()).isFalse();
    assertThat(report.anyFailed()).isTrue();
  }

  @Test
  void awaitingReadyAppsAndSpaces() {
    when(sageMaker.describeApp(any(DescribeAppRequest.class)))
        .thenReturn(DescribeAppResponse.builder().status(AppStatus.PENDING).build());
    when(sageMaker.describeSpace(any(DescribeSpaceRequest.class)))
        .thenReturn(DescribeSpaceResponse.builder().status(SpaceStatus.IN_SERVICE).build());
    StatusReport report =
        checker.check(
            new CheckStatusInput(
                CORRELATION,
                StatusMode.AWAIT_READY,
                List.of(new AppRef("d-a", null, "s", "JupyterLab", "default", null)),
                List.of(new SpaceRef("d-a", "s", null)),
                null));
    assertThat(report.inProgress()).extracting(StatusItem::kind).containsExactly(ResourceKind.APP);
    assertThat(report.done()).extracting(StatusItem::kind).containsExactly(ResourceKind.SPACE);
  }

  @Test
  void needsAModeAndSomethingToCheck() {
    assertThatThrownBy(
            () -> checker.check(new CheckStatusInput(CORRELATION, null, null, null, null)))
        .isInstanceOf(ValidationError.class)
        .hasMessage(
            "mode: is required; apps/spaces/profile: at least one app, space or profile is"
                + " required");
  }

  private static List<StatusItem> listOf(StatusReport report, String bucket) {
    return switch (bucket) {
      case "done" -> report.done();
      case "inProgress" -> report.inProgress();
      default -> report.failed();
    };
  }
}

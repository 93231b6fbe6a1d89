package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.CheckAgainIn30Seconds;
import dev.studiolifecycle.error.ResourceFailed;
import dev.studiolifecycle.model.AppTally;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.DeleteUserResourcesInput;
import dev.studiolifecycle.model.DeleteUserResourcesResult;
import dev.studiolifecycle.model.SpaceTally;
import dev.studiolifecycle.model.SweepStage;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.testing.AwsErrors;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DeleteAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListAppsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListAppsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListSpacesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListSpacesResponse;
import software.amazon.awssdk.services.sagemaker.model.OwnershipSettingsSummary;
import software.amazon.awssdk.services.sagemaker.model.SharingType;
import software.amazon.awssdk.services.sagemaker.model.SpaceDetails;
import software.amazon.awssdk.services.sagemaker.model.SpaceSharingSettingsSummary;
import software.amazon.awssdk.services.sagemaker.model.SpaceStatus;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

/**
 * The decisions of one offboarding pass, for the answers the emulator cannot be made to give in the
 * middle of a pass (a refusal between the listing and the deletion, the invocation's clock running
 * out). Everything that crosses the SDK is proven against the emulator in local/.
 */
class UserResourceSweepTest {

  private static final Correlation CORRELATION = new Correlation("hr-1", null);

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final UserResourceSweep sweep = new UserResourceSweep(sageMaker);

  @BeforeEach
  void janeExists() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder()
                .status(UserProfileStatus.IN_SERVICE)
                .homeEfsFileSystemUid("200001")
                .build());
    spaces();
  }

  private void apps(AppDetails... apps) {
    when(sageMaker.listApps(any(ListAppsRequest.class)))
        .thenReturn(ListAppsResponse.builder().apps(apps).build());
  }

  private void spaces(SpaceDetails... spaces) {
    when(sageMaker.listSpaces(any(ListSpacesRequest.class)))
        .thenReturn(ListSpacesResponse.builder().spaces(spaces).build());
  }

  private static AppDetails app(String name, AppStatus status) {
    return AppDetails.builder()
        .domainId("d-a")
        .userProfileName("jane-doe")
        .appType("KernelGateway")
        .appName(name)
        .status(status)
        .build();
  }

  private static SpaceDetails privateSpace(String name, SpaceStatus status) {
    return SpaceDetails.builder()
        .domainId("d-a")
        .spaceName(name)
        .status(status)
        .ownershipSettingsSummary(
            OwnershipSettingsSummary.builder().ownerUserProfileName("jane-doe").build())
        .spaceSharingSettingsSummary(
            SpaceSharingSettingsSummary.builder().sharingType(SharingType.PRIVATE).build())
        .build();
  }

  private static DeleteUserResourcesInput start() {
    return new DeleteUserResourcesInput(
        CORRELATION, "d-a", "jane-doe", SweepStage.START, 120, null, null, 1800, null, false, null);
  }

  private static DeleteUserResourcesInput await(int retryCount) {
    DeleteUserResourcesResult found =
        new DeleteUserResourcesResult(
            false,
            120,
            AppTally.of(List.of()),
            SpaceTally.of(List.of()),
            AppTally.of(List.of()),
            "NOT_STARTED",
            "200001",
            "2026-01-05T09:00:00Z");
    return new DeleteUserResourcesInput(
        CORRELATION,
        "d-a",
        "jane-doe",
        SweepStage.AWAIT,
        null,
        120,
        retryCount,
        1800,
        found,
        false,
        null);
  }

  @Test
  void aDeletionRefusedSinceTheListingIsLookedAtAgainNextPassNotFailed() {
    apps(app("gone-meanwhile", AppStatus.IN_SERVICE));
    when(sageMaker.deleteApp(any(DeleteAppRequest.class))).thenThrow(AwsErrors.sageMakerInUse());

    assertThatThrownBy(() -> sweep.sweep(await(0), () -> true))
        .isInstanceOf(CheckAgainIn30Seconds.class)
        .hasMessageContaining("gone-meanwhile")
        .hasMessageContaining("refused (ResourceInUse), looked at again next pass");
    verify(sageMaker, never()).deleteUserProfile(any(DeleteUserProfileRequest.class));
  }

  @Test
  void aPassOutOfTimeStartsNoMoreAndAsksForTheNextPassAtOnce() {
    apps(app("a", AppStatus.IN_SERVICE), app("b", AppStatus.IN_SERVICE));
    AtomicInteger looks = new AtomicInteger();
    Map<OutcomeMetric, Integer> counted = new EnumMap<>(OutcomeMetric.class);

    DeleteUserResourcesResult result =
        sweep.sweep(start(), () -> looks.getAndIncrement() == 0, counted::put);

    verify(sageMaker, times(1)).deleteApp(any(DeleteAppRequest.class));
    assertThat(result.nextCheckSeconds()).as("the rest now, not in 2 minutes").isZero();
    assertThat(result.apps().count()).isEqualTo(2);
    assertThat(counted)
        .containsEntry(OutcomeMetric.APPS_DELETED, 1)
        .containsEntry(OutcomeMetric.APPS_PLANNED_FOR_DELETION, 2);
  }

  @Test
  void theFirstLookWaitsNoLongerThanTheBound() {
    apps(app("a", AppStatus.IN_SERVICE));
    DeleteUserResourcesInput shortBound =
        new DeleteUserResourcesInput(
            CORRELATION,
            "d-a",
            "jane-doe",
            SweepStage.START,
            120,
            null,
            null,
            60,
            null,
            false,
            null);

    assertThat(sweep.sweep(shortBound, () -> true).nextCheckSeconds()).isEqualTo(60);
  }

  @Test
  void aSpaceIsDeletedWhileTheProfilesOwnAppIsStillDeleting() {
    spaces(privateSpace("jane-private", SpaceStatus.IN_SERVICE));
    apps(app("slow", AppStatus.DELETING));

    assertThatThrownBy(() -> sweep.sweep(await(0), () -> true))
        .isInstanceOf(CheckAgainIn30Seconds.class);
    verify(sageMaker).deleteSpace(any(DeleteSpaceRequest.class));
    verify(sageMaker, never()).deleteUserProfile(any(DeleteUserProfileRequest.class));
  }

  @Test
  void aSpaceWhoseDeletionFailedEndsTheOffboarding() {
    spaces(privateSpace("jane-private", SpaceStatus.DELETE_FAILED));
    apps();

    assertThatThrownBy(() -> sweep.sweep(await(0), () -> true))
        .isInstanceOf(ResourceFailed.class)
        .hasMessage("space jane-private is Delete_Failed");
  }

  @Test
  void theProfileGoesOnlyOnceNoAppRunsAndNoSpaceIsLeft() {
    apps(app("done", AppStatus.DELETED), app("broken", AppStatus.FAILED));

    assertThatThrownBy(() -> sweep.sweep(await(3), () -> true))
        .isInstanceOf(CheckAgainIn30Seconds.class)
        .hasMessage("still in progress: user profile jane-doe: Deleting");
    verify(sageMaker).deleteUserProfile(any(DeleteUserProfileRequest.class));
    verify(sageMaker, never()).deleteApp(any(DeleteAppRequest.class));
  }
}

package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.SharedSpaceOwned;
import dev.studiolifecycle.model.AppDeletionPlan;
import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.ListAppsInput;
import dev.studiolifecycle.model.SpaceRef;
import dev.studiolifecycle.testing.AwsErrors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.AppType;
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

class AppDeletionPlannerTest {

  private static final String DOMAIN = "d-abc123def456";

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final AppDeletionPlanner planner = new AppDeletionPlanner(sageMaker);

  private static AppDetails userApp(String name, AppStatus status) {
    return AppDetails.builder()
        .domainId(DOMAIN)
        .userProfileName("jane-doe")
        .appType(AppType.JUPYTER_SERVER)
        .appName(name)
        .status(status)
        .build();
  }

  private static AppDetails spaceApp(String space, String name, AppStatus status) {
    return AppDetails.builder()
        .domainId(DOMAIN)
        .spaceName(space)
        .appType(AppType.JUPYTER_LAB)
        .appName(name)
        .status(status)
        .build();
  }

  private static SpaceDetails space(String name, SharingType sharing, String owner) {
    return SpaceDetails.builder()
        .domainId(DOMAIN)
        .spaceName(name)
        .status(SpaceStatus.IN_SERVICE)
        .spaceSharingSettingsSummary(
            SpaceSharingSettingsSummary.builder().sharingType(sharing).build())
        .ownershipSettingsSummary(
            OwnershipSettingsSummary.builder().ownerUserProfileName(owner).build())
        .build();
  }

  private static ListAppsInput input() {
    return new ListAppsInput(new Correlation("hr-1", null), DOMAIN, "jane-doe");
  }

  @Test
  void refusesAUserWhoOwnsASharedSpaceBeforeAnythingIsDeleted() {
    when(sageMaker.listApps(any(ListAppsRequest.class)))
        .thenReturn(
            ListAppsResponse.builder().apps(userApp("default", AppStatus.IN_SERVICE)).build());
    when(sageMaker.listSpaces(argThat((ListSpacesRequest r) -> r != null && r.nextToken() == null)))
        .thenReturn(
            ListSpacesResponse.builder()
                .spaces(space("jane-private", SharingType.PRIVATE, "jane-doe"))
                .nextToken("spaces-2")
                .build());
    when(sageMaker.listSpaces(
            argThat((ListSpacesRequest r) -> r != null && "spaces-2".equals(r.nextToken()))))
        .thenReturn(
            ListSpacesResponse.builder()
                .spaces(space("team-analytics", SharingType.SHARED, "jane-doe"))
                .build());

    assertThatThrownBy(() -> planner.plan(input()))
        .isInstanceOf(SharedSpaceOwned.class)
        .hasMessageStartingWith("userProfileName: jane-doe owns the shared space(s) team-analytics")
        .hasMessageContaining("Nothing was deleted");
  }

  @Test
  void plansTheUsersAppsAndPrivateSpacesAcrossPages() {
    when(sageMaker.listApps(
            argThat(
                (ListAppsRequest r) ->
                    r != null
                        && "jane-doe".equals(r.userProfileNameEquals())
                        && r.nextToken() == null)))
        .thenReturn(
            ListAppsResponse.builder()
                .apps(userApp("default", AppStatus.IN_SERVICE), userApp("old", AppStatus.DELETED))
                .nextToken("apps-2")
                .build());
    when(sageMaker.listApps(
            argThat((ListAppsRequest r) -> r != null && "apps-2".equals(r.nextToken()))))
        .thenReturn(
            ListAppsResponse.builder()
                .apps(userApp("kernel", AppStatus.PENDING), userApp("gone", AppStatus.DELETING))
                .build());
    when(sageMaker.listApps(
            argThat(
                (ListAppsRequest r) -> r != null && "jane-private".equals(r.spaceNameEquals()))))
        .thenReturn(
            ListAppsResponse.builder()
                .apps(
                    spaceApp("jane-private", "default", AppStatus.IN_SERVICE),
                    spaceApp("jane-private", "broken", AppStatus.FAILED))
                .build());
    when(sageMaker.listSpaces(argThat((ListSpacesRequest r) -> r != null && r.nextToken() == null)))
        .thenReturn(
            ListSpacesResponse.builder()
                .spaces(
                    space("team-shared", SharingType.SHARED, "john-roe"),
                    space("john-private", SharingType.PRIVATE, "john-roe"))
                .nextToken("spaces-2")
                .build());
    when(sageMaker.listSpaces(
            argThat((ListSpacesRequest r) -> r != null && "spaces-2".equals(r.nextToken()))))
        .thenReturn(
            ListSpacesResponse.builder()
                .spaces(space("jane-private", SharingType.PRIVATE, "jane-doe"))
                .build());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(DescribeUserProfileResponse.builder().homeEfsFileSystemUid("200005").build());

    AppDeletionPlan plan = planner.plan(input());

    assertThat(plan.appsToDelete())
        .containsExactly(
            new AppRef(DOMAIN, "jane-doe", null, "JupyterServer", "default", "InService"),
            new AppRef(DOMAIN, "jane-doe", null, "JupyterServer", "kernel", "Pending"),
            new AppRef(DOMAIN, null, "jane-private", "JupyterLab", "default", "InService"));
    assertThat(plan.appsToWaitFor()).extracting(AppRef::appName).containsExactly("gone");
    assertThat(plan.appsLeftAlone())
        .extracting(AppRef::appName, AppRef::status)
        .containsExactly(tuple("old", "Deleted"), tuple("broken", "Failed"));
    assertThat(plan.spacesToDelete())
        .containsExactly(new SpaceRef(DOMAIN, "jane-private", "InService"));
    assertThat(plan.appsToAwait()).hasSize(4);
    assertThat(plan.homeEfsFileSystemUid()).isEqualTo("200005");
    assertThat(plan.hasAppsToDelete()).isTrue();
    assertThat(plan.hasSpacesToDelete()).isTrue();

    ArgumentCaptor<ListSpacesRequest> spaces = ArgumentCaptor.forClass(ListSpacesRequest.class);
    verify(sageMaker, times(2)).listSpaces(spaces.capture());
    assertThat(spaces.getAllValues())
        .extracting(ListSpacesRequest::domainIdEquals)
        .containsOnly(DOMAIN);
    ArgumentCaptor<ListAppsRequest> apps = ArgumentCaptor.forClass(ListAppsRequest.class);
    verify(sageMaker, times(3)).listApps(apps.capture());
    assertThat(apps.getAllValues())
        .extracting(ListAppsRequest::domainIdEquals)
        .containsOnly(DOMAIN);
    assertThat(apps.getAllValues())
        .extracting(ListAppsRequest::spaceNameEquals)
        .containsExactly(null, null, "jane-private")
        .doesNotContain("team-shared", "john-private");
  }

  @Test
  void aUserWithoutAppsOrProfileHasAnEmptyPlan() {
    when(sageMaker.listApps(any(ListAppsRequest.class)))
        .thenReturn(ListAppsResponse.builder().apps(List.of()).build());
    when(sageMaker.listSpaces(any(ListSpacesRequest.class)))
        .thenReturn(ListSpacesResponse.builder().spaces(List.of()).build());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    AppDeletionPlan plan = planner.plan(input());
    assertThat(plan.hasAppsToDelete()).isFalse();
    assertThat(plan.hasAppsToAwait()).isFalse();
    assertThat(plan.hasSpacesToDelete()).isFalse();
    assertThat(plan.homeEfsFileSystemUid()).isNull();
  }
}

package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.model.IdleShutdown;
import dev.studiolifecycle.model.RStudioAccess;
import dev.studiolifecycle.model.SpaceStorage;
import dev.studiolifecycle.testing.RequestBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.JupyterLabAppSettings;
import software.amazon.awssdk.services.sagemaker.model.ResourceSpec;
import software.amazon.awssdk.services.sagemaker.model.StudioWebPortalSettings;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

class ProfileConvergenceTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/studio-lifecycle/studio-frank";
  private static final String LIFECYCLE_CONFIG =
      "arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/install-tools";

  private static UserSettings wanted(RequestBuilder request) {
    return UserProfileCreator.userSettings(request.build(), ROLE);
  }

  @Test
  void aTeamMoveChangesEverySettingAndTagTheRequestDecidesAndListsEachChange() {
    UserSettings current =
        wanted(
            RequestBuilder.onboard()
                .jupyterLab(null, "ml.t3.medium")
                .rstudio(RStudioAccess.USER)
                .jumpStart(false));
    UserSettings target =
        wanted(
            RequestBuilder.onboard()
                .jupyterLab(null, "ml.m5.large")
                .rstudio(RStudioAccess.ADMIN)
                .jumpStart(true));

    ProfileConvergence plan =
        ProfileConvergence.plan(
            current,
            target,
            Map.of("team", "ml-platform", "managed-by", "studio-lifecycle"),
            Map.of("team", "risk"),
            List.of());

    UserSettings update = plan.settingsUpdate().orElseThrow();
    assertThat(update.executionRole()).as("the role did not change, so it is not sent").isNull();
    assertThat(update.jupyterLabAppSettings().defaultResourceSpec().instanceTypeAsString())
        .isEqualTo("ml.m5.large");
    assertThat(update.rStudioServerProAppSettings().userGroupAsString())
        .isEqualTo("R_STUDIO_ADMIN");
    assertThat(update.studioWebPortalSettings().hiddenMlTools()).isEmpty();
    assertThat(plan.tagsToSet()).containsExactly(Map.entry("team", "risk"));
    assertThat(plan.changes())
        .containsExactly(
            "JupyterLabAppSettings.DefaultResourceSpec.InstanceType: ml.t3.medium -> ml.m5.large",
            "RStudioServerProAppSettings: ENABLED R_STUDIO_USER -> ENABLED R_STUDIO_ADMIN",
            "StudioWebPortalSettings.HiddenMlTools: JumpStart -> (none)",
            "tag team: ml-platform -> risk");
  }

  @Test
  void aProfileAlreadyAsRequestedNeedsNothing() {
    UserSettings settings =
        wanted(RequestBuilder.onboard().jupyterLab(null, "ml.t3.medium").projects(false));

    ProfileConvergence plan =
        ProfileConvergence.plan(
            settings,
            settings,
            Map.of("team", "ml", "managed-by", "studio-lifecycle"),
            Map.of("team", "ml"),
            List.of());

    assertThat(plan.unchanged()).isTrue();
    assertThat(plan.settingsUpdate()).isEmpty();
    assertThat(plan.tagsToSet()).isEmpty();
  }

  @Test
  void keepsWhatAnAdministratorSetBesideTheRequestsFields() {
    UserSettings current =
        UserSettings.builder()
            .executionRole(ROLE)
            .jupyterLabAppSettings(
                JupyterLabAppSettings.builder()
                    .lifecycleConfigArns(LIFECYCLE_CONFIG)
                    .defaultResourceSpec(
                        ResourceSpec.builder().instanceType("ml.t3.medium").build())
                    .build())
            .studioWebPortalSettings(
                StudioWebPortalSettings.builder().hiddenMlToolsWithStrings("Canvas").build())
            .build();

    ProfileConvergence plan =
        ProfileConvergence.plan(
            current,
            wanted(RequestBuilder.onboard().jupyterLab(null, "ml.m5.large").projects(false)),
            Map.of(),
            Map.of(),
            List.of());

    UserSettings update = plan.settingsUpdate().orElseThrow();
    assertThat(update.jupyterLabAppSettings().lifecycleConfigArns())
        .as("the member is sent whole, so what the request does not decide is kept")
        .containsExactly(LIFECYCLE_CONFIG);
    assertThat(update.studioWebPortalSettings().hiddenMlToolsAsStrings())
        .containsExactly("Canvas", "Projects");
  }

  @Test
  void aSettingTheRequestLeavesOutIsLeftAsItIs() {
    UserSettings current = wanted(RequestBuilder.onboard().rstudio(RStudioAccess.USER));

    ProfileConvergence plan =
        ProfileConvergence.plan(
            current,
            wanted(RequestBuilder.onboard()),
            Map.of("cost-center", "42"),
            Map.of(),
            List.of());

    assertThat(plan.unchanged()).isTrue();
  }

  @Test
  void aNewRoleAndANewTagAreChangesFromNone() {
    ProfileConvergence plan =
        ProfileConvergence.plan(
            UserSettings.builder().executionRole("arn:aws:iam::123456789012:role/Old").build(),
            wanted(RequestBuilder.onboard()),
            Map.of(),
            Map.of("team", "risk"),
            List.of());

    assertThat(plan.settingsUpdate().orElseThrow().executionRole()).isEqualTo(ROLE);
    assertThat(plan.changes())
        .isEqualTo(
            List.of(
                "ExecutionRole: arn:aws:iam::123456789012:role/Old -> " + ROLE,
                "tag team: (none) -> risk"));
  }

  @Test
  void aTagTheTeamSettingsManageIsDeletedWhenTheRequestNoLongerAsksForIt() {
    ProfileConvergence plan =
        ProfileConvergence.plan(
            wanted(RequestBuilder.onboard()),
            wanted(RequestBuilder.onboard()),
            Map.of("team", "ml-platform", "cost-center", "cc-ml", "owner", "frank"),
            Map.of("team", "risk"),
            List.of("team", "cost-center"));

    assertThat(plan.tagsToSet()).containsExactly(Map.entry("team", "risk"));
    assertThat(plan.tagsToDelete())
        .as("owner is no team's key: left")
        .containsExactly("cost-center");
    assertThat(plan.changes())
        .containsExactlyInAnyOrder(
            "tag team: ml-platform -> risk", "tag cost-center: cc-ml -> (none)");
  }

  @Test
  void idleShutdownAndSpaceStorageConvergeEachMemberSentWholeWithWhatTheProfileHadBeside() {
    UserSettings current =
        wanted(RequestBuilder.onboard().jupyterLab(null, "ml.t3.medium")).toBuilder()
            .jupyterLabAppSettings(
                JupyterLabAppSettings.builder()
                    .defaultResourceSpec(
                        ResourceSpec.builder().instanceType("ml.t3.medium").build())
                    .lifecycleConfigArns(LIFECYCLE_CONFIG)
                    .build())
            .build();
    UserSettings target =
        wanted(
            RequestBuilder.onboard()
                .idleShutdown(new IdleShutdown(120, 60, 240))
                .spaceStorage(new SpaceStorage(20, 100)));

    ProfileConvergence plan =
        ProfileConvergence.plan(current, target, Map.of(), Map.of(), List.of());

    UserSettings update = plan.settingsUpdate().orElseThrow();
    assertThat(update.jupyterLabAppSettings().lifecycleConfigArns())
        .as("what an administrator set beside it stays")
        .containsExactly(LIFECYCLE_CONFIG);
    assertThat(update.jupyterLabAppSettings().defaultResourceSpec().instanceTypeAsString())
        .isEqualTo("ml.t3.medium");
    assertThat(
            update
                .codeEditorAppSettings()
                .appLifecycleManagement()
                .idleSettings()
                .idleTimeoutInMinutes())
        .isEqualTo(120);
    assertThat(update.spaceStorageSettings().defaultEbsStorageSettings().maximumEbsVolumeSizeInGb())
        .isEqualTo(100);
    assertThat(plan.changes())
        .containsExactly(
            "JupyterLabAppSettings.AppLifecycleManagement.IdleSettings: (none) -> ENABLED, idle 120 min,"
                + " min 60 min, max 240 min",
            "CodeEditorAppSettings.AppLifecycleManagement.IdleSettings: (none) -> ENABLED, idle 120 min,"
                + " min 60 min, max 240 min",
            "SpaceStorageSettings.DefaultEbsStorageSettings: (none) -> 20 GB (max 100 GB)");

    ProfileConvergence again =
        ProfileConvergence.plan(
            current.toBuilder()
                .jupyterLabAppSettings(update.jupyterLabAppSettings())
                .codeEditorAppSettings(update.codeEditorAppSettings())
                .spaceStorageSettings(update.spaceStorageSettings())
                .build(),
            target,
            Map.of(),
            Map.of(),
            List.of());
    assertThat(again.unchanged()).isTrue();
  }

  @Test
  void hiddenInstanceTypesTheRequestNamesReplaceTheProfilesAndHiddenToolsStay() {
    UserSettings current =
        wanted(RequestBuilder.onboard().jumpStart(false).hiddenInstanceTypes("ml.p4d.24xlarge"));

    ProfileConvergence plan =
        ProfileConvergence.plan(
            current,
            wanted(
                RequestBuilder.onboard()
                    .jumpStart(false)
                    .hiddenInstanceTypes("ml.g5.48xlarge", "ml.p5.48xlarge")),
            Map.of(),
            Map.of(),
            List.of());

    StudioWebPortalSettings portal = plan.settingsUpdate().orElseThrow().studioWebPortalSettings();
    assertThat(portal.hiddenInstanceTypesAsStrings())
        .containsExactly("ml.g5.48xlarge", "ml.p5.48xlarge");
    assertThat(portal.hiddenMlToolsAsStrings()).containsExactly("JumpStart");
    assertThat(plan.changes())
        .containsExactly(
            "StudioWebPortalSettings.HiddenInstanceTypes: ml.p4d.24xlarge -> ml.g5.48xlarge,"
                + " ml.p5.48xlarge");
    assertThat(
            ProfileConvergence.plan(
                    current,
                    wanted(RequestBuilder.onboard().jumpStart(false)),
                    Map.of(),
                    Map.of(),
                    List.of())
                .unchanged())
        .as("a request that names no hidden types leaves them")
        .isTrue();
  }
}

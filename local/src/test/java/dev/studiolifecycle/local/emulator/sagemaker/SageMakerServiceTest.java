package dev.studiolifecycle.local.emulator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppType;
import software.amazon.awssdk.services.sagemaker.model.CreateAppRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.JupyterLabAppSettings;
import software.amazon.awssdk.services.sagemaker.model.ListAppsResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.ResourceSpec;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SpaceDetails;
import software.amazon.awssdk.services.sagemaker.model.StudioWebPortalSettings;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

class SageMakerServiceTest {

  private static final String IAM_DOMAIN = "d-iamdomain0001";
  private static final String SSO_DOMAIN = "d-ssodomain0001";
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/studio-exec";
  private static final String ASSUME_ROLE_MESSAGE =
      "Could not assume role %s. Please ensure that the role exists and allows principal "
          + "'sagemaker.amazonaws.com' to assume the role.";

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final EmulatorClients clients = aws.clients();
  private final SageMakerClient sageMaker = aws.clients().sageMaker;
  private final VirtualClock clock = emulator.virtualClock();

  @BeforeEach
  void seed() {
    emulator.iam().seedRole(RoleSeed.sageMakerExecutionRole("studio-exec"));
    emulator.sageMaker().seedDomain(DomainSeed.iam(IAM_DOMAIN, "studio"));
    emulator.identityCenter().seedUser("jane", "Jane Doe", "jane@example.com");
    emulator.identityCenter().seedUser("jane.doe", "Jane Doe", "jane.doe@example.com");
    emulator.sageMaker().seedDomain(DomainSeed.sso(SSO_DOMAIN, "studio-sso"));
  }

  // ------------------------------------------------------------ user profiles

  @Test
  void userProfileIsPendingThenInServiceAfterTenSecondsOfVirtualTime() {
    String arn = createProfile("jane-doe", settings -> {}).userProfileArn();

    assertThat(arn)
        .isEqualTo(
            "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-iamdomain0001/jane-doe");
    assertThat(describeProfile("jane-doe").statusAsString()).isEqualTo("Pending");
    clock.advance(Duration.ofSeconds(9));
    assertThat(describeProfile("jane-doe").statusAsString()).isEqualTo("Pending");
    clock.advance(Duration.ofSeconds(1));
    DescribeUserProfileResponse profile = describeProfile("jane-doe");
    assertThat(profile.statusAsString()).isEqualTo("InService");
    assertThat(profile.homeEfsFileSystemUid()).matches("\\d+");
    assertThat(profile.creationTime()).isEqualTo(VirtualClock.DEFAULT_ORIGIN);
    assertThat(profile.lastModifiedTime()).isEqualTo(VirtualClock.DEFAULT_ORIGIN.plusSeconds(10));
  }

  @Test
  void describeReturnsTheUserSettingsExactlyAsSent() {
    UserSettings settings =
        UserSettings.builder()
            .executionRole(ROLE_ARN)
            .jupyterLabAppSettings(
                JupyterLabAppSettings.builder()
                    .defaultResourceSpec(
                        ResourceSpec.builder()
                            .instanceType("ml.t3.large")
                            .sageMakerImageArn(
                                "arn:aws:sagemaker:us-east-1:081325390199:"
                                    + "image/sagemaker-distribution-cpu")
                            .build())
                    .build())
            .studioWebPortalSettings(
                StudioWebPortalSettings.builder()
                    .hiddenMlToolsWithStrings("JumpStart", "Projects")
                    .build())
            .build();
    createProfile("jane-doe", request -> request.userSettings(settings));

    assertThat(describeProfile("jane-doe").userSettings()).isEqualTo(settings);
  }

  @Test
  void refusesNamesThatBreakTheModelPatternsWithAwsValidationMessages() {
    assertValidation(
        () -> createProfile("jane_doe", r -> {}),
        "1 validation error detected: Value 'jane_doe' at 'userProfileName' failed to satisfy "
            + "constraint: Member must satisfy regular expression pattern: "
            + "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    assertValidation(() -> createProfile("-jane", r -> {}), "at 'userProfileName'");
    assertValidation(
        () -> createProfile("a".repeat(64), r -> {}),
        "Member must have length less than or equal to 63");
    assertValidation(
        () -> sageMaker.describeUserProfile(r -> r.domainId("D-UPPER").userProfileName("x")),
        "at 'domainId' failed to satisfy constraint");
    assertValidation(
        () -> createProfile("jane", r -> r.userSettings(s -> s.executionRole("not-an-arn"))),
        "at 'userSettings.executionRole'");
    assertValidation(
        () ->
            createProfile(
                "jane",
                r ->
                    r.userSettings(
                        s ->
                            s.jupyterLabAppSettings(
                                j ->
                                    j.defaultResourceSpec(
                                        spec -> spec.sageMakerImageArn("image:latest"))))),
        "at 'userSettings.jupyterLabAppSettings.defaultResourceSpec.sageMakerImageArn'");
    assertValidation(
        () -> sageMaker.describeUserProfile(r -> r.domainId(IAM_DOMAIN)),
        "Value null at 'userProfileName' failed to satisfy constraint: Member must not be null");
    assertThat(emulator.sageMaker().userProfileStatus(IAM_DOMAIN, "jane")).isEmpty();
  }

  @Test
  void countsEveryViolationInOneValidationMessage() {
    assertValidation(
        () -> sageMaker.createUserProfile(r -> r.domainId("bad").userProfileName("bad_name")),
        "2 validation errors detected: Value 'bad' at 'domainId'");
  }

  @Test
  void refusesAnExecutionRoleThatDoesNotExistWithTheExactAssumeRoleMessage() {
    String missing = "arn:aws:iam::123456789012:role/missing";

    assertThatThrownBy(
            () -> createProfile("jane", r -> r.userSettings(s -> s.executionRole(missing))))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(ASSUME_ROLE_MESSAGE.formatted(missing));
            });
  }

  @Test
  void refusesAnExecutionRoleThatDoesNotTrustSageMaker() {
    emulator
        .iam()
        .seedRole(
            RoleSeed.sageMakerExecutionRole("lambda-only")
                .withTrustPolicy(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}"));
    String arn = "arn:aws:iam::123456789012:role/lambda-only";

    assertValidationExactly(
        () -> createProfile("jane", r -> r.userSettings(s -> s.executionRole(arn))),
        ASSUME_ROLE_MESSAGE.formatted(arn));
  }

  @Test
  void refusesARoleCreatedLessThanThePropagationDelayAgo() {
    emulator.iam().setPropagationDelay(Duration.ofSeconds(8));
    String arn =
        clients
            .iam
            .createRole(
                r -> r.roleName("fresh").assumeRolePolicyDocument(RoleSeed.SAGEMAKER_TRUST_POLICY))
            .role()
            .arn();

    assertValidationExactly(
        () -> createProfile("jane", r -> r.userSettings(s -> s.executionRole(arn))),
        ASSUME_ROLE_MESSAGE.formatted(arn));
    clock.advance(Duration.ofSeconds(7));
    assertValidationExactly(
        () -> createProfile("jane", r -> r.userSettings(s -> s.executionRole(arn))),
        ASSUME_ROLE_MESSAGE.formatted(arn));
    clock.advance(Duration.ofSeconds(1));
    createProfile("jane", r -> r.userSettings(s -> s.executionRole(arn)));
    assertThat(describeProfile("jane").userSettings().executionRole()).isEqualTo(arn);
  }

  @Test
  void ssoDomainsRequireTheSingleSignOnFieldsAndIamDomainsRefuseThem() {
    assertValidation(
        () -> sageMaker.createUserProfile(r -> r.domainId(SSO_DOMAIN).userProfileName("jane")),
        "SingleSignOnUserIdentifier and SingleSignOnUserValue are " + "required");
    assertValidation(
        () ->
            createProfile(
                "jane",
                r ->
                    r.singleSignOnUserIdentifier("UserName")
                        .singleSignOnUserValue("jane@example.com")),
        "not supported for domain " + IAM_DOMAIN);
    assertValidation(
        () ->
            sageMaker.createUserProfile(
                r ->
                    r.domainId(SSO_DOMAIN)
                        .userProfileName("jane")
                        .singleSignOnUserIdentifier("Email")
                        .singleSignOnUserValue("jane")),
        "at 'singleSignOnUserIdentifier'");
    assertValidation(
        () ->
            sageMaker.createUserProfile(
                r ->
                    r.domainId(SSO_DOMAIN)
                        .userProfileName("jane")
                        .singleSignOnUserIdentifier("UserName")
                        .singleSignOnUserValue("jane.roe")),
        "SingleSignOnUserValue jane.roe is not the user name of a user in the IAM Identity Center"
            + " directory");
    assertThat(sageMaker.describeDomain(r -> r.domainId(SSO_DOMAIN)).singleSignOnApplicationArn())
        .isEqualTo(emulator.identityCenter().applicationOf(SSO_DOMAIN).orElseThrow())
        .matches("arn:aws:sso::123456789012:application/ssoins-[0-9a-f]{16}/apl-[0-9a-f]{16}");
    assertThat(sageMaker.describeDomain(r -> r.domainId(IAM_DOMAIN)).singleSignOnApplicationArn())
        .isNull();

    sageMaker.createUserProfile(
        r ->
            r.domainId(SSO_DOMAIN)
                .userProfileName("jane")
                .singleSignOnUserIdentifier("UserName")
                .singleSignOnUserValue("jane.doe"));

    DescribeUserProfileResponse profile =
        sageMaker.describeUserProfile(r -> r.domainId(SSO_DOMAIN).userProfileName("jane"));
    assertThat(profile.singleSignOnUserIdentifier()).isEqualTo("UserName");
    assertThat(profile.singleSignOnUserValue()).isEqualTo("jane.doe");
    assertThatThrownBy(
            () ->
                sageMaker.createUserProfile(
                    r ->
                        r.domainId(SSO_DOMAIN)
                            .userProfileName("jane-again")
                            .singleSignOnUserIdentifier("UserName")
                            .singleSignOnUserValue("jane.doe")))
        .isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void duplicateUserProfileIsResourceInUse() {
    createProfile("jane", r -> {});

    assertThatThrownBy(() -> createProfile("jane", r -> {}))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("user-profile/d-iamdomain0001/jane already exists");
  }

  /** The API reference is silent; the stricter reading refuses until the profile settles. */
  @Test
  void aProfileStillPendingCannotBeDeletedUntilItIsInService() {
    createProfile("jane", r -> {});

    assertThatThrownBy(() -> deleteProfile("jane"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("is in status Pending and cannot be deleted until it settles");
    assertThat(describeProfile("jane").statusAsString()).isEqualTo("Pending");
  }

  /** SageMaker API reference, CreateUserProfile: UserProfileName "is not case sensitive". */
  @Test
  void userProfileNamesAreNotCaseSensitive() {
    createProfile("Jane-Doe", r -> {});

    assertThatThrownBy(() -> createProfile("jane-doe", r -> {}))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("user-profile/d-iamdomain0001/Jane-Doe already exists");
    assertThat(describeProfile("JANE-DOE").userProfileName()).isEqualTo("Jane-Doe");
    clock.advance(Duration.ofSeconds(10));
    launchApp("jane-doe", "JupyterServer", "default");
    assertThat(listApps("jAnE-dOe"))
        .extracting(AppDetails::userProfileName)
        .containsExactly("Jane-Doe");
    assertThat(describeApp("JANE-doe", "JupyterServer", "default").userProfileName())
        .isEqualTo("Jane-Doe");
    assertThatThrownBy(() -> deleteProfile("jane-DOE"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("JupyterServer/default");
    deleteApp("JANE-DOE", "JupyterServer", "default");
    clock.advance(Duration.ofMinutes(2));
    deleteProfile("jane-doe");
    assertThat(describeProfile("Jane-Doe").statusAsString()).isEqualTo("Deleting");
  }

  /** The API reference says nothing of case for space names: they are matched as written. */
  @Test
  void spaceNamesAreMatchedAsWrittenAndTheirOwnerInAnyCase() {
    profileInService("jane");
    for (String space : List.of("Notes", "notes")) {
      sageMaker.createSpace(
          r ->
              r.domainId(IAM_DOMAIN)
                  .spaceName(space)
                  .ownershipSettings(o -> o.ownerUserProfileName("JANE"))
                  .spaceSharingSettings(sh -> sh.sharingType("Private")));
    }

    assertThat(sageMaker.listSpaces(r -> r.domainIdEquals(IAM_DOMAIN)).spaces())
        .extracting(SpaceDetails::spaceName)
        .containsExactlyInAnyOrder("Notes", "notes");
    assertThat(
            sageMaker
                .describeSpace(r -> r.domainId(IAM_DOMAIN).spaceName("Notes"))
                .ownershipSettings()
                .ownerUserProfileName())
        .isEqualTo("jane");
    assertThatThrownBy(() -> deleteProfile("Jane"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("owns spaces");
  }

  @Test
  void missingProfileAndDomainAreResourceNotFoundNamingTheArn() {
    assertThatThrownBy(() -> describeProfile("ghost"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith(
            "User profile arn:aws:sagemaker:us-east-1:123456789012:"
                + "user-profile/d-iamdomain0001/ghost does not exist.");
    assertThatThrownBy(
            () ->
                sageMaker.createUserProfile(
                    r -> r.domainId("d-nosuchdomain").userProfileName("jane")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("domain/d-nosuchdomain does not exist");
  }

  @Test
  void deletingAUserProfileIsRefusedWhileItHasAppsThatAreNotDeletedOrFailed() {
    profileInService("jane");
    launchApp("jane", "JupyterServer", "default");
    launchApp("jane", "KernelGateway", "kg-1");
    emulator
        .sageMaker()
        .adjustApps(
            AppSelector.app(IAM_DOMAIN, "jane", "KernelGateway", null),
            AppBehaviour::failingOnCreate);
    launchApp("jane", "KernelGateway", "kg-failing");
    clock.advance(Duration.ofMinutes(3));

    assertThatThrownBy(() -> deleteProfile("jane"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageStartingWith(
            "Unable to delete user profile"
                + " arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-iamdomain0001/jane"
                + " because it has apps that are not Deleted or Failed: ")
        .hasMessageContaining("JupyterServer/default (InService)")
        .hasMessageContaining("KernelGateway/kg-1 (InService)")
        .hasMessageNotContaining("kg-failing");
    deleteApp("jane", "JupyterServer", "default");
    deleteApp("jane", "KernelGateway", "kg-1");
    assertThatThrownBy(() -> deleteProfile("jane"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("(Deleting)");
    clock.advance(Duration.ofMinutes(2));

    deleteProfile("jane");
    assertThat(describeProfile("jane").statusAsString()).isEqualTo("Deleting");
  }

  @Test
  void deletingAUserProfileIsRefusedWhileItOwnsSpaces() {
    profileInService("jane");
    sageMaker.createSpace(
        r ->
            r.domainId(IAM_DOMAIN)
                .spaceName("jane-space")
                .ownershipSettings(o -> o.ownerUserProfileName("jane"))
                .spaceSharingSettings(s -> s.sharingType("Private")));

    assertThatThrownBy(() -> deleteProfile("jane"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("owns spaces: jane-space");
  }

  @Test
  void deletedUserProfileIsDeletingThenGone() {
    profileInService("jane");
    deleteProfile("jane");

    assertThat(describeProfile("jane").statusAsString()).isEqualTo("Deleting");
    assertThatThrownBy(() -> deleteProfile("jane")).isInstanceOf(ResourceInUseException.class);
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> describeProfile("jane")).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> deleteProfile("jane")).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void profileWhoseDeletionFailsEndsInDeleteFailedWithAReason() {
    profileInService("jane");
    emulator.sageMaker().failUserProfileDeletion(IAM_DOMAIN, "jane");

    deleteProfile("jane");
    clock.advance(Duration.ofSeconds(30));

    DescribeUserProfileResponse profile = describeProfile("jane");
    assertThat(profile.statusAsString()).isEqualTo("Delete_Failed");
    assertThat(profile.failureReason()).isNotBlank();
    deleteProfile("jane");
    clock.advance(Duration.ofHours(1));
    assertThat(describeProfile("jane").statusAsString()).isEqualTo("Delete_Failed");
  }

  @Test
  void seededDeleteFailedProfileShowsItsStatusAndReason() {
    emulator
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(IAM_DOMAIN, "stuck")
                .withStatus(ResourceStatus.DELETE_FAILED)
                .withFailureReason("EFS busy"));

    DescribeUserProfileResponse profile = describeProfile("stuck");
    assertThat(profile.statusAsString()).isEqualTo("Delete_Failed");
    assertThat(profile.failureReason()).isEqualTo("EFS busy");
  }

  @Test
  void updateMergesTheNamedSettingsAndPassesThroughUpdating() {
    createProfile(
        "jane", r -> r.userSettings(s -> s.executionRole(ROLE_ARN).defaultLandingUri("studio::")));
    assertThatThrownBy(
            () ->
                sageMaker.updateUserProfile(
                    r ->
                        r.domainId(IAM_DOMAIN)
                            .userProfileName("jane")
                            .userSettings(s -> s.defaultLandingUri("app:JupyterServer:"))))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("status Pending");
    clock.advance(Duration.ofSeconds(10));

    sageMaker.updateUserProfile(
        r ->
            r.domainId(IAM_DOMAIN)
                .userProfileName("jane")
                .userSettings(s -> s.defaultLandingUri("app:JupyterServer:")));

    DescribeUserProfileResponse profile = describeProfile("jane");
    assertThat(profile.statusAsString()).isEqualTo("Updating");
    assertThat(profile.userSettings().executionRole()).isEqualTo(ROLE_ARN);
    assertThat(profile.userSettings().defaultLandingUri()).isEqualTo("app:JupyterServer:");
    clock.advance(Duration.ofSeconds(5));
    assertThat(describeProfile("jane").statusAsString()).isEqualTo("InService");
    String missing = "arn:aws:iam::123456789012:role/gone";
    assertValidationExactly(
        () ->
            sageMaker.updateUserProfile(
                r ->
                    r.domainId(IAM_DOMAIN)
                        .userProfileName("jane")
                        .userSettings(s -> s.executionRole(missing))),
        ASSUME_ROLE_MESSAGE.formatted(missing));
  }

  @Test
  void listUserProfilesFiltersByDomainAndName() {
    profileInService("jane-doe");
    profileInService("john-roe");
    sageMaker.createUserProfile(
        r ->
            r.domainId(SSO_DOMAIN)
                .userProfileName("jane-sso")
                .singleSignOnUserIdentifier("UserName")
                .singleSignOnUserValue("jane"));

    assertThat(
            sageMaker
                .listUserProfiles(r -> r.domainIdEquals(IAM_DOMAIN).userProfileNameContains("jane"))
                .userProfiles())
        .extracting(p -> p.userProfileName())
        .containsExactly("jane-doe");
    assertThat(
            sageMaker.listUserProfilesPaginator(r -> r.maxResults(1)).userProfiles().stream()
                .map(p -> p.userProfileName())
                .toList())
        .containsExactlyInAnyOrder("jane-doe", "john-roe", "jane-sso");
  }

  // ------------------------------------------------------------ apps

  @Test
  void appStartsInThreeMinutesAndDeletesInTwoThenStaysListedAsDeletedForAnHour() {
    profileInService("jane");
    String arn = launchApp("jane", "JupyterLab", "default");

    assertThat(arn)
        .isEqualTo(
            "arn:aws:sagemaker:us-east-1:123456789012:app/d-iamdomain0001/jane/jupyterlab/default");
    assertThat(describeApp("jane", "JupyterLab", "default").statusAsString()).isEqualTo("Pending");
    clock.advance(Duration.ofMinutes(3));
    assertThat(describeApp("jane", "JupyterLab", "default").statusAsString())
        .isEqualTo("InService");

    deleteApp("jane", "JupyterLab", "default");
    assertThat(describeApp("jane", "JupyterLab", "default").statusAsString()).isEqualTo("Deleting");
    clock.advance(Duration.ofMinutes(2));
    assertThat(listApps("jane")).extracting(AppDetails::statusAsString).containsExactly("Deleted");
    clock.advance(Duration.ofMinutes(59));
    assertThat(listApps("jane")).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(listApps("jane")).isEmpty();
    assertThatThrownBy(() -> describeApp("jane", "JupyterLab", "default"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("app/d-iamdomain0001/jane/jupyterlab/default does not exist");
  }

  @Test
  void deleteAppIsRefusedForDeletingDeletedAndFailedApps() {
    profileInService("jane");
    launchApp("jane", "JupyterServer", "default");
    emulator
        .sageMaker()
        .adjustApps(
            AppSelector.app(IAM_DOMAIN, "jane", null, "broken"), AppBehaviour::failingOnCreate);
    launchApp("jane", "KernelGateway", "broken");
    clock.advance(Duration.ofMinutes(3));

    assertThat(describeApp("jane", "KernelGateway", "broken").statusAsString()).isEqualTo("Failed");
    assertThatThrownBy(() -> deleteApp("jane", "KernelGateway", "broken"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("Failed");
    deleteApp("jane", "JupyterServer", "default");
    assertThatThrownBy(() -> deleteApp("jane", "JupyterServer", "default"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("already being deleted");
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> deleteApp("jane", "JupyterServer", "default"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("already been deleted");
    assertThatThrownBy(() -> deleteApp("jane", "JupyterServer", "never-created"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void appFailingOnCreateEndsFailedWithItsReason() {
    profileInService("jane");
    emulator
        .sageMaker()
        .adjustApps(
            AppSelector.ofUserProfile(IAM_DOMAIN, "jane"),
            b -> b.failingOnCreate().withFailureReason("InsufficientInstanceCapacity"));

    launchApp("jane", "JupyterLab", "default");
    clock.advance(Duration.ofMinutes(3));

    DescribeAppResponse app = describeApp("jane", "JupyterLab", "default");
    assertThat(app.statusAsString()).isEqualTo("Failed");
    assertThat(app.failureReason()).isEqualTo("InsufficientInstanceCapacity");
  }

  @Test
  void appStuckDeletingStaysDeletingForEver() {
    profileInService("jane");
    launchApp("jane", "JupyterLab", "default");
    clock.advance(Duration.ofMinutes(3));
    emulator
        .sageMaker()
        .adjustApps(
            AppSelector.any(), b -> b.withOnDelete(AppBehaviour.DeleteOutcome.STUCK_DELETING));

    deleteApp("jane", "JupyterLab", "default");
    clock.advance(Duration.ofDays(3));

    assertThat(describeApp("jane", "JupyterLab", "default").statusAsString()).isEqualTo("Deleting");
    assertThatThrownBy(() -> deleteProfile("jane")).isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void appFailingOnDeleteEndsFailedAndNoLongerBlocksItsProfile() {
    profileInService("jane");
    launchApp("jane", "JupyterLab", "default");
    clock.advance(Duration.ofMinutes(3));
    emulator
        .sageMaker()
        .adjustApps(
            AppSelector.any(),
            b ->
                b.withOnDelete(AppBehaviour.DeleteOutcome.FAILED)
                    .withDeleteDuration(Duration.ofSeconds(20)));

    deleteApp("jane", "JupyterLab", "default");
    clock.advance(Duration.ofSeconds(20));

    assertThat(describeApp("jane", "JupyterLab", "default").statusAsString()).isEqualTo("Failed");
    deleteProfile("jane");
  }

  @Test
  void perAppDurationsOverrideTheServiceTimings() {
    profileInService("jane");
    emulator
        .sageMaker()
        .seedApp(
            AppSeed.ofUserProfile(IAM_DOMAIN, "jane", "JupyterLab", "slow", AppStatus.IN_SERVICE)
                .withBehaviour(
                    AppBehaviour.defaults(emulator.sageMaker().timings())
                        .withDeleteDuration(Duration.ofMinutes(10))));

    deleteApp("jane", "JupyterLab", "slow");
    clock.advance(Duration.ofMinutes(9));
    assertThat(describeApp("jane", "JupyterLab", "slow").statusAsString()).isEqualTo("Deleting");
    clock.advance(Duration.ofMinutes(1));
    assertThat(describeApp("jane", "JupyterLab", "slow").statusAsString()).isEqualTo("Deleted");
  }

  @Test
  void listAppsPagesTenAtATimeByDefaultNewestFirst() {
    profileInService("jane");
    for (int i = 0; i < 23; i++) {
      String name = "app-" + i;
      sageMaker.createApp(
          r ->
              r.domainId(IAM_DOMAIN)
                  .userProfileName("jane")
                  .appType(AppType.KERNEL_GATEWAY)
                  .appName(name)
                  .resourceSpec(
                      s -> s.instanceType(name.endsWith("1") ? "ml.t3.large" : "ml.m5.large")));
      clock.advance(Duration.ofSeconds(1));
    }

    ListAppsResponse first = sageMaker.listApps(r -> r.domainIdEquals(IAM_DOMAIN));
    assertThat(first.apps()).hasSize(10);
    assertThat(first.apps().get(0).appName()).isEqualTo("app-22");
    assertThat(first.nextToken()).isNotBlank();
    List<String> all =
        sageMaker.listAppsPaginator(r -> r.domainIdEquals(IAM_DOMAIN)).apps().stream()
            .map(AppDetails::appName)
            .toList();
    assertThat(all).hasSize(23).doesNotHaveDuplicates();
    assertThat(sageMaker.listApps(r -> r.sortOrder("Ascending").maxResults(1)).apps())
        .extracting(AppDetails::appName)
        .containsExactly("app-0");
    assertThatThrownBy(() -> sageMaker.listApps(r -> r.nextToken("forged")))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void listAppsFiltersByUserProfileOrSpaceButNotBoth() {
    profileInService("jane");
    profileInService("john");
    sageMaker.createSpace(r -> r.domainId(IAM_DOMAIN).spaceName("shared"));
    clock.advance(Duration.ofSeconds(10));
    launchApp("jane", "JupyterServer", "default");
    launchApp("john", "JupyterServer", "default");
    sageMaker.createApp(
        r ->
            r.domainId(IAM_DOMAIN)
                .spaceName("shared")
                .appType(AppType.JUPYTER_LAB)
                .appName("default"));

    assertThat(listApps("jane")).extracting(AppDetails::userProfileName).containsExactly("jane");
    assertThat(sageMaker.listApps(r -> r.spaceNameEquals("shared")).apps())
        .extracting(AppDetails::spaceName, AppDetails::appTypeAsString)
        .containsExactly(tuple("shared", "JupyterLab"));
    assertValidation(
        () -> sageMaker.listApps(r -> r.userProfileNameEquals("jane").spaceNameEquals("shared")),
        "cannot be specified together");
  }

  @Test
  void duplicateRunningAppIsResourceInUseButADeletedOneCanBeRecreated() {
    profileInService("jane");
    launchApp("jane", "JupyterServer", "default");

    assertThatThrownBy(() -> launchApp("jane", "JupyterServer", "default"))
        .isInstanceOf(ResourceInUseException.class);
    deleteApp("jane", "JupyterServer", "default");
    clock.advance(Duration.ofMinutes(2));
    launchApp("jane", "JupyterServer", "default");
    assertThat(describeApp("jane", "JupyterServer", "default").statusAsString())
        .isEqualTo("Pending");
  }

  @Test
  void createAppNeedsExactlyOneOwnerThatIsInService() {
    createProfile("jane", r -> {});

    assertValidation(
        () ->
            sageMaker.createApp(
                r -> r.domainId(IAM_DOMAIN).appType(AppType.JUPYTER_SERVER).appName("default")),
        "Exactly one of");
    assertThatThrownBy(() -> launchApp("jane", "JupyterServer", "default"))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("status Pending");
    assertThatThrownBy(() -> launchApp("nobody", "JupyterServer", "default"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void runningAppsBeyondTheQuotaAreResourceLimitExceeded() {
    emulator.sageMaker().setRunningAppQuota(2);
    profileInService("jane");
    launchApp("jane", "KernelGateway", "one");
    launchApp("jane", "KernelGateway", "two");

    assertThatThrownBy(() -> launchApp("jane", "KernelGateway", "three"))
        .isInstanceOf(ResourceLimitExceededException.class)
        .hasMessageContaining(
            "'Studio KernelGateway Apps running on ml.t3.medium instance' " + "is 2 Apps");
  }

  @Test
  void appTakesTheInstanceTypeOfItsProfilesDefaultResourceSpec() {
    createProfile(
        "jane",
        r ->
            r.userSettings(
                s ->
                    s.jupyterLabAppSettings(
                        j -> j.defaultResourceSpec(spec -> spec.instanceType("ml.m5.xlarge")))));
    clock.advance(Duration.ofSeconds(10));

    launchApp("jane", "JupyterLab", "default");

    assertThat(describeApp("jane", "JupyterLab", "default").resourceSpec().instanceTypeAsString())
        .isEqualTo("ml.m5.xlarge");
  }

  // ------------------------------------------------------------ spaces

  @Test
  void privateSpaceShowsItsOwnerAndSharingTypeAndIsDeletedAfterItsApps() {
    profileInService("jane");
    String arn =
        sageMaker
            .createSpace(
                r ->
                    r.domainId(IAM_DOMAIN)
                        .spaceName("jane-private")
                        .ownershipSettings(o -> o.ownerUserProfileName("jane"))
                        .spaceSharingSettings(s -> s.sharingType("Private"))
                        .spaceSettings(s -> s.appType(AppType.JUPYTER_LAB)))
            .spaceArn();
    assertThat(arn)
        .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:space/d-iamdomain0001/jane-private");
    clock.advance(Duration.ofSeconds(10));
    sageMaker.createApp(
        r ->
            r.domainId(IAM_DOMAIN)
                .spaceName("jane-private")
                .appType(AppType.JUPYTER_LAB)
                .appName("default"));

    DescribeSpaceResponse space =
        sageMaker.describeSpace(r -> r.domainId(IAM_DOMAIN).spaceName("jane-private"));
    assertThat(space.statusAsString()).isEqualTo("InService");
    assertThat(space.ownershipSettings().ownerUserProfileName()).isEqualTo("jane");
    assertThat(space.spaceSharingSettings().sharingTypeAsString()).isEqualTo("Private");
    SpaceDetails summary = sageMaker.listSpaces(r -> r.domainIdEquals(IAM_DOMAIN)).spaces().get(0);
    assertThat(summary.ownershipSettingsSummary().ownerUserProfileName()).isEqualTo("jane");
    assertThat(summary.spaceSharingSettingsSummary().sharingTypeAsString()).isEqualTo("Private");
    assertThat(summary.spaceSettingsSummary().appTypeAsString()).isEqualTo("JupyterLab");

    assertThatThrownBy(
            () -> sageMaker.deleteSpace(r -> r.domainId(IAM_DOMAIN).spaceName("jane-private")))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageStartingWith(
            "Unable to delete space"
                + " arn:aws:sagemaker:us-east-1:123456789012:space/d-iamdomain0001/jane-private"
                + " because it has apps that are not Deleted or Failed: JupyterLab/default"
                + " (Pending). Delete the apps first.")
        .hasMessageContaining("JupyterLab/default (Pending)");
    sageMaker.deleteApp(
        r ->
            r.domainId(IAM_DOMAIN)
                .spaceName("jane-private")
                .appType(AppType.JUPYTER_LAB)
                .appName("default"));
    clock.advance(Duration.ofMinutes(2));
    sageMaker.deleteSpace(r -> r.domainId(IAM_DOMAIN).spaceName("jane-private"));
    assertThat(
            sageMaker
                .describeSpace(r -> r.domainId(IAM_DOMAIN).spaceName("jane-private"))
                .statusAsString())
        .isEqualTo("Deleting");
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(
            () -> sageMaker.describeSpace(r -> r.domainId(IAM_DOMAIN).spaceName("jane-private")))
        .isInstanceOf(ResourceNotFoundException.class);
    deleteProfile("jane");
  }

  @Test
  void spaceRulesOnDuplicatesOwnersAndSharing() {
    profileInService("jane");
    sageMaker.createSpace(r -> r.domainId(IAM_DOMAIN).spaceName("team"));

    assertThatThrownBy(() -> sageMaker.createSpace(r -> r.domainId(IAM_DOMAIN).spaceName("team")))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(
            () ->
                sageMaker.createSpace(
                    r ->
                        r.domainId(IAM_DOMAIN)
                            .spaceName("orphan")
                            .ownershipSettings(o -> o.ownerUserProfileName("ghost"))
                            .spaceSharingSettings(s -> s.sharingType("Private"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertValidation(
        () ->
            sageMaker.createSpace(
                r ->
                    r.domainId(IAM_DOMAIN)
                        .spaceName("half")
                        .spaceSharingSettings(s -> s.sharingType("Shared"))),
        "must be specified together");
  }

  @Test
  void listSpacesPaginates() {
    for (int i = 0; i < 12; i++) {
      String name = "space-" + i;
      sageMaker.createSpace(r -> r.domainId(IAM_DOMAIN).spaceName(name));
    }

    assertThat(sageMaker.listSpaces(r -> r.domainIdEquals(IAM_DOMAIN)).spaces()).hasSize(10);
    assertThat(
            sageMaker.listSpacesPaginator(r -> r.domainIdEquals(IAM_DOMAIN)).spaces().stream()
                .map(SpaceDetails::spaceName)
                .toList())
        .hasSize(12)
        .doesNotHaveDuplicates();
  }

  // ------------------------------------------------------------ domains, URLs, tags

  @Test
  void createdDomainHasAGeneratedIdAndIsListed() {
    String domainId =
        sageMaker
            .createDomain(
                r ->
                    r.domainName("created")
                        .authMode("IAM")
                        .defaultUserSettings(s -> s.executionRole(ROLE_ARN)))
            .domainId();

    assertThat(domainId).matches("d-[a-z0-9]{12}");
    assertThat(sageMaker.describeDomain(r -> r.domainId(domainId)).authModeAsString())
        .isEqualTo("IAM");
    assertThat(
            sageMaker.listDomainsPaginator(r -> r.maxResults(1)).domains().stream()
                .map(d -> d.domainId())
                .toList())
        .containsExactlyInAnyOrder(IAM_DOMAIN, SSO_DOMAIN, domainId);
  }

  @Test
  void aRequestMemberOutsideTheApiModelsRulesIsRefusedBeforeAnythingIsCreated() {
    // Every member of every request is held to the SageMaker API model (CreateDomainRequest:
    // AppSecurityGroupManagement is Service or Customer, SubnetIds holds 1 to 16 ids, KmsKeyId
    // matches [a-zA-Z0-9:/_-]*), as SageMaker's front end holds it, whatever the operation reads.
    assertThatThrownBy(
            () ->
                sageMaker.createDomain(
                    r ->
                        r.domainName("created")
                            .authMode("IAM")
                            .defaultUserSettings(s -> s.executionRole(ROLE_ARN))
                            .appSecurityGroupManagement("Nobody")
                            .subnetIds(List.of())
                            .kmsKeyId("alias/studio key")))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
        .hasMessageContaining(
            "3 validation errors detected: Value '[]' at 'subnetIds' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1; Value"
                + " 'alias/studio key' at 'kmsKeyId' failed to satisfy constraint: Member must"
                + " satisfy regular expression pattern: [a-zA-Z0-9:/_-]*; Value 'Nobody' at"
                + " 'appSecurityGroupManagement' failed to satisfy constraint: Member must satisfy"
                + " enum value set: [Service, Customer]");
    assertThat(sageMaker.listDomains(r -> {}).domains()).hasSize(2);
    assertThatThrownBy(
            () -> sageMaker.updateDomain(r -> r.domainId(IAM_DOMAIN).tagPropagation("ON")))
        .hasMessageContaining(
            "Value 'ON' at 'tagPropagation' failed to satisfy constraint: Member must satisfy enum"
                + " value set: [ENABLED, DISABLED]");
  }

  @Test
  void updateDomainMergesTheNamedDefaultsAndPassesThroughUpdating() {
    String other = emulator.iam().seedRole(RoleSeed.sageMakerExecutionRole("studio-other"));
    sageMaker.updateDomain(
        r ->
            r.domainId(IAM_DOMAIN)
                .defaultUserSettings(
                    s ->
                        s.executionRole(other)
                            .studioWebPortalSettings(w -> w.hiddenMlToolsWithStrings("Projects")))
                .domainSettingsForUpdate(
                    d ->
                        d.rStudioServerProDomainSettingsForUpdate(
                            rs -> rs.domainExecutionRoleArn(other))));

    DescribeDomainResponse updating = sageMaker.describeDomain(r -> r.domainId(IAM_DOMAIN));
    assertThat(updating.statusAsString()).isEqualTo("Updating");
    assertThat(updating.defaultUserSettings().executionRole()).isEqualTo(other);
    assertThat(updating.defaultUserSettings().studioWebPortalSettings().hiddenMlToolsAsStrings())
        .containsExactly("Projects");
    assertThat(updating.domainSettings().rStudioServerProDomainSettings().domainExecutionRoleArn())
        .isEqualTo(other);
    assertThatThrownBy(() -> sageMaker.updateDomain(r -> r.domainId(IAM_DOMAIN)))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("Updating");
    clock.advance(Duration.ofSeconds(5));
    assertThat(sageMaker.describeDomain(r -> r.domainId(IAM_DOMAIN)).statusAsString())
        .isEqualTo("InService");
    assertThatThrownBy(
            () ->
                sageMaker.updateDomain(
                    r ->
                        r.domainId(IAM_DOMAIN)
                            .defaultUserSettings(
                                s -> s.executionRole("arn:aws:iam::123456789012:role/nobody"))))
        .isInstanceOf(SageMakerException.class)
        .hasMessageContaining("Could not assume role");
  }

  @Test
  void deleteDomainIsRefusedWhileProfilesOrSpacesRemainThenTheDomainGoes() {
    profileInService("jane");

    assertThatThrownBy(() -> sageMaker.deleteDomain(r -> r.domainId(IAM_DOMAIN)))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("user profile jane");
    deleteProfile("jane");
    clock.advance(Duration.ofSeconds(30));
    sageMaker.deleteDomain(
        r -> r.domainId(IAM_DOMAIN).retentionPolicy(p -> p.homeEfsFileSystem("Delete")));
    assertThat(sageMaker.describeDomain(r -> r.domainId(IAM_DOMAIN)).statusAsString())
        .isEqualTo("Deleting");
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> sageMaker.describeDomain(r -> r.domainId(IAM_DOMAIN)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void updateSpaceMergesSettingsOfAnInServiceSpace() {
    profileInService("jane");
    sageMaker.createSpace(
        r ->
            r.domainId(IAM_DOMAIN)
                .spaceName("jane-space")
                .ownershipSettings(o -> o.ownerUserProfileName("jane"))
                .spaceSharingSettings(sh -> sh.sharingType("Private"))
                .spaceSettings(ss -> ss.appType("JupyterLab")));

    assertThatThrownBy(
            () ->
                sageMaker.updateSpace(
                    r -> r.domainId(IAM_DOMAIN).spaceName("jane-space").spaceDisplayName("Notes")))
        .isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("Pending");
    clock.advance(Duration.ofSeconds(10));
    sageMaker.updateSpace(
        r ->
            r.domainId(IAM_DOMAIN)
                .spaceName("jane-space")
                .spaceDisplayName("Notes")
                .spaceSettings(
                    ss ->
                        ss.spaceStorageSettings(
                            st -> st.ebsStorageSettings(e -> e.ebsVolumeSizeInGb(20)))));

    DescribeSpaceResponse space =
        sageMaker.describeSpace(r -> r.domainId(IAM_DOMAIN).spaceName("jane-space"));
    assertThat(space.statusAsString()).isEqualTo("Updating");
    assertThat(space.spaceDisplayName()).isEqualTo("Notes");
    assertThat(space.spaceSettings().appTypeAsString()).isEqualTo("JupyterLab");
    assertThat(
            space.spaceSettings().spaceStorageSettings().ebsStorageSettings().ebsVolumeSizeInGb())
        .isEqualTo(20);
  }

  @Test
  void deleteTagsRemovesTheNamedKeysOnly() {
    String arn =
        createProfile("jane", r -> r.tags(tag("team", "ml"), tag("cost", "42"))).userProfileArn();

    sageMaker.deleteTags(r -> r.resourceArn(arn).tagKeys("team", "never-there"));

    assertThat(sageMaker.listTags(r -> r.resourceArn(arn)).tags())
        .extracting(Tag::key)
        .containsExactly("cost");
    assertValidation(
        () -> sageMaker.deleteTags(r -> r.resourceArn(arn).tagKeys(List.of())),
        "Member must have length greater than or equal to 1");
  }

  @Test
  void presignedDomainUrlsAreForIamDomainsOnly() {
    profileInService("jane");
    sageMaker.createUserProfile(
        r ->
            r.domainId(SSO_DOMAIN)
                .userProfileName("jane")
                .singleSignOnUserIdentifier("UserName")
                .singleSignOnUserValue("jane"));

    assertThat(
            sageMaker
                .createPresignedDomainUrl(r -> r.domainId(IAM_DOMAIN).userProfileName("jane"))
                .authorizedUrl())
        .startsWith("https://d-iamdomain0001.studio.us-east-1.sagemaker.aws/auth?token=");
    assertValidation(
        () ->
            sageMaker.createPresignedDomainUrl(r -> r.domainId(SSO_DOMAIN).userProfileName("jane")),
        "AuthMode SSO");
    assertValidation(
        () ->
            sageMaker.createPresignedDomainUrl(
                r -> r.domainId(IAM_DOMAIN).userProfileName("jane").expiresInSeconds(3)),
        "at 'expiresInSeconds'");
  }

  /** API reference silent on both: the stricter reading (README, "What is modelled"). */
  @Test
  void aProfileWhoseStudioIsDisabledGetsNoLoginUrlAndNoApp() {
    emulator
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(IAM_DOMAIN, "jane")
                .withUserSettings(
                    JsonNodeFactory.instance.objectNode().put("StudioWebPortal", "DISABLED")));

    assertValidation(
        () ->
            sageMaker.createPresignedDomainUrl(r -> r.domainId(IAM_DOMAIN).userProfileName("jane")),
        "StudioWebPortal DISABLED");
    assertValidation(
        () ->
            sageMaker.createApp(
                r ->
                    r.domainId(IAM_DOMAIN)
                        .userProfileName("jane")
                        .appType(AppType.JUPYTER_SERVER)
                        .appName("default")),
        "StudioWebPortal DISABLED");
    assertThat(sageMaker.listApps(r -> r.domainIdEquals(IAM_DOMAIN)).apps()).isEmpty();
  }

  @Test
  void tagsGivenAtCreationAndAddedLaterAreListed() {
    String arn =
        createProfile(
                "jane",
                r -> r.tags(Tag.builder().key("managed-by").value("studio-lifecycle").build()))
            .userProfileArn();

    sageMaker.addTags(
        r ->
            r.resourceArn(arn)
                .tags(Tag.builder().key("studio-lifecycle:request-id").value("hr-1").build()));

    assertThat(sageMaker.listTags(r -> r.resourceArn(arn)).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(
            tuple("managed-by", "studio-lifecycle"), tuple("studio-lifecycle:request-id", "hr-1"));
    assertValidation(
        () ->
            sageMaker.listTags(
                r ->
                    r.resourceArn(
                        "arn:aws:sagemaker:us-east-1:123456789012:user-profile/"
                            + "d-iamdomain0001/ghost")),
        "does not exist");
  }

  // ------------------------------------------------------------ users (scenario timelines)

  @Test
  void performRunsAUsersCallAtItsDueTimeWithTheServicesRules() {
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(IAM_DOMAIN, "jane-doe"));
    emulator
        .sageMaker()
        .seedApp(
            AppSeed.ofUserProfile(
                IAM_DOMAIN, "jane-doe", "Canvas", "default", AppStatus.IN_SERVICE));
    Instant due = clock.instant().plus(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(4));
    ObjectNode canvas =
        JsonNodeFactory.instance
            .objectNode()
            .put("DomainId", IAM_DOMAIN)
            .put("UserProfileName", "jane-doe")
            .put("AppType", "Canvas")
            .put("AppName", "default");

    emulator.sageMaker().perform("DeleteApp", canvas, due);

    // Deleted two minutes after the due time, not after the clock's time.
    assertThat(emulator.sageMaker().appStatus(IAM_DOMAIN, "jane-doe", null, "Canvas", "default"))
        .contains(AppStatus.DELETED);
    assertThat(emulator.requestLog().calls()).isEmpty();
    assertThatThrownBy(() -> emulator.sageMaker().perform("DeleteApp", canvas, clock.instant()))
        .isInstanceOfSatisfying(
            AwsServiceError.class, e -> assertThat(e.code()).isEqualTo("ResourceInUse"));
    assertThatThrownBy(() -> emulator.sageMaker().perform("StopApp", canvas, clock.instant()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SageMaker has no operation 'StopApp'");
  }

  // ------------------------------------------------------------ shared steps

  private CreateUserProfileResponse createProfile(
      String name, Consumer<CreateUserProfileRequest.Builder> customize) {
    return sageMaker.createUserProfile(
        r -> {
          r.domainId(IAM_DOMAIN).userProfileName(name);
          customize.accept(r);
        });
  }

  private void profileInService(String name) {
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(IAM_DOMAIN, name));
  }

  private DescribeUserProfileResponse describeProfile(String name) {
    return sageMaker.describeUserProfile(r -> r.domainId(IAM_DOMAIN).userProfileName(name));
  }

  private void deleteProfile(String name) {
    sageMaker.deleteUserProfile(r -> r.domainId(IAM_DOMAIN).userProfileName(name));
  }

  private String launchApp(String user, String type, String name) {
    return sageMaker
        .createApp(
            CreateAppRequest.builder()
                .domainId(IAM_DOMAIN)
                .userProfileName(user)
                .appType(type)
                .appName(name)
                .build())
        .appArn();
  }

  private DescribeAppResponse describeApp(String user, String type, String name) {
    return sageMaker.describeApp(
        r -> r.domainId(IAM_DOMAIN).userProfileName(user).appType(type).appName(name));
  }

  private void deleteApp(String user, String type, String name) {
    sageMaker.deleteApp(
        r -> r.domainId(IAM_DOMAIN).userProfileName(user).appType(type).appName(name));
  }

  private List<AppDetails> listApps(String user) {
    return new ArrayList<>(
        sageMaker.listApps(r -> r.domainIdEquals(IAM_DOMAIN).userProfileNameEquals(user)).apps());
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static void assertValidation(Runnable call, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
            });
  }

  private static void assertValidationExactly(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            });
  }
}

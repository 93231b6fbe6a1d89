package dev.studiolifecycle.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.CanvasSettings;
import dev.studiolifecycle.model.ExecutionRoleRequest;
import dev.studiolifecycle.model.IdleShutdown;
import dev.studiolifecycle.model.OffboardingOptions;
import dev.studiolifecycle.model.RStudioAccess;
import dev.studiolifecycle.model.SpaceStorage;
import dev.studiolifecycle.model.TimeSeriesForecasting;
import dev.studiolifecycle.testing.RequestBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestRulesTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/service-role/TeamRole";

  @Test
  void acceptsAFullOnboardingRequest() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .email("jane.doe@example.com")
                    .ssoUserName("jane.doe")
                    .newRole(
                        List.of("ml-team-datasets"),
                        List.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
                    .tags(Map.of("team", "ml"))
                    .jupyterLab(
                        "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-cpu",
                        "ml.t3.medium")
                    .jumpStart(false)
                    .projects(true)
                    .rstudio(RStudioAccess.USER)
                    .canvas(new CanvasSettings(true, new TimeSeriesForecasting(true, null)))
                    .build()))
        .isEmpty();
  }

  @Test
  void acceptsAMinimalOffboardingRequest() {
    assertThat(RequestRules.violations(RequestBuilder.offboard().build())).isEmpty();
  }

  @Test
  void namesTheUserProfileNameRule() {
    assertThat(
            RequestRules.violations(RequestBuilder.onboard().userProfileName("jane_doe").build()))
        .containsExactly("userProfileName: must fully match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  }

  @Test
  void namesTheDomainIdRule() {
    assertThat(RequestRules.violations(RequestBuilder.onboard().domainId("D-ABC").build()))
        .containsExactly("domainId: must fully match d-(-*[a-z0-9]){1,61}");
  }

  @Test
  void requiresActionDomainAndUser() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().action(null).domainId(null).userProfileName(null).build()))
        .containsExactly(
            "action: is required", "domainId: is required", "userProfileName: is required");
  }

  @Test
  void anOffboardingMayNameAnIdentityCenterUserInsteadOfAProfileAndNothingElseMay() {
    String user = "6b1e9d2c-4f3a-4c8e-9a7b-2d5f8e1c3a90";
    assertThat(
            RequestRules.violations(
                RequestBuilder.offboard()
                    .domainId(null)
                    .userProfileName(null)
                    .identityCenterUserId(user)
                    .build()))
        .isEmpty();
    assertThat(
            RequestRules.violations(
                RequestBuilder.offboard().userProfileName(null).identityCenterUserId(null).build()))
        .containsExactly("userProfileName: is required");
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().userProfileName(null).identityCenterUserId(user).build()))
        .containsExactly("identityCenterUserId: only allowed when action is OFFBOARD");
    assertThat(
            RequestRules.violations(
                RequestBuilder.offboard()
                    .userProfileName(null)
                    .identityCenterUserId("jane")
                    .build()))
        .singleElement()
        .asString()
        .startsWith("identityCenterUserId: must fully match");
  }

  @Test
  void onlyAnOffboardingOrARestoreMayNameNoDomain() {
    assertThat(RequestRules.violations(RequestBuilder.offboard().domainId(null).build())).isEmpty();
    assertThat(
            RequestRules.violations(
                RequestBuilder.offboard().action(Action.RESTORE).domainId(null).build()))
        .isEmpty();
    assertThat(RequestRules.violations(RequestBuilder.onboard().domainId(null).build()))
        .containsExactly("domainId: is required");
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().action(Action.UPDATE).domainId(null).build()))
        .containsExactly("domainId: is required");
  }

  @Test
  void reportsEveryViolationAtOnce() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .userProfileName("-bad")
                    .domainId("bad")
                    .email("not-an-email")
                    .build()))
        .hasSize(3);
  }

  @Test
  void checksTheRequestIdAsATagValue() {
    assertThat(RequestRules.violations(RequestBuilder.onboard().requestId("hr-2026:1/ok").build()))
        .isEmpty();
    assertThat(RequestRules.violations(RequestBuilder.onboard().requestId("bad;id").build()))
        .singleElement()
        .asString()
        .startsWith("requestId: must fully match");
    assertThat(RequestRules.violations(RequestBuilder.onboard().requestId("r".repeat(129)).build()))
        .containsExactly("requestId: must be 1-128 characters");
  }

  @Test
  void checksEmailWithoutRepeatingIt() {
    assertThat(
            RequestRules.violations(RequestBuilder.onboard().email("jane.doe.example.com").build()))
        .containsExactly("email: must be an e-mail address (local-part@domain)");
  }

  @Test
  void checksTheSsoUserName() {
    assertThat(RequestRules.violations(RequestBuilder.onboard().ssoUserName("jane doe").build()))
        .containsExactly("ssoUserName: must not contain spaces or control characters");
  }

  @Test
  void requiresExactlyOneWayToGetTheRole() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .executionRole(new ExecutionRoleRequest(null, null))
                    .build()))
        .containsExactly("executionRole: must have exactly one of arn or create");
  }

  @Test
  void checksTheExistingRoleArn() {
    assertThat(RequestRules.violations(RequestBuilder.onboard().existingRole(ROLE).build()))
        .isEmpty();
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().existingRole("arn:aws:iam::123:role/x").build()))
        .singleElement()
        .asString()
        .startsWith("executionRole.arn: must fully match arn:aws[a-z\\-]*:iam::\\d{12}:role/");
  }

  @Test
  void checksEachBucketByIndex() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .newRole(List.of("good-bucket", "Bad_Bucket", "good-bucket"), List.of())
                    .build()))
        .containsExactly(
            "executionRole.create.s3Buckets[1]: "
                + "may contain only lowercase letters, digits, dots and hyphens",
            "executionRole.create.s3Buckets[2]: duplicate bucket good-bucket");
  }

  @Test
  void aBucketIsSharedOrPersonalNeverBoth() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .newRole(List.of("team-data"), List.of("team-data", "UPPER"), List.of())
                    .build()))
        .containsExactly(
            "executionRole.create.s3PersonalBuckets[0]: duplicate bucket team-data",
            "executionRole.create.s3PersonalBuckets[1]: "
                + "may contain only lowercase letters, digits, dots and hyphens");
  }

  @Test
  void limitsTheNumberOfBuckets() {
    List<String> buckets = IntStream.range(0, 26).mapToObj(i -> "bucket-" + i).toList();
    assertThat(
            RequestRules.violations(RequestBuilder.onboard().newRole(buckets, List.of()).build()))
        .containsExactly("executionRole.create.s3Buckets: must list at most 25 buckets");
  }

  @Test
  void checksEachManagedPolicyArn() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().newRole(List.of(), List.of("AmazonS3FullAccess")).build()))
        .singleElement()
        .asString()
        .startsWith("executionRole.create.managedPolicyArns[0]: must fully match");
  }

  @Test
  void limitsTagsTo43BecauseTheWorkflowKeepsUpToSevenOfItsOwn() {
    Map<String, String> tags = new HashMap<>();
    for (int i = 0; i < 43; i++) {
      tags.put("k" + i, "v");
    }
    assertThat(RequestRules.violations(RequestBuilder.onboard().tags(tags).build())).isEmpty();
    tags.put("k43", "v");
    assertThat(RequestRules.violations(RequestBuilder.onboard().tags(tags).build()))
        .containsExactly(
            "tags: must have at most 43 entries (SageMaker allows 50; the workflow keeps up to 7"
                + " of its own)");
  }

  @Test
  void namesTheBadTag() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().tags(Map.of("aws:owner", "x")).build()))
        .containsExactly("tags[\"aws:owner\"] key: must not start with aws: (reserved by AWS)");
    assertThat(
            RequestRules.violations(RequestBuilder.onboard().tags(Map.of("team", "a;b")).build()))
        .singleElement()
        .asString()
        .startsWith("tags[\"team\"]: must fully match");
  }

  @Test
  void refusesTheWorkflowsOwnTagKeys() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().tags(Map.of("managed-by", "me")).build()))
        .containsExactly("tags[\"managed-by\"] key: is reserved for this workflow's own tags");
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().tags(Map.of("studio-lifecycle:request-id", "x")).build()))
        .hasSize(1);
  }

  @Test
  void checksJupyterLabImageAndInstanceType() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().jupyterLab("not-an-arn", "t3.medium").build()))
        .containsExactly(
            "jupyterLab.imageArn: must fully match " + FieldRules.IMAGE_ARN.pattern(),
            "jupyterLab.instanceType: must fully match " + FieldRules.INSTANCE_TYPE.pattern());
  }

  @Test
  void canvasBasePermissionsNeedARoleThisWorkflowCreates() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .existingRole(ROLE)
                    .canvas(new CanvasSettings(true, null))
                    .build()))
        .singleElement()
        .asString()
        .startsWith("canvas.basePermissions: needs executionRole.create");
  }

  @Test
  void forecastingWithAnExistingRoleNeedsAForecastRole() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .existingRole(ROLE)
                    .canvas(new CanvasSettings(false, new TimeSeriesForecasting(true, null)))
                    .build()))
        .singleElement()
        .asString()
        .startsWith("canvas.timeSeriesForecasting.roleArn: is required");
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .existingRole(ROLE)
                    .canvas(new CanvasSettings(false, new TimeSeriesForecasting(true, ROLE)))
                    .build()))
        .isEmpty();
  }

  @Test
  void aForecastRoleOnlyComesWithForecastingOn() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .canvas(new CanvasSettings(false, new TimeSeriesForecasting(false, ROLE)))
                    .build()))
        .containsExactly("canvas.timeSeriesForecasting.roleArn: only allowed when enabled is true");
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .canvas(new CanvasSettings(false, new TimeSeriesForecasting(true, "bad")))
                    .build()))
        .singleElement()
        .asString()
        .startsWith("canvas.timeSeriesForecasting.roleArn: must be 20-2048 characters");
  }

  @Test
  void offboardingRefusesOnboardingSettings() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.offboard()
                    .existingRole(ROLE)
                    .tags(Map.of("a", "b"))
                    .rstudio(RStudioAccess.ADMIN)
                    .jumpStart(true)
                    .build()))
        .containsExactly(
            "executionRole: only allowed when action is ONBOARD or UPDATE",
            "tags: only allowed when action is ONBOARD or UPDATE",
            "jumpStart: only allowed when action is ONBOARD or UPDATE",
            "rstudio: only allowed when action is ONBOARD or UPDATE");
  }

  @Test
  void idleShutdownAndSpaceStorageKeepSageMakersRangesAndTheirOrder() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .idleShutdown(new IdleShutdown(120, 60, 525_600))
                    .spaceStorage(new SpaceStorage(5, 16_384))
                    .build()))
        .isEmpty();
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .idleShutdown(new IdleShutdown(300, 90, 60))
                    .spaceStorage(new SpaceStorage(200, 100))
                    .build()))
        .containsExactly(
            "idleShutdown.maxIdleTimeoutInMinutes: must not be below idleTimeoutInMinutes",
            "idleShutdown.minIdleTimeoutInMinutes: must not be above maxIdleTimeoutInMinutes",
            "spaceStorage.defaultSizeInGb: must not be above maximumSizeInGb");
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .idleShutdown(new IdleShutdown(30, 45, null))
                    .spaceStorage(new SpaceStorage(4, 100_000))
                    .build()))
        .containsExactly(
            "idleShutdown.idleTimeoutInMinutes: must be between 60 and 525600",
            "idleShutdown.minIdleTimeoutInMinutes: must be between 60 and 525600",
            "idleShutdown.minIdleTimeoutInMinutes: must not be above idleTimeoutInMinutes",
            "spaceStorage.defaultSizeInGb: must be between 5 and 16384",
            "spaceStorage.maximumSizeInGb: must be between 5 and 16384");
    assertThat(
            RequestRules.violations(
                RequestBuilder.offboard().spaceStorage(new SpaceStorage(5, 5)).build()))
        .containsExactly("spaceStorage: only allowed when action is ONBOARD or UPDATE");
  }

  @Test
  void hiddenInstanceTypesAreTypesSageMakerKnowsEachOnce() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().hiddenInstanceTypes("ml.p5.48xlarge", "system").build()))
        .isEmpty();
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard()
                    .hiddenInstanceTypes("ml.p5.48xlarge", "ml.huge.9xlarge", "ml.p5.48xlarge")
                    .build()))
        .containsExactly(
            "hiddenInstanceTypes[1]: must be an app instance type SageMaker knows",
            "hiddenInstanceTypes: must not name a type twice");
  }

  @Test
  void aTeamIsForOnboardingAndUpdatesAndNamedByTheTeamRule() {
    assertThat(RequestRules.violations(RequestBuilder.offboard().team("risk").build()))
        .containsExactly("team: only allowed when action is ONBOARD or UPDATE");
    assertThat(RequestRules.violations(RequestBuilder.onboard().team("risk-emea_2.0").build()))
        .isEmpty();
    assertThat(RequestRules.violations(RequestBuilder.onboard().team("-risk").build()))
        .singleElement()
        .asString()
        .startsWith("team: must fully match");
  }

  @Test
  void onboardingRefusesOffboardingOptions() {
    assertThat(
            RequestRules.violations(
                RequestBuilder.onboard().offboarding(new OffboardingOptions(true)).build()))
        .containsExactly("offboarding: only allowed when action is OFFBOARD");
    assertThat(
            RequestRules.violations(
                RequestBuilder.offboard()
                    .action(Action.OFFBOARD)
                    .offboarding(new OffboardingOptions(true))
                    .build()))
        .isEmpty();
  }
}

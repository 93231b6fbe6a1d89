package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AssumeRoleRefusal;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.MlTools;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/** CreateUserProfileFunction against the emulator's SageMaker (and IAM, for the role). */
class CreateUserProfileHandlerEmulatorTest {

  private static final String FUNCTION = "CreateUserProfileFunction";
  private static final String TEAM_ROLE =
      "arn:aws:iam::123456789012:role/service-role/SageMakerTeamRole";
  private static final String JANE_ROLE =
      "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  private void seedTeamRole() {
    bed.emulator()
        .iam()
        .seedRole(RoleSeed.sageMakerExecutionRole("SageMakerTeamRole").withPath("/service-role/"));
  }

  private void seedJaneRole() {
    bed.emulator()
        .iam()
        .seedRole(
            RoleSeed.sageMakerExecutionRole("studio-jane-doe").withPath("/studio-lifecycle/"));
  }

  @Test
  void createsTheProfileInAnIamDomainWithTheRoleAndManagedTags() {
    bed.seedIamDomain();
    seedTeamRole();

    JsonNode result = bed.invoke(FUNCTION, event("create-user-profile/iam-domain.json"));

    String arn = "arn:aws:sagemaker:us-east-1:123456789012:user-profile/" + DOMAIN_ID + "/john-roe";
    assertThat(result.path("userProfileArn").asText()).isEqualTo(arn);
    assertThat(result.path("domainId").asText()).isEqualTo(DOMAIN_ID);
    assertThat(result.path("status").asText()).isEqualTo("Pending");
    assertThat(result.path("createdByThisRun").asBoolean()).isTrue();
    assertThat(result.path("adopted").asBoolean()).isFalse();

    DescribeUserProfileResponse profile = describe("john-roe");
    assertThat(profile.userSettings().executionRole()).isEqualTo(TEAM_ROLE);
    assertThat(profile.singleSignOnUserIdentifier()).isNull();
    assertThat(profile.singleSignOnUserValue()).isNull();
    assertThat(profile.userSettings().studioWebPortalSettings()).isNull();
    assertThat(tags(arn))
        .containsExactly(
            Map.entry("managed-by", "studio-lifecycle"),
            Map.entry("studio-lifecycle:request-id", "hr-2026-000124"),
            Map.entry("studio-lifecycle:user-profile", "john-roe"));
    assertThat(bed.mutationsSince(0)).containsExactly("CreateUserProfile");

    bed.advance(Duration.ofSeconds(10));
    assertThat(describe("john-roe").statusAsString()).isEqualTo("InService");
  }

  /**
   * SageMaker refuses a SingleSignOnUserValue the directory does not hold with a
   * ValidationException, as it refuses a role it cannot assume: with a user deleted in Identity
   * Center since Validate found her, the step names her instead of retrying as IAM propagation.
   */
  @Test
  void anSsoUserDeletedSinceValidateIsNamedNotRetriedAsPropagation() {
    bed.seedSsoDomain();
    seedJaneRole();
    ObjectNode input = event("create-user-profile/sso-domain.json");
    ((ObjectNode) input.path("request")).put("ssoUserName", "jane.roe");
    input
        .putObject("ssoUser")
        .put("identityStoreId", bed.emulator().identityCenter().identityStoreId())
        .put("userId", "00000000-0000-4000-8000-000000000000")
        .put("userName", "jane.roe");

    FunctionError error = bed.invokeFailing(FUNCTION, input);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage())
        .startsWith("ssoUserName: IAM Identity Center no longer has user jane.roe");
    assertThat(bed.mutationsSince(0)).isEmpty();
  }

  @Test
  void ssoDomainProfileCarriesTheIdentityCenterUserAndTheRequestedSettings() {
    bed.seedSsoDomain();
    seedJaneRole();

    bed.invoke(FUNCTION, event("create-user-profile/sso-domain.json"));

    DescribeUserProfileResponse profile = describe("jane-doe");
    assertThat(profile.singleSignOnUserIdentifier()).isEqualTo("UserName");
    assertThat(profile.singleSignOnUserValue()).isEqualTo("jane.doe");
    UserSettings settings = profile.userSettings();
    assertThat(settings.executionRole()).isEqualTo(JANE_ROLE);
    assertThat(settings.jupyterLabAppSettings().defaultResourceSpec().instanceTypeAsString())
        .isEqualTo("ml.t3.medium");
    assertThat(settings.jupyterLabAppSettings().defaultResourceSpec().sageMakerImageArn())
        .isEqualTo("arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-cpu");
    assertThat(settings.rStudioServerProAppSettings().accessStatusAsString()).isEqualTo("ENABLED");
    assertThat(settings.rStudioServerProAppSettings().userGroupAsString())
        .isEqualTo("R_STUDIO_ADMIN");
    assertThat(settings.canvasAppSettings().timeSeriesForecastingSettings().statusAsString())
        .isEqualTo("ENABLED");
    // Forecasting without a role of its own uses the execution role.
    assertThat(settings.canvasAppSettings().timeSeriesForecastingSettings().amazonForecastRoleArn())
        .isEqualTo(JANE_ROLE);
    assertThat(settings.studioWebPortalSettings().hiddenMlTools())
        .containsExactly(MlTools.JUMP_START, MlTools.PROJECTS);
    assertThat(tags(profile.userProfileArn()))
        .containsEntry("team", "ml-platform")
        .containsEntry("managed-by", "studio-lifecycle")
        .containsEntry("studio-lifecycle:request-id", "hr-2026-000123");
  }

  @Test
  void ssoDomainWithoutSsoUserNameIsRefusedBeforeAnyCall() {
    bed.seedSsoDomain();
    seedJaneRole();
    ObjectNode payload = event("create-user-profile/sso-domain.json");
    ((ObjectNode) payload.get("request")).remove("ssoUserName");

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage()).contains("request.ssoUserName");
    assertThat(bed.handlerCalls()).isEmpty();
  }

  @Test
  void aRoleThatDoesNotTrustSageMakerIsExecutionRoleUnusableAtOnce() {
    bed.seedIamDomain();
    bed.emulator()
        .iam()
        .seedRole(
            RoleSeed.sageMakerExecutionRole("studio-john-roe")
                .withPath("/studio-lifecycle/")
                .withTrustPolicy(
                    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                        + " \"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\":"
                        + " \"sts:AssumeRole\"}]}"));
    ObjectNode payload = event("create-user-profile/iam-domain.json");
    String roleArn = "arn:aws:iam::123456789012:role/studio-lifecycle/studio-john-roe";
    payload.put("executionRoleArn", roleArn);

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ExecutionRoleUnusable");
    assertThat(error.errorMessage())
        .startsWith("executionRoleArn: ")
        .contains(roleArn)
        .contains("does not let sagemaker.amazonaws.com call sts:AssumeRole");
    assertThat(bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, "john-roe")).isEmpty();
  }

  /** Both recorded wordings of SageMaker's refusal: the handler reads the code and asks IAM. */
  @ParameterizedTest
  @EnumSource(AssumeRoleRefusal.class)
  void newRoleIsRoleNotYetAssumableUntilIamHasPropagatedIt(AssumeRoleRefusal wording) {
    bed.seedIamDomain();
    bed.emulator().iam().setPropagationDelay(Duration.ofSeconds(10));
    bed.emulator().sageMaker().setAssumeRoleRefusal(wording);
    JsonNode role =
        bed.invoke(
            "CreateExecutionRoleFunction",
            EmulatorTestBed.parse(
                "{\"correlation\": {\"requestId\": \"hr-2026-000124\"}, \"request\": {\"action\":"
                    + " \"ONBOARD\", \"requestId\": \"hr-2026-000124\", \"domainId\": \""
                    + DOMAIN_ID
                    + "\", \"userProfileName\": \"john-roe\"}}"));
    ObjectNode payload = event("create-user-profile/iam-domain.json");
    payload.put("executionRoleArn", role.path("roleArn").asText());
    long mark = bed.mark();

    FunctionError early = bed.invokeFailing(FUNCTION, payload);

    assertThat(early.errorType()).isEqualTo("dev.studiolifecycle.error.RoleNotYetAssumable");
    assertThat(early.errorMessage())
        .contains(role.path("roleArn").asText())
        .contains("IAM has not propagated it yet")
        .contains(wording.message(role.path("roleArn").asText()));
    assertThat(bed.operationsSince(mark))
        .containsExactly(
            "DescribeUserProfile:ResourceNotFound",
            "CreateUserProfile:ValidationException",
            "GetRole");
    assertThat(bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, "john-roe")).isEmpty();

    bed.advance(Duration.ofSeconds(9));
    assertThat(bed.invokeFailing(FUNCTION, payload).simpleName()).isEqualTo("RoleNotYetAssumable");

    bed.advance(Duration.ofSeconds(1));
    JsonNode created = bed.invoke(FUNCTION, payload);

    assertThat(created.path("createdByThisRun").asBoolean()).isTrue();
    assertThat(describe("john-roe").userSettings().executionRole())
        .isEqualTo(role.path("roleArn").asText());
  }

  @Test
  void replayAdoptsTheProfileItCreatedAndCreatesNothingNew() {
    bed.seedIamDomain();
    seedTeamRole();
    JsonNode first = bed.invoke(FUNCTION, event("create-user-profile/iam-domain.json"));
    DescribeUserProfileResponse before = describe("john-roe");
    Map<String, String> tagsBefore = tags(before.userProfileArn());
    long mark = bed.mark();

    JsonNode replay = bed.invoke(FUNCTION, event("create-user-profile/iam-domain.json"));

    assertThat(replay.path("adopted").asBoolean()).isTrue();
    assertThat(replay.path("createdByThisRun").asBoolean()).isTrue();
    assertThat(replay.path("userProfileArn")).isEqualTo(first.path("userProfileArn"));
    // The profile is described first and adopted: CreateUserProfile is not called again.
    assertThat(bed.operationsSince(mark))
        .startsWith("DescribeUserProfile")
        .noneMatch(operation -> operation.startsWith("CreateUserProfile"));
    assertThat(bed.mutationsSince(mark)).isEmpty();
    // The SDK fields only (a response's equals also compares its request id).
    assertThat(describe("john-roe").toString()).isEqualTo(before.toString());
    assertThat(tags(before.userProfileArn())).isEqualTo(tagsBefore);
  }

  @Test
  void profileOfThisWorkflowFromAnotherRequestIsAdoptedButNotClaimed() {
    bed.seedIamDomain();
    seedTeamRole();
    bed.seedManagedProfile("john-roe", "hr-2025-000001");

    JsonNode result = bed.invoke(FUNCTION, event("create-user-profile/iam-domain.json"));

    assertThat(result.path("adopted").asBoolean()).isTrue();
    // Not created by this request: a failed onboarding must not delete it.
    assertThat(result.path("createdByThisRun").asBoolean()).isFalse();
    // Seeded without settings: the request's role is put on it, and said.
    assertThat(result.path("status").asText()).isEqualTo("Updating");
    assertThat(result.path("outcome").asText()).isEqualTo("Updated");
    assertThat(result.path("changes").get(0).asText())
        .isEqualTo("ExecutionRole: (none) -> " + TEAM_ROLE);
    assertThat(describe("john-roe").userSettings().executionRole()).isEqualTo(TEAM_ROLE);
  }

  @Test
  void profileNotCreatedByThisWorkflowIsProfileConflictAndUntouched() {
    bed.seedIamDomain();
    seedTeamRole();
    bed.emulator()
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(DOMAIN_ID, "john-roe").withTags(Map.of("team", "ml")));

    FunctionError error = bed.invokeFailing(FUNCTION, event("create-user-profile/iam-domain.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ProfileConflict");
    assertThat(error.errorMessage())
        .contains("john-roe")
        .contains("not created by studio-lifecycle");
    assertThat(bed.mutationsSince(0)).isEmpty();
    assertThat(tags(describe("john-roe").userProfileArn()))
        .containsExactly(Map.entry("team", "ml"));
  }

  @Test
  void identityCenterUserWithAnotherProfileIsProfileConflictNamingSsoUserName() {
    bed.seedSsoDomain();
    seedJaneRole();
    bed.emulator()
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(DOMAIN_ID, "jane-doe-2024")
                .withSingleSignOnUserValue("jane.doe"));

    FunctionError error = bed.invokeFailing(FUNCTION, event("create-user-profile/sso-domain.json"));

    // Retrying cannot help: the Identity Center user stays linked to the other profile.
    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ProfileConflict");
    assertThat(error.errorMessage())
        .startsWith("ssoUserName: ")
        .contains("already has another user profile")
        .doesNotContain("jane.doe");
    assertThat(bed.operationsSince(0))
        .containsExactly(
            "DescribeUserProfile:ResourceNotFound",
            "CreateUserProfile:ResourceInUse",
            "DescribeUserProfile:ResourceNotFound");
    assertThat(bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, "jane-doe")).isEmpty();
  }

  @Test
  void internalFailureIsAwsServiceUnavailableAndTheRetryCreatesTheProfile() {
    bed.seedIamDomain();
    seedTeamRole();
    bed.emulator()
        .faults()
        .failTimes("sagemaker", "CreateUserProfile", InjectedFailure.INTERNAL_FAILURE, 1);

    FunctionError error = bed.invokeFailing(FUNCTION, event("create-user-profile/iam-domain.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
    assertThat(error.errorMessage()).contains("InternalFailure").contains("500");
    assertThat(bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, "john-roe")).isEmpty();

    JsonNode retry = bed.invoke(FUNCTION, event("create-user-profile/iam-domain.json"));
    assertThat(retry.path("adopted").asBoolean()).isFalse();
    assertThat(bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, "john-roe"))
        .contains(ResourceStatus.PENDING);
  }

  @Test
  void throttledCreateUserProfileIsAwsThrottled() {
    bed.seedIamDomain();
    seedTeamRole();
    bed.emulator().faults().throttle("sagemaker", "*", 1, 1);
    // The one token goes to an inspection call; the handler's call finds the bucket empty.
    bed.sageMaker().listDomains(r -> {});

    FunctionError error = bed.invokeFailing(FUNCTION, event("create-user-profile/iam-domain.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(error.errorMessage()).contains("ThrottlingException");
    assertThat(bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, "john-roe")).isEmpty();
  }

  private DescribeUserProfileResponse describe(String userProfileName) {
    return bed.sageMaker()
        .describeUserProfile(r -> r.domainId(DOMAIN_ID).userProfileName(userProfileName));
  }

  private Map<String, String> tags(String arn) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag tag : bed.sageMaker().listTags(r -> r.resourceArn(arn)).tags()) {
      tags.put(tag.key(), tag.value());
    }
    return tags;
  }
}

package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerTimings;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.model.AuthMode;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/** ValidateFunction against the emulator: the request, the domain and any existing profile. */
class ValidateHandlerEmulatorTest {

  private static final String FUNCTION = "ValidateFunction";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  @Test
  void onboardingInAnIamDomainReadsTheDomainAndProfileAndChangesNothing() {
    bed.seedIamDomain();

    JsonNode validated = bed.invoke(FUNCTION, event("validate/onboard-minimal.json"));

    assertThat(validated.path("domain").path("domainId").asText()).isEqualTo(DOMAIN_ID);
    assertThat(validated.path("domain").path("authMode").asText()).isEqualTo("IAM");
    assertThat(validated.path("domain").path("status").asText()).isEqualTo("InService");
    assertThat(validated.path("domain").path("domainArn").asText())
        .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:domain/" + DOMAIN_ID);
    assertThat(validated.has("existingProfile")).isFalse();
    assertThat(validated.path("nothingToDo").asBoolean()).isFalse();
    // The execution name is the request id when the input has none.
    assertThat(validated.path("request").path("requestId").asText()).isEqualTo("console-start-1");
    assertThat(validated.path("correlation").path("executionArn").asText())
        .endsWith(":execution:StudioUserLifecycle:console-start-1");
    assertThat(bed.operationsSince(0))
        .containsExactly(
            "GetItem", "DescribeDomain", "DescribeUserProfile:ResourceNotFound", "UpdateItem");
  }

  @Test
  void onboardingInAnSsoDomainKeepsSsoUserNameAndEmail() {
    bed.seedSsoDomain();

    JsonNode validated = bed.invoke(FUNCTION, event("validate/onboard-full.json"));

    assertThat(validated.path("domain").path("authMode").asText()).isEqualTo("SSO");
    assertThat(validated.path("request").path("ssoUserName").asText()).isEqualTo("jane.doe");
    assertThat(validated.path("request").path("email").asText()).isEqualTo("jane.doe@example.com");
    assertThat(validated.path("request").path("requestId").asText()).isEqualTo("hr-2026-000123");
    assertThat(bed.changesBesideTheEventOrderSince(0)).isEmpty();
  }

  @Test
  void ssoDomainRequiresSsoUserNameAndEmailBeforeAnythingIsCreated() {
    bed.seedSsoDomain();

    FunctionError error = bed.invokeFailing(FUNCTION, event("validate/onboard-minimal.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage())
        .contains("ssoUserName: is required")
        .contains("email: is required")
        .contains("uses IAM Identity Center");
    assertThat(bed.changesBesideTheEventOrderSince(0)).isEmpty();
  }

  @Test
  void iamDomainRefusesSsoUserNameWithoutAnyMutatingCall() {
    bed.seedIamDomain();

    FunctionError error = bed.invokeFailing(FUNCTION, event("validate/onboard-full.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage()).contains("ssoUserName: not allowed");
    assertThat(bed.handlerCalls()).isNotEmpty();
    assertThat(bed.changesBesideTheEventOrderSince(0)).isEmpty();
    assertThat(bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, "jane-doe")).isEmpty();
  }

  @Test
  void invalidRequestIsRejectedBeforeAnyAwsCall() {
    bed.seedIamDomain();

    FunctionError error = bed.invokeFailing(FUNCTION, event("validate/invalid-request.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage())
        .contains("jumpStart: must be a boolean")
        .contains("userProfilename: unknown field");
    assertThat(bed.handlerCalls()).isEmpty();
  }

  @Test
  void missingDomainIsDomainNotFound() {
    FunctionError error = bed.invokeFailing(FUNCTION, event("validate/onboard-minimal.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.DomainNotFound");
    assertThat(error.errorMessage()).contains("domainId").contains(DOMAIN_ID);
    assertThat(bed.operationsSince(0))
        .as("the event order is read first, and a refused request is not recorded")
        .containsExactly("GetItem", "DescribeDomain:ResourceNotFound");
  }

  @Test
  void domainThatIsNotInServiceYetIsDomainNotReadyUntilItIs() {
    bed.emulator()
        .sageMaker()
        .setTimings(SageMakerTimings.defaults().withDomainReady(Duration.ofMinutes(10)));
    String role = bed.emulator().iam().seedRole(RoleSeed.sageMakerExecutionRole("studio-default"));
    String domainId =
        bed.sageMaker()
            .createDomain(
                r ->
                    r.domainName("studio-new")
                        .authMode(AuthMode.IAM)
                        .defaultUserSettings(s -> s.executionRole(role)))
            .domainId();
    // The stack serves the new domain: its functions may describe it.
    bed.deployFor(domainId);
    ObjectNode payload = event("validate/onboard-minimal.json");
    ((ObjectNode) payload.get("request")).put("domainId", domainId);

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.DomainNotReady");
    assertThat(error.errorMessage()).contains(domainId).contains("is Pending, not InService");

    bed.advance(Duration.ofMinutes(10));
    assertThat(bed.invoke(FUNCTION, payload).path("domain").path("status").asText())
        .isEqualTo("InService");
  }

  @Test
  void existingProfileOfThisWorkflowIsAdopted() {
    bed.seedIamDomain();
    bed.seedManagedProfile("jane-doe", "hr-2026-000001");

    JsonNode validated = bed.invoke(FUNCTION, event("validate/onboard-minimal.json"));

    JsonNode existing = validated.path("existingProfile");
    assertThat(existing.path("managedByUs").asBoolean()).isTrue();
    assertThat(existing.path("status").asText()).isEqualTo("InService");
    assertThat(existing.path("userProfileArn").asText())
        .isEqualTo(
            "arn:aws:sagemaker:us-east-1:123456789012:user-profile/" + DOMAIN_ID + "/jane-doe");
    assertThat(bed.changesBesideTheEventOrderSince(0)).isEmpty();
  }

  @Test
  void existingProfileNotCreatedByThisWorkflowIsProfileConflict() {
    bed.seedIamDomain();
    bed.emulator()
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(DOMAIN_ID, "jane-doe").withTags(Map.of("team", "ml")));

    FunctionError error = bed.invokeFailing(FUNCTION, event("validate/onboard-minimal.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ProfileConflict");
    assertThat(error.errorMessage())
        .contains("userProfileName")
        .contains("was not created by studio-lifecycle");
    assertThat(bed.changesBesideTheEventOrderSince(0)).isEmpty();
  }

  @Test
  void ownProfileThatIsBeingDeletedIsProfileConflict() {
    bed.seedIamDomain();
    bed.emulator()
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(DOMAIN_ID, "jane-doe")
                .withStatus(ResourceStatus.DELETING)
                .withTags(EmulatorTestBed.managedTags("hr-2026-000001")));

    FunctionError error = bed.invokeFailing(FUNCTION, event("validate/onboard-minimal.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ProfileConflict");
    assertThat(error.errorMessage()).contains("is being deleted");
  }

  @Test
  void offboardingAMissingUserHasNothingToDo() {
    bed.seedIamDomain();

    JsonNode validated = bed.invoke(FUNCTION, event("validate/offboard.json"));

    assertThat(validated.path("nothingToDo").asBoolean()).isTrue();
    assertThat(validated.has("existingProfile")).isFalse();
    assertThat(
            validated.path("request").path("offboarding").path("deleteExecutionRole").asBoolean())
        .isTrue();
    assertThat(bed.changesBesideTheEventOrderSince(0)).isEmpty();
    // The sample event's execution is not of the stack's state machine: no onboarding can run
    // beside it, and Step Functions is not asked.
    assertThat(bed.operationsSince(0))
        .containsExactly(
            "GetItem", "DescribeDomain", "DescribeUserProfile:ResourceNotFound", "UpdateItem");
  }

  @Test
  void anOffboardingOfAPersonWhoseOnboardingRunsWaitsForIt() {
    bed.seedIamDomain();
    bed.serveStepFunctions();
    String stateMachineArn = bed.environmentOf("StartWorkflowFunction").get("STATE_MACHINE_ARN");
    ObjectNode hire = (ObjectNode) event("validate/onboard-minimal.json").path("request");
    hire.put("userProfileName", "Jane-Doe");
    String hireArn =
        bed.stepFunctions()
            .startExecution(
                r -> r.stateMachineArn(stateMachineArn).name("hire").input(hire.toString()))
            .executionArn();
    ObjectNode termination = (ObjectNode) event("validate/offboard.json");
    termination.put(
        "executionArn", stateMachineArn.replace(":stateMachine:", ":execution:") + ":termination");

    FunctionError error = bed.invokeFailing(FUNCTION, termination);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.CheckAgainIn30Seconds");
    assertThat(error.errorMessage())
        .contains("an onboarding of jane-doe is running (" + hireArn + ")");
    assertThat(bed.operationsSince(0))
        .containsExactly(
            "GetItem",
            "DescribeDomain",
            "DescribeUserProfile:ResourceNotFound",
            "ListExecutions",
            "DescribeExecution");
  }

  @Test
  void offboardingAnExistingUserReportsItsRoleAndHomeUid() {
    bed.seedIamDomain();
    String role = "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe";
    bed.emulator()
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(DOMAIN_ID, "jane-doe")
                .withUserSettings(EmulatorTestBed.parse("{\"ExecutionRole\": \"" + role + "\"}"))
                .withTags(EmulatorTestBed.managedTags("hr-2026-000001")));

    JsonNode validated = bed.invoke(FUNCTION, event("validate/offboard.json"));

    assertThat(validated.path("nothingToDo").asBoolean()).isFalse();
    JsonNode existing = validated.path("existingProfile");
    assertThat(existing.path("executionRoleArn").asText()).isEqualTo(role);
    assertThat(existing.path("homeEfsFileSystemUid").asText()).matches("\\d+");
    assertThat(existing.path("managedByUs").asBoolean()).isTrue();
  }

  @Test
  void validatingTwiceGivesTheSameAnswerAndChangesNothing() {
    bed.seedIamDomain();
    bed.seedManagedProfile("jane-doe", "hr-2026-000001");

    JsonNode first = bed.invoke(FUNCTION, event("validate/offboard.json"));
    JsonNode second = bed.invoke(FUNCTION, event("validate/offboard.json"));

    assertThat(second).isEqualTo(first);
    assertThat(bed.changesBesideTheEventOrderSince(0)).isEmpty();
  }

  @Test
  void metricsNamespaceComesFromTheTemplateWhenTheProcessEnvironmentHasNone() {
    // A laptop run has no POWERTOOLS_METRICS_NAMESPACE in its process environment (the build
    // sets one for tests); the function environment from template.yaml must be enough.
    Metrics metrics = MetricsFactory.getMetricsInstance();
    metrics.setNamespace(null);
    try {
      bed.seedIamDomain();

      JsonNode validated = bed.invoke(FUNCTION, event("validate/onboard-minimal.json"));

      assertThat(validated.path("domain").path("authMode").asText()).isEqualTo("IAM");
      assertThat(bed.handlerOutput()).contains("\"Namespace\":\"StudioLifecycle\"");
    } finally {
      metrics.setNamespace(System.getenv("POWERTOOLS_METRICS_NAMESPACE"));
    }
  }

  @Test
  void throttledDescribeDomainIsAwsThrottledUntilTheBucketRefills() {
    bed.seedIamDomain();
    bed.emulator().faults().throttle("sagemaker", "DescribeDomain", 1, 1);
    bed.invoke(FUNCTION, event("validate/onboard-minimal.json"));

    FunctionError error = bed.invokeFailing(FUNCTION, event("validate/onboard-minimal.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(error.errorMessage()).contains("ThrottlingException");
    bed.advance(Duration.ofSeconds(1));
    assertThat(bed.invoke(FUNCTION, event("validate/onboard-minimal.json")).has("domain")).isTrue();
  }

  @Test
  void serviceUnavailableIsAwsServiceUnavailable() {
    bed.seedIamDomain();
    bed.emulator()
        .faults()
        .failTimes("sagemaker", "DescribeUserProfile", InjectedFailure.SERVICE_UNAVAILABLE, 1);

    FunctionError error = bed.invokeFailing(FUNCTION, event("validate/onboard-minimal.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
    assertThat(error.errorMessage()).contains("ServiceUnavailable").contains("503");
  }
}

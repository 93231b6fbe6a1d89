package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.identitycenter.IdentityCenter;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.report.ExecutionFigures;
import dev.studiolifecycle.local.workflow.LifecycleSimulation.Notification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/**
 * Onboarding end to end: template.yaml's state machine, the real handlers and the emulator, from
 * the inputs of events/statemachine/ and the scenarios of events/scenarios/.
 */
class OnboardingTest {

  private static final String IAM_DOMAIN = "d-studiolocal01";
  private static final String SSO_DOMAIN = "d-studiosso001";
  private static final String ONBOARDED_PATH_END = "NotifyOnboarded";
  private static final List<String> ONBOARDED =
      List.of(
          "Validate",
          "OnboardOrOffboard",
          "CreateExecutionRole",
          "CreateUserProfile",
          "AwaitProfileReady",
          ONBOARDED_PATH_END);

  @Test
  void onboardsIntoAnIamDomainWithANewRoleBucketsCanvasForecastingAndRStudioAdmin() {
    try (LifecycleSimulation simulation =
            LifecycleSimulation.of("onboarding-iam-propagation.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution)).containsExactlyElementsOf(ONBOARDED);
      // The scenario's 500 and IAM propagation: CreateUserProfile was retried until SageMaker
      // could assume the new role.
      assertThat(lambdaErrors(execution, "CreateUserProfile"))
          .contains(
              "dev.studiolifecycle.error.AwsServiceUnavailable",
              "dev.studiolifecycle.error.RoleNotYetAssumable");

      String roleArn =
          "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe-studiolocal01";
      Role role = aws.iam.getRole(r -> r.roleName("studio-jane-doe-studiolocal01")).role();
      assertThat(role.arn()).isEqualTo(roleArn);
      assertThat(role.permissionsBoundary().permissionsBoundaryArn())
          .contains(":policy/")
          .isNotBlank();
      assertThat(decode(role.assumeRolePolicyDocument()))
          .contains("sagemaker.amazonaws.com")
          .contains("forecast.amazonaws.com");
      assertThat(role.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())))
          .containsEntry("managed-by", "studio-lifecycle")
          .containsEntry("studio-lifecycle:request-id", "hr-2026-000123")
          .containsEntry("studio-lifecycle:user-profile", "jane-doe");
      assertThat(
              simulation
                  .emulator()
                  .iam()
                  .attachedPolicies("studio-jane-doe-studiolocal01")
                  .orElseThrow())
          .containsExactlyInAnyOrder(
              "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
              "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess",
              "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess",
              "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasForecastAccess");
      String s3Policy =
          decode(
              aws.iam
                  .getRolePolicy(
                      r ->
                          r.roleName("studio-jane-doe-studiolocal01")
                              .policyName("studio-lifecycle-s3-access"))
                  .policyDocument());
      assertThat(s3Policy)
          .contains("arn:aws:s3:::ml-team-datasets")
          .contains("arn:aws:s3:::ml-team-scratch/*");

      DescribeUserProfileResponse profile =
          aws.sageMaker.describeUserProfile(
              r -> r.domainId(IAM_DOMAIN).userProfileName("jane-doe"));
      assertThat(profile.statusAsString()).isEqualTo("InService");
      UserSettings settings = profile.userSettings();
      assertThat(settings.executionRole()).isEqualTo(roleArn);
      assertThat(settings.jupyterLabAppSettings().defaultResourceSpec().sageMakerImageArn())
          .isEqualTo("arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-cpu");
      assertThat(settings.jupyterLabAppSettings().defaultResourceSpec().instanceTypeAsString())
          .isEqualTo("ml.t3.medium");
      assertThat(settings.rStudioServerProAppSettings().accessStatusAsString())
          .isEqualTo("ENABLED");
      assertThat(settings.rStudioServerProAppSettings().userGroupAsString())
          .isEqualTo("R_STUDIO_ADMIN");
      assertThat(settings.canvasAppSettings().timeSeriesForecastingSettings().statusAsString())
          .isEqualTo("ENABLED");
      assertThat(tags(aws, profile.userProfileArn()))
          .containsEntry("managed-by", "studio-lifecycle")
          .containsEntry("team", "ml-platform");

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      assertThat(notification.action()).isEqualTo("ONBOARD");
      JsonNode message = notification.message();
      assertThat(message.path("userProfileName").asText()).isEqualTo("jane-doe");
      assertThat(message.path("domainId").asText()).isEqualTo(IAM_DOMAIN);
      assertThat(message.path("userProfileArn").asText()).isEqualTo(profile.userProfileArn());
      assertThat(message.path("executionArn").asText()).isEqualTo(execution.executionArn());
      assertThat(message.at("/created/executionRole/roleArn").asText()).isEqualTo(roleArn);
      assertThat(message.at("/created/executionRole/createdByThisRun").asBoolean()).isTrue();
      assertThat(message.at("/created/userProfile/createdByThisRun").asBoolean()).isTrue();
      assertThat(message.at("/created/userProfile/status").asText()).isEqualTo("InService");
    }
  }

  @Test
  void onboardsIntoAnSsoDomainWithTheSsoUserName() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("onboard-sso.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution execution = simulation.run("onboard-sso.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution)).containsExactlyElementsOf(ONBOARDED);
      DescribeUserProfileResponse profile =
          aws.sageMaker.describeUserProfile(
              r -> r.domainId(SSO_DOMAIN).userProfileName("alex-kim"));
      assertThat(profile.statusAsString()).isEqualTo("InService");
      assertThat(profile.singleSignOnUserIdentifier()).isEqualTo("UserName");
      assertThat(profile.singleSignOnUserValue()).isEqualTo("alex.kim");
      assertThat(profile.userSettings().executionRole())
          .isEqualTo(
              "arn:aws:iam::123456789012:role/studio-lifecycle/studio-alex-kim-studiosso001");
      assertThat(profile.userSettings().rStudioServerProAppSettings().userGroupAsString())
          .isEqualTo("R_STUDIO_USER");

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      assertThat(notification.message().path("domainId").asText()).isEqualTo(SSO_DOMAIN);
      assertThat(notification.message().path("userProfileArn").asText())
          .isEqualTo(profile.userProfileArn());

      // Nobody had assigned Alex to the domain's Studio application: the workflow did, and
      // marked the profile so that offboarding removes exactly that assignment.
      IdentityCenter center = simulation.emulator().identityCenter();
      String alex = center.userNamed("alex.kim").orElseThrow().userId();
      String application = center.applicationOf(SSO_DOMAIN).orElseThrow();
      assertThat(center.assignments(application))
          .containsExactly(new IdentityCenter.Assignment("USER", alex));
      assertThat(tags(aws, profile.userProfileArn()))
          .containsEntry("studio-lifecycle:identity-center-user-id", alex)
          .containsEntry("studio-lifecycle:studio-assignment", "USER");
      JsonNode studio = notification.message().path("studio");
      assertThat(studio.path("url").asText())
          .isEqualTo("https://d-studiosso001.studio.us-east-1.sagemaker.aws");
      assertThat(studio.path("identityCenterUserId").asText()).isEqualTo(alex);
      assertThat(studio.path("assignment").asText()).isEqualTo("ASSIGNED");
    }
  }

  @Test
  void anSsoJoinerWhoseGroupIsAssignedToStudioGetsNoAssignmentOfHerOwn() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("onboard-sso.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      IdentityCenter center = simulation.emulator().identityCenter();
      center.seedGroup("forecasting");
      center.seedMembership("forecasting", "alex.kim");
      center.seedAssignment(SSO_DOMAIN, null, "forecasting");
      String application = center.applicationOf(SSO_DOMAIN).orElseThrow();
      List<IdentityCenter.Assignment> before = center.assignments(application);

      Execution execution = simulation.run("onboard-sso.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(center.assignments(application)).isEqualTo(before);
      assertThat(simulation.emulator().requestLog().calls("sso", "CreateApplicationAssignment"))
          .isEmpty();
      String arn =
          aws.sageMaker
              .describeUserProfile(r -> r.domainId(SSO_DOMAIN).userProfileName("alex-kim"))
              .userProfileArn();
      assertThat(tags(aws, arn))
          .containsKey("studio-lifecycle:identity-center-user-id")
          .doesNotContainKey("studio-lifecycle:studio-assignment");
      assertThat(
              simulation
                  .notification(execution)
                  .message()
                  .path("studio")
                  .path("assignment")
                  .asText())
          .isEqualTo("GROUP_ASSIGNED");
    }
  }

  /**
   * SageMaker refuses a profile whose SingleSignOnUserValue is no user of the directory; Validate
   * finds that first, in the identity store, so nothing is created and the field is named.
   */
  @Test
  void anSsoJoinerIdentityCenterDoesNotKnowIsRejectedNamingSsoUserNameAndNothingIsCreated() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("onboard-sso.json")) {
      ObjectNode input = (ObjectNode) LifecycleSimulation.input("onboard-sso.json");
      input.put("ssoUserName", "alex.kimm");
      Execution execution = simulation.runtime().run(input);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.ValidationError");
      assertThat(path(execution)).startsWith("Validate", "RequestRejected");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(RecordedCall::service, RecordedCall::operation)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("sns", "Publish"));
      assertThat(simulation.emulator().requestLog().calls("identitystore", "GetUserId")).hasSize(1);
      Notification notification = simulation.notification(execution);
      assertThat(notification.message().path("reason").asText()).isEqualTo("REJECTED");
      assertThat(notification.message().path("cause").asText())
          .contains("ssoUserName: IAM Identity Center has no user named 'alex.kimm'");
    }
  }

  /**
   * The failure notice an operator reads: its cause is the function's error document, with the
   * message that names the field and the rule, and no stack of frames around it.
   */
  @Test
  void aFailureNoticeCarriesTheErrorsMessageWithoutTheFunctionsStack() throws Exception {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("onboard-existing-role.json")) {
      Execution execution = simulation.run("onboard-existing-role.json");

      assertThat(execution.error()).contains("dev.studiolifecycle.error.ExecutionRoleUnusable");
      Notification notification = simulation.notification(execution);
      JsonNode cause = LifecycleSimulation.parse(notification.message().path("cause").asText());
      assertThat(cause.path("errorMessage").asText())
          .startsWith("executionRole.arn: role ")
          .contains("is not one this stack may use (ExistingExecutionRoleArns)");
      assertThat(cause.path("stackTrace").isArray()).isTrue();
      assertThat(cause.path("stackTrace")).isEmpty();
    }
  }

  /** The stack lets requests name the scenario's existing role as a user's execution role. */
  static final Map<String, String> EXISTING_ROLE_ALLOWED =
      Map.of(
          "ExistingExecutionRoleArns", "arn:aws:iam::123456789012:role/studio-default-execution");

  /**
   * With ExistingExecutionRoleArns left empty the template grants no access to the role, so IAM
   * refuses CreateExecutionRole's GetRole: the onboarding fails at that call, creates nothing and
   * says which field and which parameter.
   */
  @Test
  void anExistingRoleTheStackMayNotUseFailsAtTheCallIamRefuses() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("onboard-existing-role.json")) {
      Execution execution = simulation.run("onboard-existing-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(path(execution))
          .contains("CreateExecutionRole")
          .doesNotContain("CreateUserProfile");
      assertThat(simulation.emulator().requestLog().calls("iam", "GetRole"))
          .extracting(RecordedCall::errorCode)
          .containsOnly("AccessDenied");
      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("FAILED");
      assertThat(notification.message().toString())
          .contains("ExecutionRoleUnusable")
          .contains("ExistingExecutionRoleArns");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(IAM_DOMAIN, "sam-lee"))
          .isEmpty();
    }
  }

  @Test
  void usesAnExistingRoleAsItIsAndCreatesNoRole() {
    try (LifecycleSimulation simulation =
            LifecycleSimulation.of("onboard-existing-role.json", EXISTING_ROLE_ALLOWED);
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      List<String> rolesBefore = simulation.emulator().iam().roleNames();
      Execution execution = simulation.run("onboard-existing-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution)).containsExactlyElementsOf(ONBOARDED);
      assertThat(simulation.emulator().iam().roleNames())
          .containsExactlyInAnyOrderElementsOf(rolesBefore);
      assertThat(simulation.emulator().requestLog().calls("iam", "CreateRole")).isEmpty();
      assertThat(simulation.emulator().requestLog().calls("iam", "AttachRolePolicy")).isEmpty();
      DescribeUserProfileResponse profile =
          aws.sageMaker.describeUserProfile(r -> r.domainId(IAM_DOMAIN).userProfileName("sam-lee"));
      assertThat(profile.userSettings().executionRole())
          .isEqualTo("arn:aws:iam::123456789012:role/studio-default-execution");
      assertThat(profile.userSettings().studioWebPortalSettings().hiddenMlToolsAsStrings())
          .contains("JumpStart");

      JsonNode message = simulation.notification(execution).message();
      assertThat(message.at("/created/executionRole/createdByThisRun").asBoolean()).isFalse();
      assertThat(message.at("/created/executionRole/roleArn").asText())
          .isEqualTo("arn:aws:iam::123456789012:role/studio-default-execution");
    }
  }

  @Test
  void theSameRequestRunTwiceCreatesNothingTheSecondTime() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("onboarding-iam-propagation.json")) {
      Execution first = simulation.run("first-attempt", "onboard-iam-new-role.json");
      assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      int mark = simulation.callCount();

      Execution second = simulation.run("second-attempt", "onboard-iam-new-role.json");

      assertThat(second.status())
          .as(second.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(second))
          .startsWith(
              "Validate",
              "OnboardOrOffboard",
              "RememberProfileRole",
              "CreateExecutionRole",
              "CreateUserProfile")
          .endsWith("NotifyOnboarded");
      List<RecordedCall> changes =
          simulation.callsAfter(mark).stream()
              .filter(
                  call ->
                      call.operation() != null
                          && call.operation()
                              .matches("(Create|Attach|Put|Update|Add|Tag|Delete|Detach).*"))
              .toList();
      assertThat(changes).as("changing calls of the second run").isEmpty();
      assertThat(simulation.emulator().iam().roleNames())
          .filteredOn("studio-jane-doe-studiolocal01"::equals)
          .hasSize(1);
      JsonNode message = simulation.notification(second).message();
      assertThat(message.path("outcome").asText()).isEqualTo("SUCCEEDED");
      assertThat(message.at("/created/executionRole/adopted").asBoolean()).isTrue();
      assertThat(message.at("/created/userProfile/adopted").asBoolean()).isTrue();
      assertThat(message.path("requestId").asText()).isEqualTo("hr-2026-000123");
    }
  }

  @Test
  void theSameHrEventDeliveredAfterTheOnboardingCompletedChangesNothing() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("onboard-iam-new-role-again.json")) {
      Execution execution = simulation.run("onboard-iam-new-role-again.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .containsSubsequence(
              "OnboardOrOffboard",
              "RememberProfileRole",
              "CreateExecutionRole",
              "CreateUserProfile",
              "NotifyOnboarded");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .as("only its order is recorded")
          .containsExactly("dynamodb:UpdateItem", "sns:Publish");
      // Reads only: the S3 policy, and whether an offboarding's deny is on the role.
      assertThat(simulation.emulator().requestLog().calls("iam", "GetRolePolicy"))
          .extracting(call -> call.parameters().path("PolicyName").asText())
          .containsExactly("studio-lifecycle-s3-access", "studio-lifecycle-revoked");
      JsonNode message = simulation.notification(execution).message();
      assertThat(message.at("/created/executionRole/adopted").asBoolean()).isTrue();
      assertThat(message.at("/created/executionRole/createdByThisRun").asBoolean()).isTrue();
      assertThat(message.at("/created/userProfile/adopted").asBoolean()).isTrue();
    }
  }

  /**
   * Someone let another account assume jane's role (the ops topic hears of it from the role trust
   * rule). The next request for her puts back the trust the workflow writes: SageMaker and Forecast
   * of this account only.
   */
  @Test
  void aTrustBroadenedOutsideTheWorkflowIsPutBackByTheNextRequest() {
    try (LifecycleSimulation simulation =
            LifecycleSimulation.of("onboard-iam-new-role-again.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      String roleName = "studio-jane-doe";
      String widened =
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
              + "{\"Service\":[\"sagemaker.amazonaws.com\",\"forecast.amazonaws.com\"]},"
              + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
              + "{\"aws:SourceAccount\":\"123456789012\"}}},{\"Effect\":\"Allow\","
              + "\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},"
              + "\"Action\":\"sts:AssumeRole\"}]}";
      aws.iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(widened));

      Execution execution = simulation.run("onboard-iam-new-role-again.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      String trust =
          decode(aws.iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument());
      assertThat(trust)
          .contains("sagemaker.amazonaws.com", "forecast.amazonaws.com", "aws:SourceAccount")
          .doesNotContain("999988887777");
      assertThat(simulation.notification(execution).message().toString())
          .contains("trust policy: -> sagemaker.amazonaws.com and forecast.amazonaws.com");
    }
  }

  /**
   * CreateRole succeeds and every later call of the step fails: CreateExecutionRole never returns
   * the role, so the run's state does not know it. Compensation finds it by its tags (this user,
   * this request) and deletes it, and the failure notification names it.
   */
  @Test
  void aRoleCreatedJustBeforeItsStepFailedIsFoundByItsTagsAndUndone() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("demo.json")) {
      simulation.unavailablePastRetries("iam", "AttachRolePolicy");
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.AwsServiceUnavailable");
      assertThat(path(execution))
          .containsSubsequence(
              "CreateExecutionRole",
              "BeginCompensation",
              "UndoRole",
              "DeleteRoleThisRunMayHaveCreated",
              "NotifyFailure",
              "Failed");
      assertThat(simulation.emulator().requestLog().calls("iam", "CreateRole"))
          .filteredOn(RecordedCall::succeeded)
          .hasSize(1);
      assertThat(simulation.emulator().iam().roleExists("studio-jane-doe-studiolocal01"))
          .as("no role is left behind")
          .isFalse();

      JsonNode message = simulation.notification(execution).message();
      assertThat(message.at("/created/executionRole").isNull()).isTrue();
      assertThat(message.at("/compensation/executionRole/outcome").asText()).isEqualTo("DELETED");
      assertThat(message.at("/compensation/executionRole/roleArn").asText())
          .isEqualTo(
              "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe-studiolocal01");
    }
  }

  @Test
  void aFailedReplayNeverUndoesTheRoleOfTheProfileThatExistedBeforeIt() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("demo.json")) {
      Execution first = simulation.run("first", "onboard-iam-new-role.json");
      assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      simulation.unavailablePastRetries("iam", "GetRole");

      Execution replay = simulation.run("replay", "onboard-iam-new-role.json");

      assertThat(replay.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(path(replay))
          .doesNotContain("DeleteRoleThisRunMayHaveCreated", "DeleteCreatedRole");
      assertThat(simulation.emulator().iam().roleExists("studio-jane-doe-studiolocal01")).isTrue();
      assertThat(simulation.emulator().sageMaker().userProfileStatus(IAM_DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
    }
  }

  @Test
  void aProfileThatNeverBecomesReadyEndsTheBoundedWaitAndIsUndoneWithItsRole() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("onboard-profile-never-ready.json")) {
      Execution execution = simulation.run("onboard-profile-never-ready.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.WaitTimedOut");
      assertThat(execution.cause().orElseThrow())
          .contains("gave up after 900 seconds (MaxProfileWaitSeconds 900)");
      assertThat(path(execution))
          .containsSubsequence(
              "AwaitProfileReady",
              "BeginCompensation",
              "ProfileArnOfThisRun",
              "UndoProfile",
              "DeleteCreatedProfile",
              "UndoRole",
              "DeleteCreatedRole",
              "NotifyFailure",
              "Failed");
      // A look every 10 seconds for MaxProfileWaitSeconds: 90 retries, one transition each.
      assertThat(lambdaErrors(execution, "AwaitProfileReady"))
          .hasSize(91)
          .endsWith("dev.studiolifecycle.error.WaitTimedOut");
      // A profile still Pending cannot be deleted yet (the emulator's stricter reading): the
      // notification says so, and the role this run created is deleted all the same.
      assertThat(simulation.emulator().sageMaker().userProfileStatus(IAM_DOMAIN, "lee-chen"))
          .contains(ResourceStatus.PENDING);
      assertThat(simulation.emulator().iam().roleExists("studio-lee-chen")).isFalse();
      JsonNode message = simulation.notification(execution).message();
      assertThat(message.at("/compensation/userProfile/outcome").asText()).isEqualTo("NOT_STARTED");
      assertThat(message.at("/compensation/executionRole/outcome").asText()).isEqualTo("DELETED");
    }
  }

  @Test
  void aProfileSageMakerCannotCreateUndoesTheRoleThisRunCreatedAndFailsWithTheOriginalError() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("profile-creation-outage.json")) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.AwsServiceUnavailable");
      assertThat(execution.cause().orElseThrow()).contains("ServiceUnavailable");
      assertThat(path(execution))
          .containsExactly(
              "Validate",
              "OnboardOrOffboard",
              "CreateExecutionRole",
              "CreateUserProfile",
              "BeginCompensation",
              "NoProfileArn",
              "StartCompensation",
              "UndoProfile",
              "UndoRole",
              "DeleteCreatedRole",
              "NotifyFailure",
              "Failed");
      // The first call and eight retries (AwsServiceUnavailable's MaxAttempts).
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "CreateUserProfile"))
          .hasSize(9);
      assertThat(simulation.emulator().requestLog().calls("iam", "CreateRole")).hasSize(1);
      assertThat(simulation.emulator().iam().roleExists("studio-jane-doe-studiolocal01")).isFalse();
      assertThat(simulation.emulator().sageMaker().userProfileStatus(IAM_DOMAIN, "jane-doe"))
          .isEmpty();

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("FAILED");
      assertThat(notification.action()).isEqualTo("ONBOARD");
      JsonNode message = notification.message();
      assertThat(message.path("error").asText())
          .isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
      assertThat(message.path("cause").asText()).contains("ServiceUnavailable");
      assertThat(message.path("userProfileArn").isNull()).isTrue();
      assertThat(message.at("/created/executionRole/createdByThisRun").asBoolean()).isTrue();
      assertThat(message.at("/compensation/executionRole/outcome").asText()).isEqualTo("DELETED");
      assertThat(message.path("compensation").has("userProfile")).isFalse();
    }
  }

  @Test
  void anInvalidRequestIsRejectedNamingTheFieldAndChangesNothing() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      Execution execution = simulation.run("invalid-request.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.ValidationError");
      assertThat(path(execution))
          .containsExactly(
              "Validate",
              "RequestRejected",
              "RequestAction",
              "RequestToOnboard",
              "NotifyNotRun",
              "RejectedOrFailed",
              "Rejected");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(RecordedCall::service, RecordedCall::operation)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("sns", "Publish"));

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("FAILED");
      assertThat(notification.action()).isEqualTo("ONBOARD");
      assertThat(notification.message().path("error").asText())
          .isEqualTo("dev.studiolifecycle.error.ValidationError");
      assertThat(notification.message().path("cause").asText())
          .contains("rstudio: must be one of UNAUTHORIZED, ADMIN, USER");
      assertThat(notification.published().subject())
          .isEqualTo("Rejected request " + execution.name());
      assertThat(notification.message().path("reason").asText()).isEqualTo("REJECTED");
      assertThat(notification.message().has("request"))
          .as("the notification names the execution, whose input holds the request")
          .isFalse();
      assertThat(notification.published().message()).doesNotContain("@");
    }
  }

  @Test
  void aServiceThatStaysUnavailableDuringValidateFailsTheRunAndIsNeverARejection() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      simulation.unavailablePastRetries("sagemaker", "DescribeDomain");
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.AwsServiceUnavailable");
      assertThat(path(execution))
          .containsExactly(
              "Validate",
              "RequestNotValidated",
              "RequestAction",
              "RequestToOnboard",
              "NotifyNotRun",
              "RejectedOrFailed",
              "Failed");
      assertNotValidatedNotification(simulation, execution, "AwsServiceUnavailable");
    }
  }

  /**
   * SNS refuses a Subject of 100 characters or more (API reference, Publish: "less than 100
   * characters long"); the subject names the execution, whose name may have 80.
   */
  @Test
  void aRunThatCouldNotBeValidatedIsToldUnderTheLongestExecutionName() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      simulation.unavailablePastRetries("sagemaker", "DescribeDomain");
      String name = "hr-" + "0123456789".repeat(7) + "0123456";
      assertThat(name).hasSize(80);

      Execution execution =
          simulation.runtime().run(name, LifecycleSimulation.input("onboard-iam-new-role.json"));

      assertThat(path(execution)).contains("NotifyNotRun").doesNotContain("NotNotified");
      assertNotValidatedNotification(simulation, execution, "AwsServiceUnavailable");
      assertThat(simulation.notification(execution).published().subject()).hasSizeLessThan(100);
    }
  }

  @Test
  void aThrottleThatOutlastsEveryRetryOfValidateFailsTheRunAndIsNeverARejection() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      // One call, then one a year: this call takes it, and no retry outlasts the limit.
      simulation.emulator().faults().throttle("sagemaker", "DescribeDomain", 1.0 / 31_536_000, 1);
      aws.sageMaker.describeDomain(r -> r.domainId("d-studiolocal01"));
      Instant start = simulation.now();
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.AwsThrottled");
      assertThat(path(execution))
          .containsExactly(
              "Validate",
              "RequestNotValidated",
              "RequestAction",
              "RequestToOnboard",
              "NotifyNotRun",
              "RejectedOrFailed",
              "Failed");
      assertThat(Duration.between(start, simulation.now()))
          .as("retried for hours, not for ever")
          .isBetween(Duration.ofHours(1), Duration.ofHours(6));
      assertNotValidatedNotification(simulation, execution, "AwsThrottled");
    }
  }

  private static void assertNotValidatedNotification(
      LifecycleSimulation simulation, Execution execution, String error) {
    assertThat(simulation.emulator().requestLog().mutatingCalls())
        .extracting(RecordedCall::service, RecordedCall::operation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sns", "Publish"));
    Notification notification = simulation.notification(execution);
    assertThat(notification.published().subject())
        .isEqualTo("Could not validate " + execution.name());
    assertThat(notification.outcome()).isEqualTo("FAILED");
    assertThat(notification.action()).isEqualTo("ONBOARD");
    assertThat(notification.message().path("reason").asText()).isEqualTo("NOT_VALIDATED");
    assertThat(notification.message().path("error").asText())
        .isEqualTo("dev.studiolifecycle.error." + error);
    assertThat(notification.message().has("request")).isFalse();
    assertThat(notification.published().message()).doesNotContain("@");
  }

  @Test
  void aProfileReadyInTenSecondsIsWaitedForTenSecondsInOneTransition() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("demo.json")) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(simulation.emulator().sageMaker().userProfileStatus(IAM_DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
      // IAM propagation (10 s) is waited out by CreateUserProfile's retries, 4 s then 8 s; the
      // profile (10 s to InService) by one look right away and one retry 10 s later.
      assertThat(lambdaErrors(execution, "CreateUserProfile"))
          .containsExactly(
              "dev.studiolifecycle.error.RoleNotYetAssumable",
              "dev.studiolifecycle.error.RoleNotYetAssumable");
      assertThat(lambdaErrors(execution, "AwaitProfileReady"))
          .containsExactly("dev.studiolifecycle.error.CheckAgainIn10Seconds");
      assertThat(
              java.time.Duration.between(execution.startDate(), execution.stopDate().orElseThrow()))
          .hasSeconds(22);
      // Issue 11's target: an onboarding costs at most 12 billed transitions.
      assertThat(ExecutionFigures.of(execution).billedTransitions()).isEqualTo(9);
    }
  }

  @Test
  void anOnboardingNobodyCanBeToldAboutFailsTheExecutionButKeepsTheUsersProfileAndRole() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("notification-outage.json")) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("SNS.InternalFailureException");
      assertThat(path(execution)).endsWith("AwaitProfileReady", "NotifyOnboarded", "NotNotified");
      // Four failed Publish calls: the first and the notification's three retries; then the
      // ExecutionEnd rule's function tells of the failed execution, SNS being back.
      assertThat(simulation.emulator().requestLog().calls("sns", "Publish"))
          .extracting(RecordedCall::succeeded)
          .containsExactly(false, false, false, false, true);
      assertThat(simulation.runtime().notifications())
          .singleElement()
          .satisfies(
              told ->
                  assertThat(told.subject()).isEqualTo("Execution hr-2026-000123 ended FAILED"));
      // Nothing is undone: the user can work, and the failed execution raises the alarm.
      assertThat(simulation.emulator().iam().roleExists("studio-jane-doe-studiolocal01")).isTrue();
      simulation.emulator().virtualClock().advance(java.time.Duration.ofMinutes(1));
      assertThat(simulation.emulator().sageMaker().userProfileStatus(IAM_DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "DeleteUserProfile"))
          .isEmpty();
    }
  }

  @Test
  void aFailureNotificationThatCannotBeSentStillEndsWithTheOriginalError() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("profile-creation-outage.json")) {
      simulation.fail("sns", "Publish", InjectedFailure.INTERNAL_FAILURE, 100);

      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.AwsServiceUnavailable");
      assertThat(path(execution)).endsWith("DeleteCreatedRole", "NotifyFailure", "Failed");
      assertThat(simulation.emulator().iam().roleExists("studio-jane-doe-studiolocal01")).isFalse();
      // SNS stays down: the ExecutionEnd rule's function cannot tell either, and the event lands
      // in its dead-letter queue, whose alarm fires.
      assertThat(simulation.runtime().notifications()).isEmpty();
      assertThat(simulation.runtime().deadLetters()).hasSize(1);
    }
  }

  private static List<String> lambdaErrors(Execution execution, String state) {
    return execution.history().stream()
        .filter(event -> state.equals(event.stateName()))
        .map(HistoryEvent::details)
        .filter(EventDetails.LambdaFunctionFailure.class::isInstance)
        .map(details -> ((EventDetails.LambdaFunctionFailure) details).error())
        .toList();
  }

  private static String decode(String document) {
    return URLDecoder.decode(document, StandardCharsets.UTF_8);
  }

  private static Map<String, String> tags(EmulatorClients aws, String arn) {
    return aws.sageMaker.listTags(r -> r.resourceArn(arn)).tags().stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }
}

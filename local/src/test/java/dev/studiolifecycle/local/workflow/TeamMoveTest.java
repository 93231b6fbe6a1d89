package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.workflow.LifecycleSimulation.Notification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/**
 * A person who moves: UPDATE (and ONBOARD of a profile that exists) bring the profile, its tags and
 * its role to the request, list every change in the notification, and never end SUCCEEDED while
 * anything differs. Frank's starting point is events/scenarios/update-team-move.json: team
 * ml-platform, bucket ml-platform-data, RStudio USER, JupyterLab on ml.t3.medium, Canvas policies.
 */
class TeamMoveTest {

  private static final String DOMAIN = "d-studiolocal01";
  private static final String ROLE = "studio-frank";
  private static final String ROLE_ARN =
      "arn:aws:iam::123456789012:role/studio-lifecycle/studio-frank";
  private static final String IMAGE =
      "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-cpu";
  private static final String CANVAS_FULL_ACCESS =
      "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess";
  private static final String CANVAS_AI_SERVICES =
      "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess";

  @Test
  void aTeamMoveConvergesEverySettingTagAndPolicyAndListsEachChange() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("update-team-move.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution execution = simulation.run("update-team-move.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .containsSubsequence(
              "Validate",
              "OnboardOrOffboard",
              "RememberProfileRole",
              "CreateExecutionRole",
              "CreateUserProfile",
              "AwaitProfileReady",
              "NotifyOnboarded");
      assertThat(path(execution))
          .as("it waited for the update to take effect")
          .contains("AwaitProfileReady");

      UserSettings settings =
          aws.sageMaker
              .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("frank"))
              .userSettings();
      assertThat(settings.jupyterLabAppSettings().defaultResourceSpec().instanceTypeAsString())
          .isEqualTo("ml.m5.large");
      assertThat(settings.jupyterLabAppSettings().defaultResourceSpec().sageMakerImageArn())
          .as("the image the request does not name is kept")
          .isEqualTo(IMAGE);
      assertThat(settings.rStudioServerProAppSettings().userGroupAsString())
          .isEqualTo("R_STUDIO_ADMIN");
      assertThat(settings.executionRole()).isEqualTo(ROLE_ARN);
      assertThat(profileTags(aws)).containsEntry("team", "risk");
      assertThat(
              aws.sageMaker
                  .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("frank"))
                  .statusAsString())
          .isEqualTo("InService");

      assertThat(aws.iam.listAttachedRolePolicies(r -> r.roleName(ROLE)).attachedPolicies())
          .extracting(p -> p.policyArn())
          .containsExactly("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
      String s3 =
          URLDecoder.decode(
              aws.iam
                  .getRolePolicy(r -> r.roleName(ROLE).policyName("studio-lifecycle-s3-access"))
                  .policyDocument(),
              StandardCharsets.UTF_8);
      assertThat(s3).contains("arn:aws:s3:::risk-data").doesNotContain("ml-platform-data");

      Notification notification = simulation.notification(execution);
      assertThat(notification.published().subject()).isEqualTo("Updated frank");
      assertThat(notification.action()).isEqualTo("UPDATE");
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      JsonNode message = notification.message();
      assertThat(message.path("action").asText()).isEqualTo("UPDATE");
      assertThat(texts(message.at("/changes/userProfile")))
          .containsExactly(
              "JupyterLabAppSettings.DefaultResourceSpec.InstanceType: ml.t3.medium -> ml.m5.large",
              "RStudioServerProAppSettings: ENABLED R_STUDIO_USER -> ENABLED R_STUDIO_ADMIN",
              "tag team: ml-platform -> risk");
      assertThat(texts(message.at("/changes/executionRole")))
          .containsExactly(
              "managed policy " + CANVAS_FULL_ACCESS + ": attached -> detached",
              "managed policy " + CANVAS_AI_SERVICES + ": attached -> detached",
              "S3 buckets: ml-platform-data -> risk-data");
    }
  }

  @Test
  void aMoveByTeamNameTakesTheTeamsSettingsFromParameterStoreAndDropsTheOldTeamsTags() {
    List<String> explicit;
    try (LifecycleSimulation simulation = LifecycleSimulation.of("update-team-move.json")) {
      Execution execution = simulation.run("update-team-move.json");
      JsonNode changes = simulation.notification(execution).message().path("changes");
      explicit = texts(changes.path("userProfile"));
      explicit.addAll(texts(changes.path("executionRole")));
    }
    try (LifecycleSimulation simulation = LifecycleSimulation.of("update-team-from-settings.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution execution = simulation.run("update-team-from-settings.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      JsonNode message = simulation.notification(execution).message();
      List<String> byTeam = texts(message.at("/changes/userProfile"));
      byTeam.addAll(texts(message.at("/changes/executionRole")));
      List<String> expected = new ArrayList<>(explicit);
      // Only team ml-platform sets cost-center: a key the team settings manage, so it goes.
      expected.add("tag cost-center: cc-ml -> (none)");
      // Team risk also sets idle shutdown and private-space storage.
      expected.add(
          "JupyterLabAppSettings.AppLifecycleManagement.IdleSettings: (none) -> ENABLED, idle 120 min,"
              + " max 480 min");
      expected.add(
          "CodeEditorAppSettings.AppLifecycleManagement.IdleSettings: (none) -> ENABLED, idle 120 min,"
              + " max 480 min");
      expected.add("SpaceStorageSettings.DefaultEbsStorageSettings: (none) -> 20 GB (max 100 GB)");
      expected.add(
          "StudioWebPortalSettings.HiddenInstanceTypes: (none) -> ml.p4d.24xlarge, ml.p5.48xlarge");
      // The team itself is recorded, for the nightly reconcile to compare with the roster.
      expected.add("tag studio-lifecycle:team: (none) -> risk");
      assertThat(byTeam).containsExactlyInAnyOrderElementsOf(expected).hasSize(12);
      assertThat(profileTags(aws))
          .containsEntry("team", "risk")
          .containsEntry("studio-lifecycle:team", "risk")
          .doesNotContainKey("cost-center");
      UserSettings settings =
          aws.sageMaker
              .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("frank"))
              .userSettings();
      assertThat(
              settings
                  .codeEditorAppSettings()
                  .appLifecycleManagement()
                  .idleSettings()
                  .maxIdleTimeoutInMinutes())
          .isEqualTo(480);
      assertThat(
              settings
                  .spaceStorageSettings()
                  .defaultEbsStorageSettings()
                  .defaultEbsVolumeSizeInGb())
          .isEqualTo(20);
      assertThat(
              simulation.emulator().requestLog().calls().stream()
                  .filter(call -> call.service().equals("ssm"))
                  .map(call -> call.operation() + " " + call.parameters().path("Name").asText()))
          .containsExactly("GetParameter /studio-lifecycle/studio-lifecycle/team-settings");
    }
  }

  @Test
  void teamSettingsChangedInParameterStoreApplyWithoutRedeployingAndABrokenOneIsRefusedByName() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("update-team-from-settings.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      String name = "/studio-lifecycle/studio-lifecycle/team-settings";
      aws.ssm.putParameter(
          r ->
              r.name(name)
                  .overwrite(true)
                  .value("{\"teams\": {\"risk\": {\"jupyterLab\": {\"instanceType\": \"m5\"}}}}"));

      Execution execution = simulation.run("update-team-from-settings.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.cause().orElse(""))
          .contains("team: the team settings (parameter " + name + "): team risk: jupyterLab");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .containsExactly("ssm:PutParameter", "sns:Publish");
    }
  }

  @Test
  void onboardingAPersonWhoseProfileExistsWithOtherSettingsConvergesItInsteadOfKeepingThem() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("update-team-move.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      ObjectNode onboard = (ObjectNode) LifecycleSimulation.input("update-team-move.json");
      onboard.put("action", "ONBOARD");
      Execution execution = simulation.runtime().run(onboard);

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(profileTags(aws)).containsEntry("team", "risk");
      assertThat(
              aws.sageMaker
                  .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("frank"))
                  .userSettings()
                  .rStudioServerProAppSettings()
                  .userGroupAsString())
          .isEqualTo("R_STUDIO_ADMIN");
      Notification notification = simulation.notification(execution);
      assertThat(notification.published().subject()).isEqualTo("Updated frank");
      assertThat(notification.action()).isEqualTo("ONBOARD");
      assertThat(texts(notification.message().at("/changes/userProfile"))).hasSize(3);
    }
  }

  @Test
  void anUpdateThatFindsEverythingAsRequestedChangesNothingAndSaysUnchanged() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("update-team-move.json")) {
      Execution moved = simulation.run("update-team-move.json");
      assertThat(moved.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      int before = simulation.emulator().requestLog().mutatingCalls().size();

      ObjectNode again = (ObjectNode) LifecycleSimulation.input("update-team-move.json");
      again.put("requestId", "hr-2026-000318");
      Execution second = simulation.runtime().run(again);

      assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(
              simulation.emulator().requestLog().mutatingCalls().stream()
                  .skip(before)
                  .map(call -> call.service() + ":" + call.operation()))
          .as("only its order is recorded")
          .containsExactly("dynamodb:UpdateItem", "sns:Publish");
      Notification notification = simulation.notification(second);
      assertThat(notification.published().subject()).isEqualTo("Unchanged frank");
      assertThat(notification.message().at("/changes/userProfile")).isEmpty();
      assertThat(notification.message().at("/changes/executionRole")).isEmpty();
    }
  }

  @Test
  void anUpdateOfSomeoneWithoutAProfileIsRefusedNamingTheFieldAndCreatesNothing() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      ObjectNode update = (ObjectNode) LifecycleSimulation.input("update-team-move.json");
      update.put("userProfileName", "nobody");
      Execution execution = simulation.runtime().run(update);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.cause().orElse(""))
          .contains("userProfileName: domain d-studiolocal01 has no user profile nobody to update");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .containsExactly("sns:Publish");
      Notification notification = simulation.notification(execution);
      assertThat(notification.action()).isEqualTo("UPDATE");
    }
  }

  @Test
  void aMoveToATeamWithoutBucketsTakesTheS3PolicyAway() {
    try (LifecycleSimulation simulation =
            LifecycleSimulation.of("update-team-without-buckets.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution execution = simulation.run("update-team-without-buckets.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(aws.iam.listRolePolicies(r -> r.roleName(ROLE)).policyNames()).isEmpty();
      assertThat(texts(simulation.notification(execution).message().at("/changes/executionRole")))
          .contains("S3 buckets: ml-platform-data -> (none)");
    }
  }

  @Test
  void aRequestThatNamesNoRoleLeavesTheRolesBucketsAndPoliciesAsTheyAre() {
    // An HR hire event carries no role: it must not take away what an earlier request granted.
    try (LifecycleSimulation simulation = LifecycleSimulation.of("update-team-move.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      ObjectNode hire = (ObjectNode) LifecycleSimulation.input("update-team-move.json");
      hire.put("action", "ONBOARD");
      hire.remove("executionRole");
      Execution execution = simulation.runtime().run(hire);

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(aws.iam.listAttachedRolePolicies(r -> r.roleName(ROLE)).attachedPolicies())
          .extracting(p -> p.policyArn())
          .contains(CANVAS_FULL_ACCESS, CANVAS_AI_SERVICES);
      assertThat(aws.iam.listRolePolicies(r -> r.roleName(ROLE)).policyNames())
          .containsExactly("studio-lifecycle-s3-access");
      assertThat(simulation.notification(execution).message().at("/changes/executionRole"))
          .isEmpty();
    }
  }

  @Test
  void aProfileNotOursIsRefusedUntouchedUnlessTheRequestAdoptsIt() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      simulation
          .emulator()
          .sageMaker()
          .seedUserProfile(
              UserProfileSeed.inService(DOMAIN, "kim-lee").withTags(Map.of("team", "bi")));
      ObjectNode onboard = (ObjectNode) LifecycleSimulation.input("update-team-move.json");
      onboard.put("action", "ONBOARD");
      onboard.put("userProfileName", "kim-lee");

      Execution refused = simulation.runtime().run(onboard);

      assertThat(refused.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(refused.cause().orElse(""))
          .contains("kim-lee already exists in domain d-studiolocal01 and was not created by");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .containsExactly("sns:Publish");

      onboard.put("adopt", true);
      onboard.put("requestId", "hr-2026-000318");
      Execution adopted = simulation.runtime().run(onboard);

      assertThat(adopted.status())
          .as(adopted.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      String arn =
          aws.sageMaker
              .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("kim-lee"))
              .userProfileArn();
      assertThat(
              aws.sageMaker.listTags(r -> r.resourceArn(arn)).tags().stream()
                  .collect(Collectors.toMap(Tag::key, Tag::value)))
          .containsEntry("managed-by", "studio-lifecycle")
          .containsEntry("team", "risk")
          .doesNotContainKey("studio-lifecycle:request-id");
      assertThat(texts(simulation.notification(adopted).message().at("/changes/userProfile")))
          .contains("tag managed-by: (none) -> studio-lifecycle", "tag team: bi -> risk");
    }
  }

  private static Map<String, String> profileTags(EmulatorClients aws) {
    String arn =
        aws.sageMaker
            .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("frank"))
            .userProfileArn();
    return aws.sageMaker.listTags(r -> r.resourceArn(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}

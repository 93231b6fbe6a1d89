package dev.studiolifecycle.local.emulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

class ScenarioLoaderTest {

  private static final Path SCENARIOS =
      Path.of(System.getProperty("studiolifecycle.projectRoot", ".."), "events", "scenarios");
  private static final String DOMAIN = "d-studiolocal01";

  static Stream<Path> exampleScenarios() throws IOException {
    try (Stream<Path> files = Files.list(SCENARIOS)) {
      List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(json).as("example scenarios under %s", SCENARIOS).isNotEmpty();
      return json.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("exampleScenarios")
  void everyExampleScenarioLoadsAndApplies(Path file) {
    Scenario scenario = ScenarioLoader.load(file);
    try (AwsEmulator emulator = ScenarioLoader.configure(scenario, AwsEmulator.builder()).build()) {
      ScenarioLoader.apply(scenario, emulator);

      assertThat(scenario.description()).isNotBlank();
      assertThat(emulator.sageMaker().domainIds()).isNotEmpty();
    }
  }

  @Test
  void offboardingScenarioSeedsProfilesAppsSpacesRolesAndFaults() {
    Scenario scenario = ScenarioLoader.load(SCENARIOS.resolve("offboarding-jane-doe.json"));
    try (AwsEmulator emulator =
            ScenarioLoader.configure(scenario, AwsEmulator.builder()).build().start();
        EmulatorClients clients = new EmulatorClients(emulator)) {
      ScenarioLoader.apply(scenario, emulator);

      DescribeUserProfileResponse jane =
          clients.sageMaker.describeUserProfile(
              r -> r.domainId(DOMAIN).userProfileName("jane-doe"));
      assertThat(jane.statusAsString()).isEqualTo("InService");
      assertThat(jane.userSettings().executionRole())
          .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/jane-doe");
      assertThat(jane.userSettings().studioWebPortalSettings().hiddenMlToolsAsStrings())
          .containsExactly("JumpStart");
      assertThat(clients.sageMaker.listTags(r -> r.resourceArn(jane.userProfileArn())).tags())
          .hasSize(2);
      assertThat(
              clients
                  .sageMaker
                  .listApps(r -> r.domainIdEquals(DOMAIN).userProfileNameEquals("jane-doe"))
                  .apps())
          .extracting(AppDetails::appName, AppDetails::statusAsString)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("default", "InService"),
              org.assertj.core.groups.Tuple.tuple("datascience-ml-t3-medium", "Failed"));
      assertThat(
              clients
                  .sageMaker
                  .describeSpace(r -> r.domainId(DOMAIN).spaceName("jane-doe-private"))
                  .ownershipSettings()
                  .ownerUserProfileName())
          .isEqualTo("jane-doe");
      assertThat(
              clients
                  .iam
                  .getRole(r -> r.roleName("jane-doe"))
                  .role()
                  .permissionsBoundary()
                  .permissionsBoundaryArn())
          .isEqualTo("arn:aws:iam::123456789012:policy/studio-lifecycle-execution-boundary");

      clients.sageMaker.deleteApp(
          r ->
              r.domainId(DOMAIN)
                  .spaceName("jane-doe-private")
                  .appType("JupyterLab")
                  .appName("default"));
      emulator.virtualClock().advance(Duration.ofMinutes(4));
      assertThat(
              emulator
                  .sageMaker()
                  .appStatus(DOMAIN, null, "jane-doe-private", "JupyterLab", "default"))
          .contains(AppStatus.DELETING);
      emulator.virtualClock().advance(Duration.ofMinutes(1));
      assertThat(
              emulator
                  .sageMaker()
                  .appStatus(DOMAIN, null, "jane-doe-private", "JupyterLab", "default"))
          .contains(AppStatus.DELETED);
      clients.iam.detachRolePolicy(
          r ->
              r.roleName("jane-doe")
                  .policyArn("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"));
      assertThatThrownBy(() -> clients.iam.deleteRole(r -> r.roleName("jane-doe")))
          .isInstanceOfSatisfying(
              IamException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
      clients.iam.deleteRole(r -> r.roleName("jane-doe"));
    }
  }

  @Test
  void stuckAppScenarioKeepsTheAppDeletingAndFailsTheKernelOnDelete() {
    Scenario scenario = ScenarioLoader.load(SCENARIOS.resolve("offboarding-stuck-app.json"));
    try (AwsEmulator emulator = AwsEmulator.builder().build().start();
        EmulatorClients clients = new EmulatorClients(emulator)) {
      ScenarioLoader.apply(scenario, emulator);

      for (String type : List.of("JupyterServer", "KernelGateway")) {
        String name = type.equals("JupyterServer") ? "default" : "kernel-1";
        clients.sageMaker.deleteApp(
            r -> r.domainId(DOMAIN).userProfileName("stuck-user").appType(type).appName(name));
      }
      emulator.virtualClock().advance(Duration.ofHours(6));

      assertThat(
              emulator
                  .sageMaker()
                  .appStatus(DOMAIN, "stuck-user", null, "JupyterServer", "default"))
          .contains(AppStatus.DELETING);
      assertThat(
              emulator
                  .sageMaker()
                  .appStatus(DOMAIN, "stuck-user", null, "KernelGateway", "kernel-1"))
          .contains(AppStatus.FAILED);
    }
  }

  @Test
  void onboardingScenarioDelaysNewRolesThrottlesAndFailsOnce() {
    Scenario scenario = ScenarioLoader.load(SCENARIOS.resolve("onboarding-iam-propagation.json"));
    try (AwsEmulator emulator = AwsEmulator.builder().build().start();
        EmulatorClients clients = new EmulatorClients(emulator)) {
      ScenarioLoader.apply(scenario, emulator);
      assertThat(emulator.iam().propagationDelay()).isEqualTo(Duration.ofSeconds(10));

      assertThatThrownBy(
              () ->
                  clients.sageMaker.createUserProfile(
                      r -> r.domainId(DOMAIN).userProfileName("jane")))
          .isInstanceOfSatisfying(
              SageMakerException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure"));
      clients.sageMaker.createUserProfile(r -> r.domainId(DOMAIN).userProfileName("jane"));
      assertThatThrownBy(
              () ->
                  clients.sageMaker.createUserProfile(
                      r -> r.domainId(DOMAIN).userProfileName("john")))
          .isInstanceOfSatisfying(
              SageMakerException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
    }
  }

  @Test
  void unknownFieldsAreRefusedNamingWhereTheyAre() {
    assertThatThrownBy(
            () ->
                ScenarioLoader.parse(
                    "{\"sagemaker\": {\"domains\": [{\"domainName\": \"x\", \"authMode\": \"IAM\","
                        + " \"userProfiles\": [{\"userProfileName\": \"a\", \"colour\":"
                        + " \"red\"}]}]}}",
                    "test.json"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining("sagemaker.domains[0].userProfiles[0].colour")
        .hasMessageContaining("Unrecognized field \"colour\"");
    assertThatThrownBy(() -> ScenarioLoader.parse("{\"sns\": ", "broken.json"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("broken.json is not valid JSON");
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertApplyFails(
        "{\"sagemaker\": {\"domains\": [{\"domainName\": \"x\", \"authMode\": \"IAM\","
            + " \"userProfiles\": [{\"userProfileName\": \"a\", \"status\": \"Ready\"}]}]}}",
        "sagemaker.domains[0].userProfiles[0].status: unknown status 'Ready'");
    assertApplyFails(
        "{\"sagemaker\": {\"domains\": [{\"authMode\": \"IAM\"}]}}",
        "sagemaker.domains[0].domainName: is required");
    assertApplyFails(
        "{\"sagemaker\": {\"domains\": [{\"domainName\": \"x\", \"authMode\": "
            + "\"IAM\", \"apps\": [{\"userProfileName\": \"nobody\", \"appType\": "
            + "\"JupyterServer\", \"appName\": \"default\"}]}]}}",
        "sagemaker.domains[0].apps[0]: app default: user profile nobody is not seeded");
    assertApplyFails(
        "{\"timings\": {\"appDelete\": \"2 minutes\"}}",
        "timings.appDelete: '2 minutes' is not an ISO-8601 duration");
    assertApplyFails(
        "{\"faults\": {\"failures\": [{\"service\": \"iam\", \"error\": "
            + "\"InternalFailure\", \"times\": 1, \"probability\": 0.5}]}}",
        "faults.failures[0]: give exactly one of 'times' and 'probability'");
    assertApplyFails(
        "{\"faults\": {\"throttling\": [{\"service\": \"ec2\", \"ratePerSecond\": 1, "
            + "\"burst\": 1}]}}",
        "faults.throttling[0].service: unknown service 'ec2'");
    assertApplyFails(
        "{\"sagemaker\": {\"domains\": [{\"domainName\": \"x\", \"authMode\": "
            + "\"SSO\", \"userProfiles\": [{\"userProfileName\": \"a\"}]}]}}",
        "needs singleSignOnUserValue");
  }

  private static void assertApplyFails(String json, String message) {
    Scenario scenario = ScenarioLoader.parse(json, "inline.json");
    try (AwsEmulator emulator = AwsEmulator.builder().build()) {
      assertThatThrownBy(() -> ScenarioLoader.apply(scenario, emulator))
          .isInstanceOf(ScenarioException.class)
          .hasMessageContaining(message);
    }
  }
}

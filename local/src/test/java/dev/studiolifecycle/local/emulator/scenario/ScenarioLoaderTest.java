package dev.studiolifecycle.local.emulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.ScheduledActions;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerTimings;
import dev.studiolifecycle.local.time.ScaledClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
          .extracting(tag -> tag.key())
          .containsExactlyInAnyOrder(
              "managed-by", "studio-lifecycle:user-profile", "studio-lifecycle:request-id");
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
  void timingsOverrideOnlyTheDurationsTheFileGives() {
    Scenario scenario =
        ScenarioLoader.parse(
            "{\"timings\": {\"appDelete\": \"PT5M\", \"spaceReady\": \"PT1S\"}}", "test");
    try (AwsEmulator emulator = AwsEmulator.builder().build()) {
      ScenarioLoader.apply(scenario, emulator);

      assertThat(emulator.sageMaker().timings())
          .isEqualTo(
              SageMakerTimings.defaults()
                  .withAppDelete(Duration.ofMinutes(5))
                  .withSpaceReady(Duration.ofSeconds(1)));
    }
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

  /** One IAM domain with jane-doe, her Canvas app, and the timeline given. */
  private static Scenario withTimeline(String appExtra, String timeline) {
    return ScenarioLoader.parse(
        "{\"sagemaker\": {\"domains\": [{\"domainId\": \""
            + DOMAIN
            + "\", \"domainName\": "
            + "\"studio\", \"authMode\": \"IAM\", \"userProfiles\": [{\"userProfileName\": "
            + "\"jane-doe\"}], \"apps\": [{\"userProfileName\": \"jane-doe\", \"appType\": "
            + "\"Canvas\", \"appName\": \"default\""
            + appExtra
            + "}]}]}, \"timeline\": "
            + timeline
            + "}",
        "timeline.json");
  }

  private static String describeCanvas(EmulatorClients clients) {
    return clients
        .sageMaker
        .describeApp(
            r ->
                r.domainId(DOMAIN).userProfileName("jane-doe").appType("Canvas").appName("default"))
        .statusAsString();
  }

  @Test
  void timelineActionsHappenBeforeTheFirstRequestAfterTheirTimeEachAtItsOwnTime() {
    Scenario scenario =
        withTimeline(
            "",
            "[{\"at\": \"PT1M\", \"deleteApp\": {\"domainId\": \""
                + DOMAIN
                + "\", "
                + "\"userProfileName\": \"jane-doe\", \"appType\": \"Canvas\", "
                + "\"appName\": \"default\"}},"
                + " {\"at\": \"PT4M\", \"createSpace\": {\"domainId\": \""
                + DOMAIN
                + "\", "
                + "\"spaceName\": \"jane-notes\", \"ownerUserProfileName\": \"jane-doe\", "
                + "\"appType\": \"JupyterLab\"}},"
                + " {\"at\": \"PT4M\", \"createApp\": {\"domainId\": \""
                + DOMAIN
                + "\", "
                + "\"userProfileName\": \"jane-doe\", \"appType\": \"JupyterServer\", "
                + "\"appName\": \"default\", \"instanceType\": \"system\"}},"
                + " {\"at\": \"PT5M\", \"deleteSpace\": {\"domainId\": \""
                + DOMAIN
                + "\", "
                + "\"spaceName\": \"jane-notes\"}},"
                + " {\"at\": \"PT6M\", \"deleteApp\": {\"domainId\": \""
                + DOMAIN
                + "\", "
                + "\"userProfileName\": \"jane-doe\", \"appType\": \"KernelGateway\", "
                + "\"appName\": \"never-opened\"}}]");
    try (AwsEmulator emulator =
            ScenarioLoader.configure(scenario, AwsEmulator.builder()).build().start();
        EmulatorClients clients = new EmulatorClients(emulator)) {
      ScenarioLoader.apply(scenario, emulator);
      Instant start = emulator.clock().instant();

      emulator.virtualClock().advance(Duration.ofSeconds(59));
      assertThat(describeCanvas(clients)).isEqualTo("InService");
      // No request between 1 and 3 minutes: deleted at +1 min, the app is Deleted at +3 min.
      emulator.virtualClock().advance(Duration.ofSeconds(121));
      assertThat(describeCanvas(clients)).isEqualTo("Deleted");
      emulator.virtualClock().advance(Duration.ofSeconds(75));
      assertThat(
              clients
                  .sageMaker
                  .describeSpace(r -> r.domainId(DOMAIN).spaceName("jane-notes"))
                  .statusAsString())
          .isEqualTo("InService");
      assertThat(
              clients
                  .sageMaker
                  .listApps(r -> r.domainIdEquals(DOMAIN).userProfileNameEquals("jane-doe"))
                  .apps())
          .extracting(AppDetails::appTypeAsString, AppDetails::statusAsString)
          .contains(org.assertj.core.groups.Tuple.tuple("JupyterServer", "Pending"));
      emulator.virtualClock().advance(Duration.ofMinutes(2));
      clients.sts.getCallerIdentity();

      List<ScheduledActions.Applied> applied = emulator.scheduledActions().applied();
      assertThat(applied)
          .extracting(a -> Duration.between(start, a.due()), ScheduledActions.Applied::description)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  Duration.ofMinutes(1), "DeleteApp Canvas/default of user profile jane-doe"),
              org.assertj.core.groups.Tuple.tuple(
                  Duration.ofMinutes(4), "CreateSpace jane-notes (Private, owner jane-doe)"),
              org.assertj.core.groups.Tuple.tuple(
                  Duration.ofMinutes(4),
                  "CreateApp JupyterServer/default of user profile jane-doe"),
              org.assertj.core.groups.Tuple.tuple(Duration.ofMinutes(5), "DeleteSpace jane-notes"),
              org.assertj.core.groups.Tuple.tuple(
                  Duration.ofMinutes(6),
                  "DeleteApp KernelGateway/never-opened of user profile jane-doe"));
      assertThat(applied.subList(0, 4)).allMatch(ScheduledActions.Applied::accepted);
      assertThat(applied.get(4).refusal()).startsWith("ResourceNotFound: App ");
      assertThatThrownBy(
              () ->
                  clients.sageMaker.describeSpace(r -> r.domainId(DOMAIN).spaceName("jane-notes")))
          .isInstanceOf(SageMakerException.class)
          .hasMessageContaining("does not exist");
      assertThat(emulator.requestLog().calls())
          .as("the users' calls are not the workflow's: not in the request log")
          .noneMatch(c -> "DeleteApp".equals(c.operation()) || "CreateSpace".equals(c.operation()));
    }
  }

  @Test
  void inScaledTimeATimelineActionHappensBeforeTheFirstRequestAfterItsTime() {
    // Ten million times real time: the action's second has passed when the request arrives.
    Scenario scenario =
        withTimeline(
            ", \"deleteDuration\": \"PT87600H\"",
            "[{\"at\": \"PT1S\", \"deleteApp\": {\"domainId\": \""
                + DOMAIN
                + "\", "
                + "\"userProfileName\": \"jane-doe\", \"appType\": \"Canvas\", "
                + "\"appName\": \"default\"}}]");
    ScaledClock clock = new ScaledClock(Instant.parse("2026-01-05T09:00:00Z"), 1e7);
    try (AwsEmulator emulator =
            ScenarioLoader.configure(scenario, AwsEmulator.builder().clock(clock)).build().start();
        EmulatorClients clients = new EmulatorClients(emulator)) {
      ScenarioLoader.apply(scenario, emulator);
      assertThat(emulator.scheduledActions().pendingCount()).isOne();

      assertThat(describeCanvas(clients)).isEqualTo("Deleting");
      assertThat(emulator.scheduledActions().applied())
          .singleElement()
          .satisfies(a -> assertThat(a.accepted()).as(a.refusal()).isTrue());
    }
  }

  @Test
  void badTimelineEntriesAreRefusedNamingTheField() {
    String app = "\"domainId\": \"" + DOMAIN + "\", \"userProfileName\": \"jane-doe\", ";
    assertTimelineFails(
        "[{\"deleteSpace\": {\"domainId\": \"" + DOMAIN + "\", \"spaceName\": \"s\"}}]",
        "timeline[0].at: is required");
    assertTimelineFails(
        "[{\"at\": \"soon\", \"deleteSpace\": {\"domainId\": \""
            + DOMAIN
            + "\", "
            + "\"spaceName\": \"s\"}}]",
        "timeline[0].at: 'soon' is not an ISO-8601 duration");
    assertTimelineFails(
        "[{\"at\": \"PT1M\"}]",
        "timeline[0]: give exactly one of createApp, deleteApp, createSpace, deleteSpace");
    assertTimelineFails(
        "[{\"at\": \"PT1M\", \"createApp\": {"
            + app
            + "\"appType\": \"Canvas\", "
            + "\"appName\": \"default\"}, \"deleteApp\": {"
            + app
            + "\"appType\": "
            + "\"Canvas\", \"appName\": \"default\"}}]",
        "timeline[0]: give exactly one of createApp, deleteApp, createSpace, deleteSpace, not "
            + "createApp and deleteApp");
    assertTimelineFails(
        "[{\"at\": \"PT1M\", \"createApp\": {\"domainId\": \"d-nowhere\", "
            + "\"userProfileName\": \"jane-doe\", \"appType\": \"Canvas\", "
            + "\"appName\": \"default\"}}]",
        "timeline[0].createApp.domainId: 'd-nowhere' is not a domain of this scenario");
    assertTimelineFails(
        "[{\"at\": \"PT1M\", \"deleteApp\": {"
            + app
            + "\"spaceName\": \"s\", "
            + "\"appType\": \"Canvas\", \"appName\": \"default\"}}]",
        "timeline[0].deleteApp: give exactly one of userProfileName and spaceName");
    assertTimelineFails(
        "[{\"at\": \"PT1M\", \"createApp\": {"
            + app
            + "\"appType\": \"Jupyter\", "
            + "\"appName\": \"default\"}}]",
        "timeline[0].createApp.appType: 'Jupyter' is not one of");
    assertTimelineFails(
        "[{\"at\": \"PT1M\", \"createApp\": {" + app + "\"appType\": \"Canvas\"}}]",
        "timeline[0].createApp.appName: is required");
    assertTimelineFails(
        "[{\"at\": \"PT1M\", \"createApp\": {"
            + app
            + "\"appType\": \"Canvas\", "
            + "\"appName\": \"default\", \"instanceType\": \"ml.huge\"}}]",
        "timeline[0].createApp.instanceType: 'ml.huge' is not an instance type");
    assertTimelineFails(
        "[{\"at\": \"PT1M\", \"deleteSpace\": {\"domainId\": \""
            + DOMAIN
            + "\", "
            + "\"spaceName\": \"my space\"}}]",
        "timeline[0].deleteSpace.spaceName: 'my space' must match");
    assertTimelineFails(
        "[{\"at\": \"PT1M\", \"createSpace\": {\"domainId\": \""
            + DOMAIN
            + "\", "
            + "\"spaceName\": \"s\", \"ownerUserProfileName\": \"jane-doe\", "
            + "\"sharingType\": \"Public\"}}]",
        "timeline[0].createSpace.sharingType: 'Public' is not one of Private, Shared");
    assertThatThrownBy(
            () ->
                withTimeline(
                    "",
                    "[{\"at\": \"PT1M\", \"deleteSpace\": {\"domainId\": "
                        + "\""
                        + DOMAIN
                        + "\", \"spaceName\": \"s\", \"colour\": \"red\"}}]"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("timeline[0].deleteSpace.colour");
  }

  private static void assertTimelineFails(String timeline, String message) {
    Scenario scenario = withTimeline("", timeline);
    try (AwsEmulator emulator = AwsEmulator.builder().build()) {
      assertThatThrownBy(() -> ScenarioLoader.apply(scenario, emulator))
          .isInstanceOf(ScenarioException.class)
          .hasMessageContaining(message);
      assertThat(emulator.scheduledActions().pendingCount()).isZero();
    }
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

package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ListAppsFunction against the emulator: the offboarding plan of jane-doe, read through SageMaker's
 * paginated ListApps and ListSpaces (10 items per page by default).
 */
class ListAppsHandlerEmulatorTest {

  private static final String FUNCTION = "ListAppsFunction";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  @BeforeEach
  void seedUsers() {
    bed.seedIamDomain();
    bed.seedManagedProfile("jane-doe", "hr-2026-000001");
    bed.emulator().sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN_ID, "bob"));
  }

  private void seedApp(String user, String type, String name, AppStatus status) {
    bed.emulator().sageMaker().seedApp(AppSeed.ofUserProfile(DOMAIN_ID, user, type, name, status));
  }

  private void seedSpaceApp(String space, String type, AppStatus status) {
    bed.emulator().sageMaker().seedApp(AppSeed.ofSpace(DOMAIN_ID, space, type, "default", status));
  }

  private JsonNode plan() {
    return bed.invoke(FUNCTION, event("list-apps/list-apps.json"));
  }

  @Test
  void moreThanTenAppsAreAllPlannedByFollowingListAppsPages() {
    for (int i = 1; i <= 13; i++) {
      seedApp("jane-doe", "KernelGateway", String.format("kernel-%02d", i), AppStatus.IN_SERVICE);
    }

    JsonNode plan = plan();

    assertThat(names(plan.path("appsToDelete"))).hasSize(13).contains("kernel-01", "kernel-13");
    assertThat(plan.path("appsToAwait").size()).isEqualTo(13);
    List<RecordedCall> listApps =
        bed.handlerCalls().stream().filter(c -> "ListApps".equals(c.operation())).toList();
    assertThat(listApps).hasSize(2);
    assertThat(listApps.get(0).parameters().has("MaxResults")).isFalse();
    assertThat(listApps.get(1).parameters().path("NextToken").asText()).isNotEmpty();
    assertThat(bed.mutatingHandlerCallsSince(0)).isEmpty();
  }

  @Test
  void appsInEveryStatusAreSortedIntoDeleteWaitAndLeaveAlone() {
    seedApp("jane-doe", "JupyterLab", "pending", AppStatus.PENDING);
    seedApp("jane-doe", "JupyterServer", "default", AppStatus.IN_SERVICE);
    seedApp("jane-doe", "KernelGateway", "deleting", AppStatus.DELETING);
    seedApp("jane-doe", "KernelGateway", "deleted", AppStatus.DELETED);
    seedApp("jane-doe", "CodeEditor", "failed", AppStatus.FAILED);

    JsonNode plan = plan();

    assertThat(names(plan.path("appsToDelete"))).containsExactlyInAnyOrder("pending", "default");
    assertThat(names(plan.path("appsToWaitFor"))).containsExactly("deleting");
    assertThat(names(plan.path("appsLeftAlone"))).containsExactlyInAnyOrder("deleted", "failed");
    List<String> await = names(plan.path("appsToAwait"));
    assertThat(await.subList(0, 2)).containsExactlyInAnyOrder("pending", "default");
    assertThat(await.subList(2, 3)).containsExactly("deleting");
    assertThat(statusOf(plan.path("appsToDelete"), "pending")).isEqualTo("Pending");
    assertThat(statusOf(plan.path("appsLeftAlone"), "failed")).isEqualTo("Failed");
    assertThat(plan.path("appsToDelete").path(0).path("userProfileName").asText())
        .isEqualTo("jane-doe");
    assertThat(plan.path("appsToDelete").path(0).has("spaceName")).isFalse();
    assertThat(plan.path("hasAppsToDelete").asBoolean()).isTrue();
    assertThat(plan.path("hasAppsToAwait").asBoolean()).isTrue();
    assertThat(plan.path("hasSpacesToDelete").asBoolean()).isFalse();
    assertThat(plan.path("homeEfsFileSystemUid").asText()).matches("\\d+");
  }

  @Test
  void privateSpacesOfTheUserAreFoundOnAnyListSpacesPageAndOtherSpacesAreLeftAlone() {
    // jane-doe's private space sits between 22 spaces of others: on the second page either way.
    for (int i = 1; i <= 11; i++) {
      seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, "bob-before-" + i, "bob"));
    }
    seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, "jane-private", "jane-doe"));
    for (int i = 1; i <= 11; i++) {
      seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, "bob-after-" + i, "bob"));
    }
    seedSpace(SpaceSeed.sharedSpace(DOMAIN_ID, "bob-shared", "bob"));
    seedSpaceApp("jane-private", "JupyterLab", AppStatus.IN_SERVICE);
    seedSpaceApp("bob-shared", "CodeEditor", AppStatus.IN_SERVICE);
    seedSpaceApp("bob-before-1", "JupyterLab", AppStatus.IN_SERVICE);
    seedApp("jane-doe", "JupyterServer", "default", AppStatus.IN_SERVICE);
    seedApp("bob", "JupyterServer", "default", AppStatus.IN_SERVICE);

    JsonNode plan = plan();

    assertThat(texts(plan.path("spacesToDelete"), "spaceName")).containsExactly("jane-private");
    assertThat(plan.path("spacesToDelete").path(0).path("status").asText()).isEqualTo("InService");
    assertThat(plan.path("hasSpacesToDelete").asBoolean()).isTrue();
    JsonNode apps = plan.path("appsToDelete");
    assertThat(apps.size()).isEqualTo(2);
    assertThat(texts(apps, "userProfileName")).containsExactly("jane-doe");
    assertThat(texts(apps, "spaceName")).containsExactly("jane-private");
    assertThat(plan.path("appsLeftAlone").size()).isZero();
    assertThat(bed.handlerCalls().stream().filter(c -> "ListSpaces".equals(c.operation())).count())
        .isEqualTo(3);
  }

  @Test
  void aSharedSpaceTheUserOwnsStopsTheOffboardingAtItsFirstStep() {
    for (int i = 1; i <= 11; i++) {
      seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, "bob-before-" + i, "bob"));
    }
    seedSpace(SpaceSeed.sharedSpace(DOMAIN_ID, "team-analytics", "jane-doe"));
    seedApp("jane-doe", "JupyterServer", "default", AppStatus.IN_SERVICE);

    FunctionError error = bed.invokeFailing(FUNCTION, event("list-apps/list-apps.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.SharedSpaceOwned");
    assertThat(error.errorMessage()).contains("team-analytics");
    assertThat(bed.handlerCalls()).noneMatch(RecordedCall::mutating);
  }

  @Test
  void userWithoutAppsOrSpacesHasAnEmptyPlan() {
    seedApp("bob", "JupyterServer", "default", AppStatus.IN_SERVICE);

    JsonNode plan = plan();

    for (String list :
        List.of(
            "appsToDelete", "appsToWaitFor", "appsLeftAlone", "appsToAwait", "spacesToDelete")) {
      assertThat(plan.path(list).isArray()).as(list).isTrue();
      assertThat(plan.path(list).size()).as(list).isZero();
    }
    assertThat(plan.path("hasAppsToDelete").asBoolean()).isFalse();
    assertThat(plan.path("hasAppsToAwait").asBoolean()).isFalse();
    assertThat(plan.path("hasSpacesToDelete").asBoolean()).isFalse();
  }

  @Test
  void planningTwiceGivesTheSamePlanAndChangesNothing() {
    seedApp("jane-doe", "JupyterServer", "default", AppStatus.IN_SERVICE);
    seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, "jane-private", "jane-doe"));
    seedSpaceApp("jane-private", "JupyterLab", AppStatus.DELETING);

    JsonNode first = plan();
    JsonNode second = plan();

    assertThat(second).isEqualTo(first);
    assertThat(bed.mutatingHandlerCallsSince(0)).isEmpty();
  }

  @Test
  void throttlingOnTheSecondListAppsPageFailsTheStepAsAwsThrottled() {
    for (int i = 1; i <= 11; i++) {
      seedApp("jane-doe", "KernelGateway", "kernel-" + i, AppStatus.IN_SERVICE);
    }
    bed.emulator().faults().throttle("sagemaker", "ListApps", 0.5, 1);

    FunctionError error = bed.invokeFailing(FUNCTION, event("list-apps/list-apps.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(bed.operationsSince(0)).containsExactly("ListApps", "ListApps:ThrottlingException");
  }

  @Test
  void unavailableListSpacesIsAwsServiceUnavailable() {
    bed.emulator()
        .faults()
        .failTimes("sagemaker", "ListSpaces", InjectedFailure.SERVICE_UNAVAILABLE, 1);

    FunctionError error = bed.invokeFailing(FUNCTION, event("list-apps/list-apps.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
    assertThat(plan().path("appsToDelete").size()).isZero();
  }

  @Test
  void offboardingScenarioOfJaneDoeIsPlannedAsItDescribes() {
    ScenarioLoader.apply(
        ScenarioLoader.load(
            EmulatorTestBed.projectRoot().resolve("events/scenarios/offboarding-jane-doe.json")),
        bed.emulator());
    bed.deployFor("d-studiolocal01");
    ObjectNode payload = event("list-apps/list-apps.json");
    payload.put("domainId", "d-studiolocal01");

    JsonNode plan = bed.invoke(FUNCTION, payload);

    // Her running JupyterServer and her private space's JupyterLab go; the Failed KernelGateway
    // stays; john-roe's shared space and its CodeEditor are not hers to delete.
    assertThat(names(plan.path("appsToDelete"))).containsExactlyInAnyOrder("default", "default");
    assertThat(texts(plan.path("appsToDelete"), "spaceName")).containsExactly("jane-doe-private");
    assertThat(texts(plan.path("appsToDelete"), "appType"))
        .containsExactlyInAnyOrder("JupyterServer", "JupyterLab");
    assertThat(names(plan.path("appsLeftAlone"))).containsExactly("datascience-ml-t3-medium");
    assertThat(texts(plan.path("spacesToDelete"), "spaceName")).containsExactly("jane-doe-private");
    assertThat(plan.path("domainId").asText()).isEqualTo("d-studiolocal01");
  }

  private void seedSpace(SpaceSeed seed) {
    bed.emulator().sageMaker().seedSpace(seed);
  }

  private static List<String> names(JsonNode apps) {
    return texts(apps, "appName");
  }

  /** The values of a field in a list of objects, skipping objects without it. */
  private static List<String> texts(JsonNode list, String field) {
    List<String> texts = new ArrayList<>();
    list.forEach(
        item -> {
          if (item.has(field)) {
            texts.add(item.get(field).asText());
          }
        });
    return texts;
  }

  private static String statusOf(JsonNode apps, String appName) {
    for (JsonNode app : apps) {
      if (appName.equals(app.path("appName").asText())) {
        return app.path("status").asText();
      }
    }
    throw new AssertionError("no app " + appName + " in " + apps);
  }
}

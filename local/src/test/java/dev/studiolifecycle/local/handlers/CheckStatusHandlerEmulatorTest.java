package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppBehaviour;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppSelector;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CheckStatusFunction against the emulator while the virtual clock moves: one look per call, as the
 * state machine's wait loop makes it.
 */
class CheckStatusHandlerEmulatorTest {

  private static final String FUNCTION = "CheckStatusFunction";
  private static final String USER = "jane-doe";
  private static final String SPACE = "jane-doe-private";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  @BeforeEach
  void seedUser() {
    bed.seedIamDomain();
    bed.seedManagedProfile(USER, "hr-2026-000001");
  }

  private JsonNode check(JsonNode payload) {
    return bed.invoke(FUNCTION, payload);
  }

  /** A CheckStatus input of the sample event's correlation, without apps, spaces or profile. */
  private static ObjectNode input(String mode) {
    ObjectNode payload = event("check-status/await-apps-deleted.json");
    payload.remove(List.of("apps", "spaces", "profile"));
    payload.put("mode", mode);
    return payload;
  }

  private static ObjectNode profileInput(String mode) {
    ObjectNode payload = input(mode);
    payload.putObject("profile").put("domainId", DOMAIN_ID).put("userProfileName", USER);
    return payload;
  }

  @Test
  void plannedAppsMoveFromDeletingToDeletedToGoneAsTheClockMoves() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    bed.seedUserApp(USER, "KernelGateway", "datascience", AppStatus.PENDING);
    bed.emulator().sageMaker().seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, SPACE, USER));
    bed.emulator()
        .sageMaker()
        .seedApp(AppSeed.ofSpace(DOMAIN_ID, SPACE, "JupyterLab", "default", AppStatus.IN_SERVICE));
    JsonNode plan = bed.invoke("ListAppsFunction", event("list-apps/list-apps.json"));
    for (JsonNode app : plan.path("appsToDelete")) {
      ObjectNode payload = event("delete-app/delete-app.json");
      payload.set("app", app);
      assertThat(bed.invoke("DeleteAppFunction", payload).path("outcome").asText())
          .isEqualTo("DELETING");
    }
    ObjectNode payload = input("AWAIT_DELETION");
    payload.set("apps", plan.path("appsToAwait"));
    long mark = bed.mark();

    JsonNode deleting = check(payload);

    assertThat(deleting.path("mode").asText()).isEqualTo("AWAIT_DELETION");
    assertThat(statuses(deleting.path("inProgress"))).containsOnly("Deleting").hasSize(3);
    assertThat(deleting.path("complete").asBoolean()).isFalse();
    bed.advance(Duration.ofSeconds(119));
    assertThat(check(payload).path("inProgress").size()).isEqualTo(3);

    bed.advance(Duration.ofSeconds(1));
    JsonNode deleted = check(payload);

    assertThat(statuses(deleted.path("done"))).containsOnly("Deleted").hasSize(3);
    assertThat(deleted.path("complete").asBoolean()).isTrue();
    assertThat(deleted.path("anyFailed").asBoolean()).isFalse();
    JsonNode spaceApp = find(deleted.path("done"), "spaceName", SPACE);
    assertThat(spaceApp.path("kind").asText()).isEqualTo("APP");
    assertThat(spaceApp.path("appType").asText()).isEqualTo("JupyterLab");

    bed.advance(Duration.ofHours(1));
    assertThat(statuses(check(payload).path("done"))).containsOnly("NotFound").hasSize(3);
    assertThat(bed.mutatingHandlerCallsSince(mark)).isEmpty();
  }

  @Test
  void appStuckDeletingStaysInProgressHoweverLongTheWait() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    bed.emulator()
        .sageMaker()
        .adjustApps(
            AppSelector.ofUserProfile(DOMAIN_ID, USER),
            b -> b.withOnDelete(AppBehaviour.DeleteOutcome.STUCK_DELETING));
    ObjectNode app = appRef("JupyterServer", "default");
    ObjectNode delete = event("delete-app/delete-app.json");
    delete.set("app", app);
    bed.invoke("DeleteAppFunction", delete);
    ObjectNode payload = input("AWAIT_DELETION");
    payload.putArray("apps").add(app);

    for (Duration wait : List.of(Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofDays(1))) {
      bed.advance(wait);
      JsonNode report = check(payload);
      assertThat(report.path("complete").asBoolean()).as("after %s more", wait).isFalse();
      assertThat(statuses(report.path("inProgress"))).containsExactly("Deleting");
    }
  }

  @Test
  void appThatEndsFailedOnDeleteIsReportedFailedWithItsReason() {
    bed.seedUserApp(USER, "KernelGateway", "datascience", AppStatus.IN_SERVICE);
    bed.emulator()
        .sageMaker()
        .adjustApps(
            AppSelector.ofUserProfile(DOMAIN_ID, USER),
            b ->
                b.withOnDelete(AppBehaviour.DeleteOutcome.FAILED)
                    .withFailureReason("The kernel gateway could not be stopped."));
    ObjectNode app = appRef("KernelGateway", "datascience");
    ObjectNode delete = event("delete-app/delete-app.json");
    delete.set("app", app);
    bed.invoke("DeleteAppFunction", delete);
    bed.advance(Duration.ofMinutes(2));
    ObjectNode payload = input("AWAIT_DELETION");
    payload.putArray("apps").add(app);

    JsonNode report = check(payload);

    assertThat(report.path("complete").asBoolean()).isTrue();
    assertThat(report.path("anyFailed").asBoolean()).isTrue();
    JsonNode failed = report.path("failed").path(0);
    assertThat(failed.path("status").asText()).isEqualTo("Failed");
    assertThat(failed.path("failureReason").asText())
        .isEqualTo("The kernel gateway could not be stopped.");
  }

  @Test
  void profileStuckInDeleteFailedIsReportedFailed() {
    bed.emulator()
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(DOMAIN_ID, "stuck-user")
                .withTags(EmulatorTestBed.managedTags("hr-2026-000002"))
                .withDeletionFailing());
    ObjectNode delete = event("delete-user-profile/delete-user-profile.json");
    delete.put("userProfileName", "stuck-user");
    assertThat(bed.invoke("DeleteUserProfileFunction", delete).path("outcome").asText())
        .isEqualTo("DELETING");
    ObjectNode payload = input("AWAIT_DELETION");
    payload.putObject("profile").put("domainId", DOMAIN_ID).put("userProfileName", "stuck-user");

    JsonNode deleting = check(payload);
    bed.advance(Duration.ofSeconds(30));
    JsonNode failed = check(payload);

    assertThat(statuses(deleting.path("inProgress"))).containsExactly("Deleting");
    assertThat(failed.path("complete").asBoolean()).isTrue();
    assertThat(failed.path("anyFailed").asBoolean()).isTrue();
    JsonNode item = failed.path("failed").path(0);
    assertThat(item.path("kind").asText()).isEqualTo("PROFILE");
    assertThat(item.path("status").asText()).isEqualTo("Delete_Failed");
    assertThat(item.path("failureReason").asText()).contains("Failed to delete the user profile");
  }

  @Test
  void newProfileIsInProgressUntilInService() {
    bed.emulator()
        .iam()
        .seedRole(RoleSeed.sageMakerExecutionRole("SageMakerTeamRole").withPath("/service-role/"));
    bed.invoke("CreateUserProfileFunction", event("create-user-profile/iam-domain.json"));
    ObjectNode payload = input("AWAIT_READY");
    payload.putObject("profile").put("domainId", DOMAIN_ID).put("userProfileName", "john-roe");

    JsonNode pending = check(payload);
    bed.advance(Duration.ofSeconds(10));
    JsonNode ready = check(payload);

    assertThat(statuses(pending.path("inProgress"))).containsExactly("Pending");
    assertThat(pending.path("complete").asBoolean()).isFalse();
    assertThat(statuses(ready.path("done"))).containsExactly("InService");
    assertThat(ready.path("complete").asBoolean()).isTrue();
    assertThat(ready.path("anyFailed").asBoolean()).isFalse();
  }

  @Test
  void profileThatIsGoneIsDoneWhenAwaitingDeletionAndFailedWhenAwaitingReady() {
    ObjectNode payload = profileInput("AWAIT_DELETION");
    ((ObjectNode) payload.get("profile")).put("userProfileName", "nobody");
    ObjectNode ready = profileInput("AWAIT_READY");
    ((ObjectNode) ready.get("profile")).put("userProfileName", "nobody");

    assertThat(statuses(check(payload).path("done"))).containsExactly("NotFound");
    JsonNode report = check(ready);
    assertThat(statuses(report.path("failed"))).containsExactly("NotFound");
    assertThat(report.path("failed").path(0).path("failureReason").asText())
        .contains("not InService");
  }

  @Test
  void deletedSpaceIsInProgressWhileDeletingThenDone() {
    bed.emulator().sageMaker().seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, SPACE, USER));
    bed.invoke("DeleteAppFunction", event("delete-app/delete-space.json"));
    ObjectNode payload = input("AWAIT_DELETION");
    payload.putArray("spaces").add(event("delete-app/delete-space.json").get("space"));

    JsonNode deleting = check(payload);
    bed.advance(Duration.ofSeconds(30));
    JsonNode gone = check(payload);

    assertThat(statuses(deleting.path("inProgress"))).containsExactly("Deleting");
    assertThat(deleting.path("inProgress").path(0).path("kind").asText()).isEqualTo("SPACE");
    assertThat(statuses(gone.path("done"))).containsExactly("NotFound");
    assertThat(gone.path("complete").asBoolean()).isTrue();
  }

  @Test
  void checkingTwiceAtTheSameTimeGivesTheSameReportAndChangesNothing() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.DELETING);
    bed.emulator().sageMaker().seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, SPACE, USER));
    ObjectNode payload = profileInput("AWAIT_DELETION");
    payload.putArray("apps").add(appRef("JupyterServer", "default"));
    payload.putArray("spaces").add(event("delete-app/delete-space.json").get("space"));

    JsonNode first = check(payload);
    JsonNode second = check(payload);

    assertThat(second).isEqualTo(first);
    assertThat(statuses(first.path("inProgress")))
        .containsExactly("Deleting", "InService", "InService");
    assertThat(bed.mutatingHandlerCallsSince(0)).isEmpty();
  }

  @Test
  void checkingNothingIsAValidationErrorWithoutAnyCall() {
    FunctionError error = bed.invokeFailing(FUNCTION, input("AWAIT_DELETION"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage()).contains("apps/spaces/profile");
    assertThat(bed.handlerCalls()).isEmpty();
  }

  @Test
  void throttledDescribeAppIsAwsThrottledUntilTheBucketRefills() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    bed.seedUserApp(USER, "KernelGateway", "datascience", AppStatus.IN_SERVICE);
    bed.seedUserApp(USER, "CodeEditor", "default", AppStatus.IN_SERVICE);
    // Three calls at once, then two more per second of virtual time.
    bed.emulator().faults().throttle("sagemaker", "DescribeApp", 2, 3);
    ObjectNode payload = input("AWAIT_DELETION");
    ArrayNode apps = payload.putArray("apps");
    apps.add(appRef("JupyterServer", "default"));
    apps.add(appRef("KernelGateway", "datascience"));
    apps.add(appRef("CodeEditor", "default"));
    check(payload);

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(error.errorMessage()).contains("ThrottlingException");
    bed.advance(Duration.ofMillis(1500));
    assertThat(statuses(check(payload).path("inProgress")))
        .containsExactly("InService", "InService", "InService");
  }

  private static ObjectNode appRef(String type, String name) {
    ObjectNode app = EmulatorTestBed.object();
    app.put("domainId", DOMAIN_ID)
        .put("userProfileName", USER)
        .put("appType", type)
        .put("appName", name)
        .put("status", "InService");
    return app;
  }

  private static List<String> statuses(JsonNode items) {
    List<String> statuses = new ArrayList<>();
    items.forEach(item -> statuses.add(item.path("status").asText()));
    return statuses;
  }

  private static JsonNode find(JsonNode items, String field, String value) {
    for (JsonNode item : items) {
      if (value.equals(item.path(field).asText())) {
        return item;
      }
    }
    throw new AssertionError("no item with " + field + "=" + value + " in " + items);
  }
}

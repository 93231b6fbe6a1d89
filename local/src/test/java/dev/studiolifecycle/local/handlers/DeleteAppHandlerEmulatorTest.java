package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.sagemaker.AppBehaviour;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppSelector;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DeleteAppFunction against the emulator: one app or one private space per call. */
class DeleteAppHandlerEmulatorTest {

  private static final String FUNCTION = "DeleteAppFunction";
  private static final String USER = "jane-doe";
  private static final String SPACE = "jane-doe-private";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  @BeforeEach
  void seedUser() {
    bed.seedIamDomain();
    bed.seedManagedProfile(USER, "hr-2026-000001");
  }

  /** The sample event, for an app of jane-doe. */
  private static ObjectNode deleteApp(String type, String name, String status) {
    ObjectNode payload = event("delete-app/delete-app.json");
    ObjectNode app = payload.putObject("app");
    app.put("domainId", DOMAIN_ID)
        .put("userProfileName", USER)
        .put("appType", type)
        .put("appName", name)
        .put("status", status);
    return payload;
  }

  private String outcome(ObjectNode payload) {
    return bed.invoke(FUNCTION, payload).path("outcome").asText();
  }

  private Optional<AppStatus> status(String type, String name) {
    return bed.emulator().sageMaker().appStatus(DOMAIN_ID, USER, null, type, name);
  }

  @Test
  void everyAppStatusEndsInAnOutcomeThatMeansDone() {
    bed.seedUserApp(USER, "JupyterLab", "pending", AppStatus.PENDING);
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    bed.seedUserApp(USER, "KernelGateway", "deleting", AppStatus.DELETING);
    bed.seedUserApp(USER, "KernelGateway", "deleted", AppStatus.DELETED);
    bed.seedUserApp(USER, "CodeEditor", "failed", AppStatus.FAILED);

    assertThat(outcome(deleteApp("JupyterLab", "pending", "Pending"))).isEqualTo("DELETING");
    assertThat(outcome(deleteApp("JupyterServer", "default", "InService"))).isEqualTo("DELETING");
    assertThat(outcome(deleteApp("KernelGateway", "deleting", "Deleting")))
        .isEqualTo("ALREADY_DELETING");
    assertThat(outcome(deleteApp("KernelGateway", "deleted", "Deleted")))
        .isEqualTo("ALREADY_DELETED");
    assertThat(outcome(deleteApp("CodeEditor", "failed", "Failed"))).isEqualTo("LEFT_FAILED");
    assertThat(outcome(deleteApp("Canvas", "never-existed", "InService"))).isEqualTo("NOT_FOUND");

    assertThat(status("JupyterLab", "pending")).contains(AppStatus.DELETING);
    assertThat(status("JupyterServer", "default")).contains(AppStatus.DELETING);
    assertThat(status("CodeEditor", "failed")).contains(AppStatus.FAILED);
    assertThat(bed.mutationsSince(0)).containsExactly("DeleteApp", "DeleteApp");
  }

  @Test
  void replayedDeletionIsAlreadyDeletingThenAlreadyDeletedThenNotFound() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    ObjectNode payload = deleteApp("JupyterServer", "default", "InService");
    JsonNode first = bed.invoke(FUNCTION, payload);
    long mark = bed.mark();

    JsonNode replay = bed.invoke(FUNCTION, payload);

    assertThat(first.path("outcome").asText()).isEqualTo("DELETING");
    assertThat(first.path("app")).isEqualTo(payload.path("app"));
    assertThat(replay.path("outcome").asText()).isEqualTo("ALREADY_DELETING");
    assertThat(bed.operationsSince(mark)).containsExactly("DeleteApp:ResourceInUse", "DescribeApp");
    assertThat(bed.mutationsSince(mark)).isEmpty();

    bed.advance(Duration.ofMinutes(2));
    assertThat(outcome(payload)).isEqualTo("ALREADY_DELETED");
    bed.advance(Duration.ofHours(1));
    assertThat(outcome(payload)).isEqualTo("NOT_FOUND");
    assertThat(bed.mutationsSince(mark)).isEmpty();
  }

  @Test
  void appWhoseDeletionFailsIsLeftFailedAndAlone() {
    bed.seedUserApp(USER, "KernelGateway", "datascience", AppStatus.IN_SERVICE);
    bed.emulator()
        .sageMaker()
        .adjustApps(
            AppSelector.app(DOMAIN_ID, USER, "KernelGateway", "datascience"),
            b -> b.withOnDelete(AppBehaviour.DeleteOutcome.FAILED));
    ObjectNode payload = deleteApp("KernelGateway", "datascience", "InService");

    assertThat(outcome(payload)).isEqualTo("DELETING");
    bed.advance(Duration.ofMinutes(2));
    assertThat(status("KernelGateway", "datascience")).contains(AppStatus.FAILED);
    long mark = bed.mark();

    assertThat(outcome(payload)).isEqualTo("LEFT_FAILED");
    assertThat(bed.mutationsSince(mark)).isEmpty();
    assertThat(status("KernelGateway", "datascience")).contains(AppStatus.FAILED);
  }

  @Test
  void privateSpaceIsBusyWhileItsAppRunsThenDeletedThenGone() {
    bed.emulator().sageMaker().seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, SPACE, USER));
    bed.emulator()
        .sageMaker()
        .seedApp(AppSeed.ofSpace(DOMAIN_ID, SPACE, "JupyterLab", "default", AppStatus.IN_SERVICE));
    ObjectNode space = event("delete-app/delete-space.json");
    ObjectNode spaceApp = event("delete-app/delete-app.json");

    FunctionError busy = bed.invokeFailing(FUNCTION, space);

    assertThat(busy.errorType()).isEqualTo("dev.studiolifecycle.error.ResourceBusy");
    assertThat(busy.errorMessage()).contains(SPACE).contains("InService");

    assertThat(outcome(spaceApp)).isEqualTo("DELETING");
    assertThat(bed.invokeFailing(FUNCTION, space).simpleName()).isEqualTo("ResourceBusy");
    bed.advance(Duration.ofMinutes(2));

    JsonNode deleted = bed.invoke(FUNCTION, space);
    assertThat(deleted.path("outcome").asText()).isEqualTo("DELETING");
    assertThat(deleted.path("space").path("spaceName").asText()).isEqualTo(SPACE);
    assertThat(deleted.has("app")).isFalse();
    assertThat(outcome(space)).isEqualTo("ALREADY_DELETING");
    bed.advance(Duration.ofSeconds(30));
    assertThat(outcome(space)).isEqualTo("NOT_FOUND");
    assertThat(bed.mutationsSince(0)).containsExactly("DeleteApp", "DeleteSpace");
  }

  @Test
  void unavailableDeleteAppIsAwsServiceUnavailableAndChangesNothing() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    bed.emulator()
        .faults()
        .failTimes("sagemaker", "DeleteApp", InjectedFailure.SERVICE_UNAVAILABLE, 1);
    ObjectNode payload = deleteApp("JupyterServer", "default", "InService");

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
    assertThat(status("JupyterServer", "default")).contains(AppStatus.IN_SERVICE);
    assertThat(outcome(payload)).isEqualTo("DELETING");
  }

  @Test
  void throttledDescribeAppWhileResolvingAConflictIsAwsThrottled() {
    bed.seedUserApp(USER, "KernelGateway", "deleting", AppStatus.DELETING);
    bed.emulator().faults().throttle("sagemaker", "DescribeApp", 1, 1);
    ObjectNode payload = deleteApp("KernelGateway", "deleting", "Deleting");
    assertThat(outcome(payload)).isEqualTo("ALREADY_DELETING");

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(bed.operationsSince(0))
        .containsExactly(
            "DeleteApp:ResourceInUse",
            "DescribeApp",
            "DeleteApp:ResourceInUse",
            "DescribeApp:ThrottlingException");
  }

  @Test
  void appNamedWithNeitherUserNorSpaceIsAValidationErrorWithoutAnyCall() {
    ObjectNode payload = deleteApp("JupyterServer", "default", "InService");
    ((ObjectNode) payload.get("app")).remove("userProfileName");

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage()).contains("exactly one of userProfileName or spaceName");
    assertThat(bed.handlerCalls()).isEmpty();
  }
}

package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.sagemaker.AppBehaviour;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppSelector;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DeleteUserResourcesFunction against the emulator: offboarding's passes over jane-doe's apps,
 * private spaces and profile, read through SageMaker's paginated ListApps and ListSpaces (10 items
 * per page by default), with SageMaker's usual times (2 minutes an app, 30 seconds a space or a
 * profile).
 */
class DeleteUserResourcesHandlerEmulatorTest {

  private static final String FUNCTION = "DeleteUserResourcesFunction";
  private static final String USER = "jane-doe";
  private static final String SPACE = "jane-doe-private";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  @BeforeEach
  void seedUsers() {
    bed.seedIamDomain();
    bed.seedManagedProfile(USER, "hr-2026-000001");
    bed.emulator().sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN_ID, "bob"));
  }

  private void seedSpaceWithApp(String space, String owner, AppStatus status) {
    bed.emulator().sageMaker().seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, space, owner));
    bed.emulator()
        .sageMaker()
        .seedApp(AppSeed.ofSpace(DOMAIN_ID, space, "JupyterLab", "default", status));
  }

  private JsonNode start() {
    return bed.invoke(FUNCTION, event("delete-user-resources/start.json"));
  }

  /** The AWAIT pass after {@code start}, as the state machine calls it on its retry. */
  private static ObjectNode await(JsonNode start, int retryCount) {
    ObjectNode payload = event("delete-user-resources/await.json");
    payload.put("firstWaitSeconds", start.path("nextCheckSeconds").asInt());
    payload.put("retryCount", retryCount);
    payload.set("start", start);
    return payload;
  }

  private ResourceStatus profile() {
    return bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, USER).orElse(null);
  }

  @Test
  void theFirstPassStartsEveryAppDeletionAndSaysToLookWhenAppsAreUsuallyGone() {
    for (int i = 1; i <= 13; i++) {
      bed.seedUserApp(USER, "KernelGateway", String.format("kernel-%02d", i), AppStatus.IN_SERVICE);
    }
    bed.seedUserApp(USER, "KernelGateway", "closing", AppStatus.DELETING);
    bed.seedUserApp(USER, "KernelGateway", "closed", AppStatus.DELETED);
    bed.seedUserApp(USER, "CodeEditor", "broken", AppStatus.FAILED);
    bed.seedUserApp("bob", "JupyterServer", "default", AppStatus.IN_SERVICE);

    JsonNode start = start();

    assertThat(start.path("done").asBoolean()).isFalse();
    assertThat(start.path("nextCheckSeconds").asInt()).isEqualTo(120);
    assertThat(start.at("/apps/count").asInt()).as("13 running and 1 deleting").isEqualTo(14);
    assertThat(start.at("/failedApps/count").asInt()).isEqualTo(1);
    assertThat(start.at("/failedApps/listed/0/appName").asText()).isEqualTo("broken");
    assertThat(start.path("userProfile").asText()).isEqualTo("NOT_STARTED");
    assertThat(start.path("homeEfsFileSystemUid").asText()).isNotBlank();
    assertThat(bed.mutationsSince(0)).hasSize(13).containsOnly("DeleteApp");
    assertThat(
            bed.emulator()
                .sageMaker()
                .appStatus(DOMAIN_ID, "bob", null, "JupyterServer", "default"))
        .contains(AppStatus.IN_SERVICE);
    // One look per list, every page followed: 17 apps in the domain are two ListApps pages.
    List<RecordedCall> listApps =
        bed.handlerCalls().stream().filter(c -> "ListApps".equals(c.operation())).toList();
    assertThat(listApps).hasSize(2);
    assertThat(listApps.get(1).parameters().path("NextToken").asText()).isNotEmpty();
    assertThat(bed.handlerCalls()).noneMatch(c -> "DescribeApp".equals(c.operation()));
  }

  @Test
  void eachSpaceGoesOnceItsAppsAreGoneAndTheProfileOnceTheLastIsThenItIsDone() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    seedSpaceWithApp(SPACE, USER, AppStatus.IN_SERVICE);
    seedSpaceWithApp("bob-private", "bob", AppStatus.IN_SERVICE);

    JsonNode start = start();
    assertThat(start.at("/spaces/count").asInt()).isEqualTo(1);
    assertThat(start.at("/spaces/listed/0/spaceName").asText()).isEqualTo(SPACE);

    // The apps still deleting: the space and the profile wait, and the pass asks for a look.
    FunctionError early = bed.invokeFailing(FUNCTION, await(start, 0));
    assertThat(early.errorType()).isEqualTo("dev.studiolifecycle.error.CheckAgainIn30Seconds");
    assertThat(early.errorMessage()).contains("space " + SPACE + ": waits for its apps");
    bed.advance(Duration.ofMinutes(2));

    long mark = bed.mark();
    assertThat(bed.invokeFailing(FUNCTION, await(start, 1)).simpleName())
        .isEqualTo("CheckAgainIn30Seconds");
    assertThat(bed.mutationsSince(mark)).containsExactly("DeleteSpace");
    bed.advance(Duration.ofSeconds(30));

    mark = bed.mark();
    assertThat(bed.invokeFailing(FUNCTION, await(start, 2)).simpleName())
        .isEqualTo("CheckAgainIn30Seconds");
    assertThat(bed.mutationsSince(mark)).containsExactly("DeleteUserProfile");
    assertThat(profile()).isEqualTo(ResourceStatus.DELETING);
    bed.advance(Duration.ofSeconds(30));

    JsonNode done = bed.invoke(FUNCTION, await(start, 3));
    assertThat(done.path("done").asBoolean()).isTrue();
    assertThat(done.path("userProfile").asText()).isEqualTo("DELETED");
    assertThat(done.at("/apps/count").asInt()).isEqualTo(2);
    assertThat(done.at("/spaces/listed/0/spaceName").asText()).isEqualTo(SPACE);
    assertThat(profile()).isNull();
    assertThat(
            bed.emulator()
                .sageMaker()
                .appStatus(DOMAIN_ID, null, "bob-private", "JupyterLab", "default"))
        .contains(AppStatus.IN_SERVICE);
    assertThat(bed.emulator().requestLog().calls("sagemaker", "DeleteSpace"))
        .extracting(call -> call.parameters().path("SpaceName").asText())
        .containsExactly(SPACE);
  }

  @Test
  void anAppWhoseDeletionFailsIsLeftAloneAndNeverCountedAsDeleted() {
    bed.seedUserApp(USER, "KernelGateway", "gpu", AppStatus.IN_SERVICE);
    bed.emulator()
        .sageMaker()
        .adjustApps(
            AppSelector.app(DOMAIN_ID, USER, "KernelGateway", "gpu"),
            b -> b.withOnDelete(AppBehaviour.DeleteOutcome.FAILED));
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);

    JsonNode start = start();
    assertThat(start.at("/apps/count").asInt()).isEqualTo(2);
    bed.advance(Duration.ofMinutes(2));
    assertThat(bed.invokeFailing(FUNCTION, await(start, 0)).simpleName())
        .isEqualTo("CheckAgainIn30Seconds");
    bed.advance(Duration.ofSeconds(30));

    JsonNode done = bed.invoke(FUNCTION, await(start, 1));

    assertThat(done.path("done").asBoolean()).isTrue();
    assertThat(done.at("/apps/count").asInt()).isEqualTo(1);
    assertThat(done.at("/apps/listed").findValuesAsText("appName")).containsExactly("default");
    assertThat(done.at("/failedApps/listed").findValuesAsText("appName")).containsExactly("gpu");
  }

  @Test
  void theWaitEndsAtItsBoundCountedInLooks() {
    bed.seedUserApp(USER, "KernelGateway", "stuck", AppStatus.DELETING);
    JsonNode start = start();
    assertThat(start.path("nextCheckSeconds").asInt()).as("nothing started").isEqualTo(30);
    ObjectNode late = await(start, 59);
    late.put("limitSeconds", 1800);
    ObjectNode earlier = await(start, 58);
    earlier.put("limitSeconds", 1800);
    assertThat(bed.invokeFailing(FUNCTION, earlier).simpleName())
        .as("30 s first wait and 58 looks 30 s apart: 1,770 s, one more look fits")
        .isEqualTo("CheckAgainIn30Seconds");

    // 59 looks: 1,800 s, and another would pass the bound.
    FunctionError error = bed.invokeFailing(FUNCTION, late);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.WaitTimedOut");
    assertThat(error.errorMessage())
        .startsWith("gave up after 1800 seconds (MaxAppDeletionWaitSeconds 1800)")
        .contains("KernelGateway app stuck (user jane-doe): Deleting");
    assertThat(profile()).isEqualTo(ResourceStatus.IN_SERVICE);
  }

  @Test
  void aSharedSpaceTheUserOwnsStopsTheFirstPassBeforeAnythingIsDeleted() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    bed.emulator().sageMaker().seedSpace(SpaceSeed.sharedSpace(DOMAIN_ID, "team-analytics", USER));

    FunctionError error = bed.invokeFailing(FUNCTION, event("delete-user-resources/start.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.SharedSpaceOwned");
    assertThat(error.errorMessage()).contains("team-analytics");
    assertThat(bed.mutationsSince(0)).isEmpty();
  }

  @Test
  void aPassThatFailsHalfwayIsResumedByTheNextWithoutDoingTwice() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);
    bed.seedUserApp(USER, "KernelGateway", "kernel", AppStatus.IN_SERVICE);
    bed.emulator()
        .faults()
        .failTimes("sagemaker", "DeleteApp", InjectedFailure.SERVICE_UNAVAILABLE, 1);

    FunctionError error = bed.invokeFailing(FUNCTION, event("delete-user-resources/start.json"));
    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");

    JsonNode start = start();
    assertThat(start.at("/apps/count").asInt()).isEqualTo(2);
    assertThat(bed.emulator().requestLog().calls("sagemaker", "DeleteApp"))
        .filteredOn(RecordedCall::succeeded)
        .hasSize(2);
  }

  @Test
  void aUserWhoseProfileIsGoneIsDoneAtOnce() {
    ObjectNode payload = event("delete-user-resources/start.json");
    payload.put("userProfileName", "nobody");

    JsonNode result = bed.invoke(FUNCTION, payload);

    assertThat(result.path("done").asBoolean()).isTrue();
    assertThat(result.path("nextCheckSeconds").asInt()).isZero();
    assertThat(bed.mutationsSince(0)).isEmpty();
  }

  @Test
  void anAwaitPassWithoutWhatTheFirstFoundIsAValidationErrorWithoutAnyCall() {
    ObjectNode payload = event("delete-user-resources/await.json");
    payload.remove("start");

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage()).isEqualTo("start: is required");
    assertThat(bed.handlerCalls()).isEmpty();
  }
}

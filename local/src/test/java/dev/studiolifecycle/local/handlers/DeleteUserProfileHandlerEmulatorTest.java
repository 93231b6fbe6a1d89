package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DeleteUserProfileFunction against the emulator: refused while apps or spaces are left. */
class DeleteUserProfileHandlerEmulatorTest {

  private static final String FUNCTION = "DeleteUserProfileFunction";
  private static final String USER = "jane-doe";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  @BeforeEach
  void seedUser() {
    bed.seedIamDomain();
    bed.seedManagedProfile(USER, "hr-2026-000001");
  }

  private static ObjectNode payload() {
    return event("delete-user-profile/delete-user-profile.json");
  }

  private String outcome() {
    return bed.invoke(FUNCTION, payload()).path("outcome").asText();
  }

  private ResourceStatus profileStatus() {
    return bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, USER).orElse(null);
  }

  @Test
  void profileWithoutAppsIsDeletingThenAlreadyDeletingThenNotFound() {
    JsonNode first = bed.invoke(FUNCTION, payload());

    assertThat(first.path("outcome").asText()).isEqualTo("DELETING");
    assertThat(first.path("domainId").asText()).isEqualTo(DOMAIN_ID);
    assertThat(first.path("userProfileName").asText()).isEqualTo(USER);
    assertThat(profileStatus()).isEqualTo(ResourceStatus.DELETING);
    long mark = bed.mark();

    assertThat(outcome()).isEqualTo("ALREADY_DELETING");
    assertThat(bed.operationsSince(mark))
        .containsExactly("DeleteUserProfile:ResourceInUse", "DescribeUserProfile");
    bed.advance(Duration.ofSeconds(30));
    assertThat(profileStatus()).isNull();
    assertThat(outcome()).isEqualTo("NOT_FOUND");
    assertThat(bed.mutationsSince(0)).containsExactly("DeleteUserProfile");
  }

  @Test
  void runningAppIsProfileInUseAndTheProfileStays() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.IN_SERVICE);

    FunctionError error = bed.invokeFailing(FUNCTION, payload());

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ProfileInUse");
    assertThat(error.errorMessage()).contains(USER).contains("InService").contains("still in use");
    assertThat(bed.operationsSince(0))
        .containsExactly("DeleteUserProfile:ResourceInUse", "DescribeUserProfile");
    assertThat(profileStatus()).isEqualTo(ResourceStatus.IN_SERVICE);
  }

  @Test
  void appStillDeletingIsProfileInUseUntilItIsDeleted() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.DELETING);

    assertThat(bed.invokeFailing(FUNCTION, payload()).simpleName()).isEqualTo("ProfileInUse");
    bed.advance(Duration.ofMinutes(2));
    assertThat(outcome()).isEqualTo("DELETING");
  }

  @Test
  void deletedAndFailedAppsDoNotBlockTheDeletion() {
    bed.seedUserApp(USER, "JupyterServer", "default", AppStatus.DELETED);
    bed.seedUserApp(USER, "CodeEditor", "failed", AppStatus.FAILED);

    assertThat(outcome()).isEqualTo("DELETING");
  }

  @Test
  void privateSpaceLeftIsProfileInUse() {
    bed.emulator()
        .sageMaker()
        .seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, "jane-doe-private", USER));

    FunctionError error = bed.invokeFailing(FUNCTION, payload());

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ProfileInUse");
    assertThat(profileStatus()).isEqualTo(ResourceStatus.IN_SERVICE);
  }

  @Test
  void sharedSpaceTheUserOwnsAlsoKeepsTheProfileInUse() {
    // SageMaker refuses to delete a profile that owns any space; offboarding never deletes
    // shared spaces, so someone has to remove or hand over this one first.
    bed.emulator().sageMaker().seedSpace(SpaceSeed.sharedSpace(DOMAIN_ID, "team-analytics", USER));

    FunctionError error = bed.invokeFailing(FUNCTION, payload());

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ProfileInUse");
    // Which is why ListApps refuses such a user before the workflow deletes anything.
    assertThat(bed.invokeFailing("ListAppsFunction", event("list-apps/list-apps.json")).errorType())
        .isEqualTo("dev.studiolifecycle.error.SharedSpaceOwned");
  }

  @Test
  void otherUsersAppsAndSpacesDoNotBlockTheDeletion() {
    bed.emulator().sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN_ID, "bob"));
    bed.emulator().sageMaker().seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, "bob-private", "bob"));
    bed.emulator()
        .sageMaker()
        .seedApp(
            AppSeed.ofUserProfile(
                DOMAIN_ID, "bob", "JupyterServer", "default", AppStatus.IN_SERVICE));

    assertThat(outcome()).isEqualTo("DELETING");
    assertThat(bed.emulator().sageMaker().userProfileStatus(DOMAIN_ID, "bob"))
        .contains(ResourceStatus.IN_SERVICE);
  }

  @Test
  void missingProfileIsNotFound() {
    ObjectNode payload = payload();
    payload.put("userProfileName", "nobody");

    assertThat(bed.invoke(FUNCTION, payload).path("outcome").asText()).isEqualTo("NOT_FOUND");
    assertThat(bed.mutationsSince(0)).isEmpty();
  }

  @Test
  void throttledDeleteUserProfileIsAwsThrottledAndTheProfileStays() {
    bed.emulator().faults().throttle("sagemaker", "DeleteUserProfile", 0.2, 1);
    bed.emulator().sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN_ID, "bob"));
    ObjectNode bob = payload();
    bob.put("userProfileName", "bob");
    assertThat(bed.invoke(FUNCTION, bob).path("outcome").asText()).isEqualTo("DELETING");

    FunctionError error = bed.invokeFailing(FUNCTION, payload());

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(profileStatus()).isEqualTo(ResourceStatus.IN_SERVICE);
    bed.advance(Duration.ofSeconds(5));
    assertThat(outcome()).isEqualTo("DELETING");
  }

  @Test
  void internalFailureIsAwsServiceUnavailable() {
    bed.emulator()
        .faults()
        .failTimes("sagemaker", "DeleteUserProfile", InjectedFailure.INTERNAL_FAILURE, 1);

    FunctionError error = bed.invokeFailing(FUNCTION, payload());

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
    assertThat(profileStatus()).isEqualTo(ResourceStatus.IN_SERVICE);
  }
}

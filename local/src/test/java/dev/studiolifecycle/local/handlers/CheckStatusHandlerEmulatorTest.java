package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CheckStatusFunction against the emulator while the virtual clock moves: one look at a new profile
 * per call, as AwaitProfileReady's retries make it.
 */
class CheckStatusHandlerEmulatorTest {

  private static final String FUNCTION = "CheckStatusFunction";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  @BeforeEach
  void createJohnsProfile() {
    bed.seedIamDomain();
    bed.emulator()
        .iam()
        .seedRole(RoleSeed.sageMakerExecutionRole("SageMakerTeamRole").withPath("/service-role/"));
    bed.invoke("CreateUserProfileFunction", event("create-user-profile/iam-domain.json"));
  }

  private static ObjectNode look(String user, int retryCount) {
    ObjectNode payload = event("check-status/await-profile-ready.json");
    payload.putObject("profile").put("domainId", DOMAIN_ID).put("userProfileName", user);
    payload.put("retryCount", retryCount);
    return payload;
  }

  @Test
  void aNewProfileAsksForAnotherLookUntilItIsInServiceTenSecondsLater() {
    long mark = bed.mark();
    FunctionError pending = bed.invokeFailing(FUNCTION, look("john-roe", 0));
    bed.advance(Duration.ofSeconds(10));
    JsonNode ready = bed.invoke(FUNCTION, look("john-roe", 1));

    assertThat(pending.errorType()).isEqualTo("dev.studiolifecycle.error.CheckAgainIn10Seconds");
    assertThat(pending.errorMessage()).isEqualTo("user profile john-roe is Pending");
    assertThat(ready.path("status").asText()).isEqualTo("InService");
    assertThat(ready.path("userProfileName").asText()).isEqualTo("john-roe");
    assertThat(bed.mutatingHandlerCallsSince(mark)).isEmpty();
  }

  /** The template scopes the functions' SageMaker statements to the served domains. */
  @Test
  void itsPolicyReachesAnotherDomainOnlyOnceTheStackServesIt() {
    String other = "d-studioother01";
    bed.emulator().sageMaker().seedDomain(DomainSeed.iam(other, "other"));
    bed.emulator().sageMaker().seedUserProfile(UserProfileSeed.inService(other, "john-roe"));
    ObjectNode elsewhere = look("john-roe", 0);
    ((ObjectNode) elsewhere.get("profile")).put("domainId", other);

    FunctionError denied = bed.invokeFailing(FUNCTION, elsewhere);
    bed.deployWith(Map.of("AdditionalDomainIds", other));
    JsonNode served = bed.invoke(FUNCTION, elsewhere);

    assertThat(denied.errorType()).isEqualTo("dev.studiolifecycle.error.AwsRequestFailed");
    assertThat(denied.errorMessage()).contains("AccessDenied");
    assertThat(served.path("status").asText()).isEqualTo("InService");
  }

  @Test
  void aProfileStillPendingAtTheBoundEndsTheWait() {
    ObjectNode late = look("john-roe", 90);

    FunctionError error = bed.invokeFailing(FUNCTION, late);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.WaitTimedOut");
    assertThat(error.errorMessage())
        .isEqualTo(
            "gave up after 900 seconds (MaxProfileWaitSeconds 900): user profile john-roe is"
                + " Pending");
  }

  @Test
  void aProfileThatIsGoneEndsTheWaitAsFailed() {
    FunctionError error = bed.invokeFailing(FUNCTION, look("nobody", 0));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ResourceFailed");
    assertThat(error.errorMessage()).isEqualTo("user profile nobody does not exist (any more)");
  }

  @Test
  void throttledDescribeUserProfileIsAwsThrottled() {
    bed.emulator().faults().throttle("sagemaker", "DescribeUserProfile", 0.001, 1);
    bed.invokeFailing(FUNCTION, look("john-roe", 0));

    FunctionError error = bed.invokeFailing(FUNCTION, look("john-roe", 0));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
  }
}

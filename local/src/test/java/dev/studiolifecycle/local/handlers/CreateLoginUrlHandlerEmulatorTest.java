package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CreateLoginUrlFunction against the emulator: a presigned Studio URL for a profile of an IAM
 * domain, with the stack's session and expiry; refused for a revoked profile and an SSO domain; the
 * URL never in the logs.
 */
class CreateLoginUrlHandlerEmulatorTest {

  private static final String FUNCTION = "CreateLoginUrlFunction";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  private static ObjectNode ask(String user) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("domainId", DOMAIN_ID)
        .put("userProfileName", user);
  }

  @Test
  void anIamProfileGetsAUrlThatExpiresAsTheStackSaysAndTheLogsNeverHoldIt() {
    bed.seedIamDomain();
    bed.seedManagedProfile("jane-doe", "hr-2026-000123");

    JsonNode login = bed.invoke(FUNCTION, ask("jane-doe"));

    String url = login.path("url").asText();
    assertThat(url)
        .startsWith("https://" + DOMAIN_ID + ".studio.us-east-1.sagemaker.aws/auth?token=");
    assertThat(login.path("expiresInSeconds").asInt()).isEqualTo(60);
    assertThat(login.path("sessionExpirationSeconds").asInt()).isEqualTo(43200);
    RecordedCall call =
        bed.emulator().requestLog().calls("sagemaker", "CreatePresignedDomainUrl").get(0);
    assertThat(call.parameters().path("ExpiresInSeconds").asInt()).isEqualTo(60);
    assertThat(call.parameters().path("SessionExpirationDurationInSeconds").asInt())
        .isEqualTo(43200);
    assertThat(bed.handlerOutput()).doesNotContain(url.substring(url.indexOf("token=")));
  }

  @Test
  void aProfileWhoseAccessAnOffboardingRevokedGetsNone() {
    bed.seedIamDomain();
    bed.seedManagedProfile("jane-doe", "hr-2026-000123");
    bed.invoke(
        "RevokeAccessFunction",
        JsonNodeFactory.instance
            .objectNode()
            .put("domainId", DOMAIN_ID)
            .put("userProfileName", "jane-doe")
            .set(
                "correlation",
                JsonNodeFactory.instance.objectNode().put("requestId", "hr-2026-000417")));
    long mark = bed.mark();

    FunctionError refused = bed.invokeFailing(FUNCTION, ask("jane-doe"));

    assertThat(refused.errorType()).isEqualTo("dev.studiolifecycle.error.AccessRevoked");
    assertThat(refused.errorMessage())
        .isEqualTo(
            "userProfileName: the access of user profile jane-doe is revoked (offboarding"
                + " hr-2026-000417): no login URL");
    assertThat(bed.emulator().requestLog().calls("sagemaker", "CreatePresignedDomainUrl"))
        .isEmpty();
    assertThat(bed.mutatingHandlerCallsSince(mark)).isEmpty();
  }

  @Test
  void anSsoDomainsUsersSignInThroughIdentityCenterNotAUrl() {
    bed.seedSsoDomain();
    bed.emulator()
        .sageMaker()
        .seedUserProfile(
            dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed.inService(
                    DOMAIN_ID, "jane-doe")
                .withSingleSignOnUserValue("jane.doe"));

    FunctionError refused = bed.invokeFailing(FUNCTION, ask("jane-doe"));

    assertThat(refused.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(refused.errorMessage())
        .startsWith("domainId: SageMaker gives no presigned URL for user profile jane-doe")
        .contains("AuthMode SSO");
  }

  @Test
  void aProfileThatDoesNotExistIsNamed() {
    bed.seedIamDomain();

    FunctionError refused = bed.invokeFailing(FUNCTION, ask("nobody"));

    assertThat(refused.errorMessage())
        .isEqualTo("userProfileName: no user profile nobody in domain " + DOMAIN_ID);
  }
}

package dev.studiolifecycle.local.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.StudioUserCaller;
import dev.studiolifecycle.local.emulator.iam.ManagedPolicySeed;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.runtime.StudioUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * A Studio user's calls run as the user's execution role (SageMaker developer guide, "How to use
 * SageMaker AI execution roles"). The local runtime refuses what that role's identity policies do
 * not allow, what its permissions boundary does not allow and what a policy explicitly denies (IAM
 * User Guide, "Policy evaluation logic": an explicit deny in any policy overrides an allow; with a
 * boundary, the effective permissions are the intersection of the identity policies and the
 * boundary). The spaces cases follow AmazonSageMakerFullAccess (v29, AWS Managed Policy Reference)
 * and the developer guide's "Give your users access to spaces".
 */
class StudioUserAuthorizationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "d-studiolocal01";
  private static final String FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";

  private AwsEmulator emulator;

  @BeforeEach
  void start() {
    emulator = AuthorizedEmulator.start(DOMAIN);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aUserWhoseRoleAllowsTheCallOpensAnApp() {
    String role = emulator.iam().seedRole(executionRole("open-exec", null, Map.of()));
    seedUser("jane-doe", role);

    try (StudioUser jane = StudioUser.of(emulator, DOMAIN, "jane-doe")) {
      assertThat(jane.launchApp("Canvas", "default")).endsWith("/jane-doe/canvas/default");
    }
  }

  @Test
  void aBoundaryThatDoesNotAllowCreateAppRefusesTheUserAndCreatesNothing() {
    String boundary =
        emulator
            .iam()
            .seedManagedPolicy(
                new ManagedPolicySeed(
                    "studio-read-only-boundary",
                    null,
                    policy("Allow", "sagemaker:Describe*", "*")));
    String role = emulator.iam().seedRole(executionRole("bounded-exec", boundary, Map.of()));
    seedUser("jane-doe", role);

    try (StudioUser jane = StudioUser.of(emulator, DOMAIN, "jane-doe")) {
      assertThatThrownBy(() -> jane.launchApp("Canvas", "default"))
          .isInstanceOf(SageMakerException.class)
          .satisfies(e -> assertThat(((SageMakerException) e).statusCode()).isEqualTo(400))
          .hasMessageContaining("assumed-role/bounded-exec/")
          .hasMessageContaining("sagemaker:CreateApp")
          .hasMessageContaining("no permissions boundary allows");
    }
    assertThat(emulator.sageMaker().appStatus(DOMAIN, "jane-doe", null, "Canvas", "default"))
        .isEmpty();
  }

  @Test
  void anExplicitDenyInAnInlinePolicyRefusesTheUser() {
    String role =
        emulator
            .iam()
            .seedRole(
                executionRole(
                    "no-spaces-exec",
                    null,
                    Map.of("no-spaces", policy("Deny", "sagemaker:CreateSpace", "*"))));
    seedUser("jane-doe", role);

    try (StudioUser jane = StudioUser.of(emulator, DOMAIN, "jane-doe")) {
      assertThat(jane.launchApp("Canvas", "default")).isNotBlank();
      assertThatThrownBy(() -> jane.createPrivateSpace("jane-doe-code", "CodeEditor"))
          .isInstanceOf(SageMakerException.class)
          .hasMessageContaining("sagemaker:CreateSpace")
          .hasMessageContaining("explicit deny in an identity-based policy");
    }
    assertThat(emulator.requestLog().calls("sagemaker", "CreateSpace")).hasSize(1);
    assertThat(emulator.sageMaker().spaceOwner(DOMAIN, "jane-doe-code")).isEmpty();
  }

  @Test
  void aDenyWhoseConditionTheLocalEvaluatorCannotReadRefusesRatherThanAllows() {
    String deny =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"sagemaker:CreateApp\",\"Resource\":\"*\",\"Condition\":"
            + "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}}]}";
    String role =
        emulator.iam().seedRole(executionRole("dated-exec", null, Map.of("cut-off", deny)));
    seedUser("jane-doe", role);

    try (StudioUser jane = StudioUser.of(emulator, DOMAIN, "jane-doe")) {
      assertThatThrownBy(() -> jane.launchApp("Canvas", "default"))
          .isInstanceOf(SageMakerException.class)
          .hasMessageContaining("sagemaker:CreateApp")
          .hasMessageContaining("the local policy evaluator cannot evaluate");
    }
    assertThat(emulator.sageMaker().appStatus(DOMAIN, "jane-doe", null, "Canvas", "default"))
        .isEmpty();
  }

  @Test
  void aUserWithoutAnExecutionRoleThatExistsIsRefused() {
    seedUser("jane-doe", "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":role/deleted-exec");

    try (StudioUser jane = StudioUser.of(emulator, DOMAIN, "jane-doe")) {
      assertThatThrownBy(() -> jane.launchApp("Canvas", "default"))
          .isInstanceOf(SageMakerException.class)
          .hasMessageContaining("has no execution role that exists");
    }
  }

  @Test
  void underAmazonSageMakerFullAccessAPrivateSpaceAndItsAppsAreItsOwnersAlone() {
    seedUser("jane", emulator.iam().seedRole(executionRole("jane-exec", null, Map.of())));
    seedUser("bob", emulator.iam().seedRole(executionRole("bob-exec", null, Map.of())));

    try (StudioUser jane = StudioUser.of(emulator, DOMAIN, "jane");
        StudioUser bob = StudioUser.of(emulator, DOMAIN, "bob")) {
      assertThat(jane.createPrivateSpace("jane-notes", "JupyterLab")).endsWith("/jane-notes");
      spaceComesUp();
      assertThat(jane.launchSpaceApp("jane-notes", "JupyterLab", "default")).isNotBlank();

      assertThatThrownBy(() -> bob.launchSpaceApp("jane-notes", "JupyterLab", "peek"))
          .isInstanceOf(SageMakerException.class)
          .hasMessageContaining("assumed-role/bob-exec/")
          .hasMessageContaining("no identity-based policy allows the sagemaker:CreateApp action");
      assertThatThrownBy(
              () ->
                  emulator.performAsUser(
                      new StudioUserCaller(DOMAIN, "bob"),
                      "CreateSpace",
                      privateSpace("planted", "jane", "Private"),
                      emulator.clock().instant()))
          .isInstanceOf(AwsServiceError.class)
          .hasMessageContaining("no identity-based policy allows the sagemaker:CreateSpace action");
      assertThat(bob.createPrivateSpace("bob-notes", "CodeEditor")).endsWith("/bob-notes");
    }
    assertThat(emulator.sageMaker().appStatus(DOMAIN, null, "jane-notes", "JupyterLab", "peek"))
        .isEmpty();
    assertThat(emulator.sageMaker().spaceOwner(DOMAIN, "planted")).isEmpty();
  }

  @Test
  void underAmazonSageMakerFullAccessEveryUserOfTheDomainMayUseASharedSpace() {
    seedUser("jane", emulator.iam().seedRole(executionRole("jane-exec", null, Map.of())));
    seedUser("bob", emulator.iam().seedRole(executionRole("bob-exec", null, Map.of())));
    emulator.performAsUser(
        new StudioUserCaller(DOMAIN, "jane"),
        "CreateSpace",
        privateSpace("team-notes", "jane", "Shared"),
        emulator.clock().instant());
    spaceComesUp();

    try (StudioUser bob = StudioUser.of(emulator, DOMAIN, "bob")) {
      assertThat(bob.launchSpaceApp("team-notes", "JupyterLab", "default")).isNotBlank();
    }
  }

  @Test
  void aRoleWhosePoliciesAllowNothingIsRefusedNamingThePoliciesTheRuntimeCannotRead() {
    String canvasOnly = "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess";
    seedUser(
        "jane-doe",
        emulator
            .iam()
            .seedRole(
                new RoleSeed(
                    "canvas-exec",
                    "/",
                    RoleSeed.SAGEMAKER_TRUST_POLICY,
                    null,
                    null,
                    Map.of(),
                    List.of(canvasOnly),
                    Map.of())));

    try (StudioUser jane = StudioUser.of(emulator, DOMAIN, "jane-doe")) {
      assertThatThrownBy(() -> jane.launchApp("Canvas", "default"))
          .isInstanceOf(SageMakerException.class)
          .hasMessageContaining("no identity-based policy allows the sagemaker:CreateApp action")
          .hasMessageContaining("holds no document of " + canvasOnly);
    }
    assertThat(emulator.sageMaker().appStatus(DOMAIN, "jane-doe", null, "Canvas", "default"))
        .isEmpty();
  }

  /** A new space is Pending for a while; apps start only in one that is InService. */
  private void spaceComesUp() {
    emulator.virtualClock().advance(Duration.ofMinutes(5));
  }

  private static ObjectNode privateSpace(String name, String owner, String sharingType) {
    ObjectNode input = JSON.createObjectNode().put("DomainId", DOMAIN).put("SpaceName", name);
    input.putObject("OwnershipSettings").put("OwnerUserProfileName", owner);
    input.putObject("SpaceSharingSettings").put("SharingType", sharingType);
    input.putObject("SpaceSettings").put("AppType", "JupyterLab");
    return input;
  }

  private void seedUser(String name, String executionRoleArn) {
    ObjectNode settings = JSON.createObjectNode().put("ExecutionRole", executionRoleArn);
    emulator
        .sageMaker()
        .seedUserProfile(UserProfileSeed.inService(DOMAIN, name).withUserSettings(settings));
  }

  private static RoleSeed executionRole(
      String name, String boundaryArn, Map<String, String> inlinePolicies) {
    return new RoleSeed(
        name,
        "/",
        RoleSeed.SAGEMAKER_TRUST_POLICY,
        null,
        boundaryArn,
        Map.of(),
        List.of(FULL_ACCESS),
        inlinePolicies);
  }

  private static String policy(String effect, String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }
}

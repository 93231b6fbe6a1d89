package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.iam.IamService;
import dev.studiolifecycle.local.permissions.IamRequest;
import dev.studiolifecycle.local.permissions.PolicyEvaluator;
import dev.studiolifecycle.local.runtime.StudioUser;
import dev.studiolifecycle.local.template.PolicyStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Isolation between two people of one domain, end to end: jane and bob are onboarded by the
 * workflow (template.yaml's state machine, the real handlers), so each gets her own role under the
 * stack's permissions boundary with AmazonSageMakerFullAccess attached, and each profile the owner
 * tag. Then someone attaches to both roles a policy allowing {@code sagemaker:*} and {@code s3:*}
 * on everything (the broadest a team might add), and they call SageMaker as their roles: the
 * emulator evaluates every call against the role's policies and its boundary. Every refusal must
 * come from the boundary, which is what keeps each role safe whatever policies it gets.
 */
class IsolationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "d-studiolocal01";

  private LifecycleSimulation simulation;
  private StudioUser jane;
  private StudioUser bob;

  @BeforeEach
  void onboardJaneAndBob() {
    simulation = LifecycleSimulation.of("studio-domains.json");
    onboard("jane-doe", "hr-iso-1");
    onboard("bob-roe", "hr-iso-2");
    try (EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      for (String user : List.of("jane-doe", "bob-roe")) {
        aws.iam.putRolePolicy(
            r ->
                r.roleName(roleName(user))
                    .policyName("everything-in-sagemaker-and-s3")
                    .policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":[\"sagemaker:*\",\"s3:*\"],\"Resource\":\"*\"}]}"));
      }
      aws.s3.createBucket(r -> r.bucket("team-data"));
    }
    jane = StudioUser.of(simulation.emulator(), DOMAIN, "jane-doe");
    bob = StudioUser.of(simulation.emulator(), DOMAIN, "bob-roe");
  }

  @AfterEach
  void close() {
    jane.close();
    bob.close();
    simulation.close();
  }

  private void onboard(String user, String requestId) {
    simulation.onboard(DOMAIN, user, requestId, create -> {});
  }

  @Test
  void aPersonOpensHerOwnStudioAndNeverAnothers() {
    assertThat(presignedUrl(jane, "jane-doe")).startsWith("https://");

    refusedByTheBoundary(() -> presignedUrl(jane, "bob-roe"), "CreatePresignedDomainUrl");
  }

  @Test
  void herProfilesAppsAreHersToStartAndStopAndNobodyElses() {
    assertThat(jane.launchApp("Canvas", "default")).endsWith("/jane-doe/canvas/default");
    bob.launchApp("JupyterServer", "default");

    refusedByTheBoundary(
        () ->
            jane.sageMaker()
                .createApp(
                    r ->
                        r.domainId(DOMAIN)
                            .userProfileName("bob-roe")
                            .appType("Canvas")
                            .appName("default")),
        "CreateApp");
    refusedByTheBoundary(() -> deleteProfileApp(jane, "bob-roe", "JupyterServer"), "DeleteApp");
    assertThat(
            simulation
                .emulator()
                .sageMaker()
                .appStatus(DOMAIN, "bob-roe", null, "Canvas", "default"))
        .isEmpty();

    deleteProfileApp(jane, "jane-doe", "Canvas");
    deleteProfileApp(bob, "bob-roe", "JupyterServer");
  }

  @Test
  void appsOfHerProfileCarryHerOwnerTagFromTheProfile() {
    String app = jane.launchApp("Canvas", "default");

    assertThat(simulation.emulator().sageMaker().tagsOf(app))
        .containsEntry("studio-lifecycle:user-profile", "jane-doe")
        .containsEntry("managed-by", "studio-lifecycle");
  }

  @Test
  void aPrivateSpaceIsItsOwnersAloneToChangeDeleteOrWorkIn() {
    bob.createPrivateSpace("bob-notes", "JupyterLab");
    spacesComeUp();

    refusedByTheBoundary(
        () ->
            jane.sageMaker()
                .updateSpace(
                    r -> r.domainId(DOMAIN).spaceName("bob-notes").spaceDisplayName("mine now")),
        "UpdateSpace");
    refusedByTheBoundary(
        () -> jane.sageMaker().deleteSpace(r -> r.domainId(DOMAIN).spaceName("bob-notes")),
        "DeleteSpace");
    refusedByTheBoundary(() -> jane.launchSpaceApp("bob-notes", "JupyterLab", "peek"), "CreateApp");
    refusedByTheBoundary(
        () ->
            jane.sageMaker()
                .createSpace(
                    r ->
                        r.domainId(DOMAIN)
                            .spaceName("planted")
                            .ownershipSettings(o -> o.ownerUserProfileName("bob-roe"))
                            .spaceSharingSettings(s -> s.sharingType("Private"))
                            .spaceSettings(s -> s.appType("JupyterLab"))),
        "CreateSpace");
    assertThat(simulation.emulator().sageMaker().spaceOwner(DOMAIN, "bob-notes"))
        .contains("bob-roe");
    assertThat(simulation.emulator().sageMaker().spaceOwner(DOMAIN, "planted")).isEmpty();

    jane.createPrivateSpace("jane-notes", "JupyterLab");
    spacesComeUp();
    assertThat(jane.launchSpaceApp("jane-notes", "JupyterLab", "default")).isNotBlank();
    jane.sageMaker()
        .updateSpace(r -> r.domainId(DOMAIN).spaceName("jane-notes").spaceDisplayName("notes"));
  }

  @Test
  void aSharedSpaceStaysUsableByEveryoneTheDomainLetsIn() {
    jane.sageMaker()
        .createSpace(
            r ->
                r.domainId(DOMAIN)
                    .spaceName("team-notes")
                    .ownershipSettings(o -> o.ownerUserProfileName("jane-doe"))
                    .spaceSharingSettings(s -> s.sharingType("Shared"))
                    .spaceSettings(s -> s.appType("JupyterLab")));
    spacesComeUp();

    assertThat(bob.launchSpaceApp("team-notes", "JupyterLab", "default")).isNotBlank();
    refusedByTheBoundary(
        () -> bob.sageMaker().deleteSpace(r -> r.domainId(DOMAIN).spaceName("team-notes")),
        "DeleteSpace");
  }

  @Test
  void nobodyChangesAProfileNotEvenTheirOwn() {
    refusedByTheBoundary(
        () ->
            jane.sageMaker()
                .updateUserProfile(
                    r ->
                        r.domainId(DOMAIN)
                            .userProfileName("jane-doe")
                            .userSettings(u -> u.executionRole(roleArn("bob-roe")))),
        "UpdateUserProfile");
    refusedByTheBoundary(
        () ->
            jane.sageMaker().deleteUserProfile(r -> r.domainId(DOMAIN).userProfileName("bob-roe")),
        "DeleteUserProfile");
    assertThat(simulation.emulator().sageMaker().executionRoleOf(DOMAIN, "jane-doe"))
        .contains(roleArn("jane-doe"));
  }

  @Test
  void theOwnerTagIsTheWorkflowsAloneToSetOrRemove() {
    String profile = profileArn("jane-doe");
    String app = jane.launchApp("Canvas", "default");

    refusedByTheBoundary(
        () ->
            jane.sageMaker()
                .addTags(
                    r ->
                        r.resourceArn(app)
                            .tags(t -> t.key("studio-lifecycle:user-profile").value("bob-roe"))),
        "AddTags");
    refusedByTheBoundary(
        () ->
            jane.sageMaker()
                .deleteTags(r -> r.resourceArn(profile).tagKeys("studio-lifecycle:user-profile")),
        "DeleteTags");
    assertThat(simulation.emulator().sageMaker().tagsOf(profile))
        .containsEntry("studio-lifecycle:user-profile", "jane-doe");
    assertThat(simulation.emulator().sageMaker().tagsOf(app))
        .containsEntry("studio-lifecycle:user-profile", "jane-doe");

    String tagged =
        jane.sageMaker()
            .createApp(
                r ->
                    r.domainId(DOMAIN)
                        .userProfileName("jane-doe")
                        .appType("JupyterServer")
                        .appName("default")
                        .tags(t -> t.key("project").value("churn")))
            .appArn();
    assertThat(simulation.emulator().sageMaker().tagsOf(tagged))
        .as("her own tags on an app she creates")
        .containsEntry("project", "churn")
        .containsEntry("studio-lifecycle:user-profile", "jane-doe");
  }

  @Test
  void dataIsWrittenInTheAccountsBucketsButNoBucketIsDeleted() {
    jane.s3()
        .putObject(
            r -> r.bucket("team-data").key("jane-doe/features.csv"),
            RequestBody.fromString("id,score\n1,0.5\n"));
    assertThat(
            jane.s3()
                .getObjectAsBytes(r -> r.bucket("team-data").key("jane-doe/features.csv"))
                .asUtf8String())
        .startsWith("id,score");

    assertThatThrownBy(() -> jane.s3().deleteBucket(r -> r.bucket("team-data")))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403))
        .hasMessageContaining("s3:DeleteBucket")
        .hasMessageContaining("permissions boundary");
    assertThat(
            simulation.emulator().requestLog().calls("s3", "DeleteBucket").stream()
                .filter(call -> call.succeeded())
                .toList())
        .isEmpty();
  }

  /**
   * No SageMaker operation of the emulator passes a role for a user (training and processing jobs
   * are not emulated), so PassRole is evaluated directly: the boundary of the role the workflow
   * created, with the context IAM gives PassRole (the passed role's tags as aws:ResourceTag, the
   * caller's role's as aws:PrincipalTag).
   */
  @Test
  void aPersonPassesOnlyHerOwnRoleAndOnlyToSageMakerOrForecast() {
    IamService iam = simulation.emulator().iam();
    IamService.RoleView janeRole = iam.roleView(roleName("jane-doe")).orElseThrow();
    IamService.RoleView bobRole = iam.roleView(roleName("bob-roe")).orElseThrow();
    List<PolicyStatement> boundary =
        PolicyStatement.ofDocument(
            readJson(iam.managedPolicyDocument(janeRole.permissionsBoundaryArn()).orElseThrow()),
            janeRole.permissionsBoundaryArn());

    assertThat(passRole(boundary, janeRole, janeRole, "sagemaker.amazonaws.com").allowed())
        .isTrue();
    assertThat(passRole(boundary, janeRole, janeRole, "forecast.amazonaws.com").allowed()).isTrue();
    assertThat(passRole(boundary, janeRole, bobRole, "sagemaker.amazonaws.com").allowed())
        .as("bob's role reads and writes bob's buckets")
        .isFalse();
    assertThat(passRole(boundary, janeRole, janeRole, "lambda.amazonaws.com").allowed()).isFalse();
  }

  private static PolicyEvaluator.Decision passRole(
      List<PolicyStatement> boundary,
      IamService.RoleView caller,
      IamService.RoleView passed,
      String service) {
    Map<String, List<String>> context = new java.util.LinkedHashMap<>();
    context.put("iam:PassedToService", List.of(service));
    passed.tags().forEach((k, v) -> context.put("aws:ResourceTag/" + k, List.of(v)));
    caller.tags().forEach((k, v) -> context.put("aws:PrincipalTag/" + k, List.of(v)));
    context.put("aws:PrincipalArn", List.of(caller.arn()));
    return PolicyEvaluator.evaluate(
        boundary, new IamRequest("iam:PassRole", passed.arn(), context, "CreateTrainingJob"));
  }

  private static JsonNode readJson(String document) {
    try {
      return JSON.readTree(document);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String presignedUrl(StudioUser user, String profile) {
    return user.sageMaker()
        .createPresignedDomainUrl(r -> r.domainId(DOMAIN).userProfileName(profile))
        .authorizedUrl();
  }

  private static void deleteProfileApp(StudioUser user, String profile, String appType) {
    SageMakerClient client = user.sageMaker();
    client.deleteApp(
        r -> r.domainId(DOMAIN).userProfileName(profile).appType(appType).appName("default"));
  }

  /** Refused with AccessDenied naming the action, by the permissions boundary. */
  private static void refusedByTheBoundary(Executable call, String action) {
    assertThatThrownBy(call::execute)
        .isInstanceOf(SageMakerException.class)
        .satisfies(
            e ->
                assertThat(((SageMakerException) e).awsErrorDetails().errorCode())
                    .isEqualTo("AccessDeniedException"))
        .hasMessageContaining("sagemaker:" + action)
        .hasMessageContaining("permissions boundary");
  }

  private void spacesComeUp() {
    simulation.emulator().virtualClock().advance(Duration.ofMinutes(5));
  }

  private static String roleName(String user) {
    return "studio-" + user + "-studiolocal01";
  }

  private static String roleArn(String user) {
    return LocalAccount.globalArn("iam", "role/studio-lifecycle/" + roleName(user));
  }

  private static String profileArn(String user) {
    return LocalAccount.arn("sagemaker", "user-profile/" + DOMAIN + "/" + user);
  }
}

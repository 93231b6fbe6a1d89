package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.SAGEMAKER_FULL_ACCESS;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * CreateExecutionRoleFunction against the emulator's IAM, with the environment template.yaml gives
 * it (role path, the stack's permissions boundary, the policy allow-list, the account id).
 */
class CreateExecutionRoleHandlerEmulatorTest {

  private static final String FUNCTION = "CreateExecutionRoleFunction";
  private static final String ROLE = "studio-jane-doe-abc123def456";
  private static final String CANVAS_FULL =
      "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess";
  private static final String CANVAS_AI =
      "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess";
  private static final String CANVAS_FORECAST =
      "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasForecastAccess";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  /** The sample event without its managed policy, which the template's allow-list refuses. */
  private static ObjectNode createRoleEvent() {
    ObjectNode payload = event("create-execution-role/create-role.json");
    ((ObjectNode) payload.at("/request/executionRole/create")).remove("managedPolicyArns");
    return payload;
  }

  private String environment(String name) {
    return bed.environmentOf(FUNCTION).get(name);
  }

  @Test
  void templateEnvironmentNamesTheStacksBoundaryAndAllowList() {
    assertThat(environment("ROLE_PATH")).isEqualTo("/studio-lifecycle/");
    assertThat(environment("AWS_ACCOUNT_ID")).isEqualTo("123456789012");
    assertThat(environment("DEFAULT_POLICY_ARNS")).isEqualTo(SAGEMAKER_FULL_ACCESS);
    assertThat(environment("ALLOWED_POLICY_ARNS").split(","))
        .containsExactlyInAnyOrder(SAGEMAKER_FULL_ACCESS, CANVAS_FULL, CANVAS_AI, CANVAS_FORECAST);
    assertThat(environment("PERMISSIONS_BOUNDARY_ARN"))
        .startsWith("arn:aws:iam::123456789012:policy/");
  }

  @Test
  void newRoleGetsPathBoundaryScopedTrustAllowListedPoliciesS3AccessAndTags() {
    JsonNode result = bed.invoke(FUNCTION, createRoleEvent());

    String roleArn = "arn:aws:iam::123456789012:role/studio-lifecycle/" + ROLE;
    assertThat(result.path("roleArn").asText()).isEqualTo(roleArn);
    assertThat(result.path("roleName").asText()).isEqualTo(ROLE);
    assertThat(result.path("createdByThisRun").asBoolean()).isTrue();
    assertThat(result.path("adopted").asBoolean()).isFalse();

    Role role = role();
    assertThat(role.path()).isEqualTo("/studio-lifecycle/");
    assertThat(role.permissionsBoundary().permissionsBoundaryArn())
        .isEqualTo(environment("PERMISSIONS_BOUNDARY_ARN"));
    JsonNode statement = trustPolicy(role).path("Statement").path(0);
    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
    // Canvas time-series forecasting without a role of its own: Amazon Forecast assumes this one.
    assertThat(texts(statement.path("Principal").path("Service")))
        .containsExactlyInAnyOrder("sagemaker.amazonaws.com", "forecast.amazonaws.com");
    assertThat(statement.at("/Condition/StringEquals/aws:SourceAccount").asText())
        .isEqualTo("123456789012");

    List<String> attached = attachedPolicies();
    assertThat(attached)
        .containsExactlyInAnyOrder(SAGEMAKER_FULL_ACCESS, CANVAS_FULL, CANVAS_AI, CANVAS_FORECAST);
    assertThat(Arrays.asList(environment("ALLOWED_POLICY_ARNS").split(","))).containsAll(attached);
    assertThat(texts(result.path("attachedPolicyArns")))
        .containsExactlyInAnyOrderElementsOf(attached);

    JsonNode s3 = inlinePolicy("studio-lifecycle-s3-access");
    assertThat(texts(s3.path("Statement").path(0).path("Resource")))
        .containsExactly("arn:aws:s3:::ml-team-datasets", "arn:aws:s3:::ml-team-scratch");
    assertThat(texts(s3.path("Statement").path(1).path("Resource")))
        .containsExactly("arn:aws:s3:::ml-team-datasets/*", "arn:aws:s3:::ml-team-scratch/*");
    assertThat(tags())
        .containsEntry("managed-by", "studio-lifecycle")
        .containsEntry("studio-lifecycle:request-id", "hr-2026-000123")
        .containsEntry("studio-lifecycle:user-profile", "jane-doe");

    assertThat(bed.mutationsSince(0))
        .containsExactly(
            "CreateRole",
            "AttachRolePolicy",
            "AttachRolePolicy",
            "AttachRolePolicy",
            "AttachRolePolicy",
            "PutRolePolicy");
  }

  @Test
  void roleWithoutCanvasForecastingTrustsSageMakerOnlyAndHasNoInlinePolicyWithoutBuckets() {
    ObjectNode payload = createRoleEvent();
    ObjectNode request = (ObjectNode) payload.get("request");
    request.remove("canvas");
    ((ObjectNode) request.at("/executionRole/create")).putArray("s3Buckets");

    bed.invoke(FUNCTION, payload);

    JsonNode statement = trustPolicy(role()).path("Statement").path(0);
    assertThat(texts(statement.path("Principal").path("Service")))
        .containsExactly("sagemaker.amazonaws.com");
    assertThat(attachedPolicies()).containsExactly(SAGEMAKER_FULL_ACCESS);
    assertThat(bed.iam().listRolePolicies(r -> r.roleName(ROLE)).policyNames()).isEmpty();
  }

  @Test
  void longestUserNameGetsAHashedRoleNameThatIamAcceptsAndDeleteExecutionRoleFinds() {
    String user = "a".repeat(40) + "-" + "b".repeat(22);
    ObjectNode payload = createRoleEvent();
    ((ObjectNode) payload.get("request")).put("userProfileName", user);

    JsonNode created = bed.invoke(FUNCTION, payload);

    String roleName = created.path("roleName").asText();
    assertThat(user).hasSize(63);
    assertThat(roleName)
        .hasSize(64)
        .startsWith("studio-aaaa")
        .matches("studio-a+-[0-9a-f]{8}-abc123def456");
    assertThat(bed.emulator().iam().roleExists(roleName)).isTrue();
    ObjectNode delete = event("delete-execution-role/delete-execution-role.json");
    delete.put("roleArn", created.path("roleArn").asText()).put("userProfileName", user);
    assertThat(bed.invoke("DeleteExecutionRoleFunction", delete).path("outcome").asText())
        .isEqualTo("DELETED");
  }

  @Test
  void policyOffTheAllowListIsRefusedBeforeAnyIamCall() {
    FunctionError error =
        bed.invokeFailing(FUNCTION, event("create-execution-role/create-role.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(error.errorMessage())
        .contains("executionRole.create.managedPolicyArns[0]")
        .contains("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
        .contains("ALLOWED_POLICY_ARNS");
    assertThat(bed.handlerCalls()).isEmpty();
    assertThat(bed.emulator().iam().roleExists(ROLE)).isFalse();
  }

  @Test
  void replayAdoptsTheRoleItCreatedAndCreatesNothingNew() {
    bed.invoke(FUNCTION, createRoleEvent());
    RoleState before = roleState();
    long mark = bed.mark();

    JsonNode replay = bed.invoke(FUNCTION, createRoleEvent());

    assertThat(replay.path("adopted").asBoolean()).isTrue();
    assertThat(replay.path("createdByThisRun").asBoolean()).isTrue();
    assertThat(roleState()).isEqualTo(before);
    assertThat(bed.operationsSince(mark)).startsWith("CreateRole:EntityAlreadyExists");
    // The inline policy already has the requested document: nothing is written, created or
    // attached.
    assertThat(bed.mutationsSince(mark)).isEmpty();
    assertThat(bed.emulator().iam().roleNames()).containsExactly(ROLE);
  }

  @Test
  void roleLeftHalfDoneByAnOutageIsCompletedByTheRetry() {
    bed.emulator()
        .faults()
        .failTimes("iam", "AttachRolePolicy", InjectedFailure.SERVICE_UNAVAILABLE, 1);

    FunctionError error = bed.invokeFailing(FUNCTION, createRoleEvent());

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
    assertThat(error.errorMessage()).contains("ServiceUnavailable").contains("503");
    assertThat(bed.emulator().iam().roleExists(ROLE)).isTrue();
    assertThat(attachedPolicies()).isEmpty();

    JsonNode retry = bed.invoke(FUNCTION, createRoleEvent());

    assertThat(retry.path("adopted").asBoolean()).isTrue();
    assertThat(retry.path("createdByThisRun").asBoolean()).isTrue();
    assertThat(attachedPolicies())
        .containsExactlyInAnyOrder(SAGEMAKER_FULL_ACCESS, CANVAS_FULL, CANVAS_AI, CANVAS_FORECAST);
    assertThat(bed.iam().listRolePolicies(r -> r.roleName(ROLE)).policyNames())
        .containsExactly("studio-lifecycle-s3-access");
  }

  @Test
  void earlierRoleOfTheSameUserIsAdoptedAndConverged() {
    bed.emulator()
        .iam()
        .seedRole(
            RoleSeed.sageMakerExecutionRole(ROLE)
                .withPath("/studio-lifecycle/")
                .withTags(
                    Map.of(
                        "managed-by", "studio-lifecycle",
                        "studio-lifecycle:request-id", "hr-2025-000001",
                        "studio-lifecycle:user-profile", "jane-doe"))
                .withAttachedPolicyArns(List.of(SAGEMAKER_FULL_ACCESS)));

    JsonNode result = bed.invoke(FUNCTION, createRoleEvent());

    assertThat(result.path("adopted").asBoolean()).isTrue();
    assertThat(result.path("createdByThisRun").asBoolean()).isFalse();
    Role role = role();
    assertThat(role.permissionsBoundary().permissionsBoundaryArn())
        .isEqualTo(environment("PERMISSIONS_BOUNDARY_ARN"));
    assertThat(texts(trustPolicy(role).at("/Statement/0/Principal/Service")))
        .contains("forecast.amazonaws.com");
    assertThat(attachedPolicies())
        .containsExactlyInAnyOrder(SAGEMAKER_FULL_ACCESS, CANVAS_FULL, CANVAS_AI, CANVAS_FORECAST);
    assertThat(bed.mutationsSince(0))
        .containsExactly(
            "PutRolePermissionsBoundary",
            "UpdateAssumeRolePolicy",
            "AttachRolePolicy",
            "AttachRolePolicy",
            "AttachRolePolicy",
            "PutRolePolicy");
  }

  @Test
  void roleOfTheDerivedNameBelongingToAnotherUserIsExecutionRoleConflictAndUntouched() {
    bed.emulator()
        .iam()
        .seedRole(
            RoleSeed.sageMakerExecutionRole(ROLE)
                .withPath("/studio-lifecycle/")
                .withTags(
                    Map.of(
                        "managed-by", "studio-lifecycle",
                        "studio-lifecycle:user-profile", "john-roe")));

    FunctionError error = bed.invokeFailing(FUNCTION, createRoleEvent());

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ExecutionRoleConflict");
    assertThat(error.errorMessage()).contains(ROLE).contains("jane-doe");
    assertThat(bed.mutationsSince(0)).isEmpty();
    assertThat(attachedPolicies()).isEmpty();
  }

  @Test
  void existingRoleThatTrustsSageMakerIsUsedAsItIs() {
    String arn =
        bed.emulator()
            .iam()
            .seedRole(
                RoleSeed.sageMakerExecutionRole("SageMakerTeamRole").withPath("/service-role/"));

    JsonNode result = bed.invoke(FUNCTION, event("create-execution-role/existing-role.json"));

    assertThat(result.path("roleArn").asText()).isEqualTo(arn);
    assertThat(result.path("roleName").asText()).isEqualTo("SageMakerTeamRole");
    assertThat(result.path("createdByThisRun").asBoolean()).isFalse();
    assertThat(result.path("adopted").asBoolean()).isFalse();
    assertThat(result.path("attachedPolicyArns").size()).isZero();
    assertThat(bed.operationsSince(0)).containsExactly("GetRole");
  }

  @Test
  void existingRoleThatDoesNotExistIsExecutionRoleUnusable() {
    FunctionError error =
        bed.invokeFailing(FUNCTION, event("create-execution-role/existing-role.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ExecutionRoleUnusable");
    assertThat(error.errorMessage()).contains("executionRole.arn").contains("does not exist");
    // IAM checks GetRole of a role that does not exist against its path-less ARN, which the
    // function's policy (the ExistingExecutionRoleArns) does not grant.
    assertThat(bed.operationsSince(0)).containsExactly("GetRole:AccessDenied");
    assertThat(bed.mutatingHandlerCallsSince(0)).isEmpty();
  }

  @Test
  void existingRoleTheStackMayNotUseIsRefusedByIamAtTheCall() {
    bed.emulator()
        .iam()
        .seedRole(RoleSeed.sageMakerExecutionRole("OtherTeamRole").withPath("/service-role/"));
    ObjectNode payload = event("create-execution-role/existing-role.json");
    ((ObjectNode) payload.path("request").path("executionRole"))
        .put("arn", "arn:aws:iam::123456789012:role/service-role/OtherTeamRole");

    FunctionError error = bed.invokeFailing(FUNCTION, payload);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ExecutionRoleUnusable");
    assertThat(error.errorMessage())
        .contains("OtherTeamRole")
        .contains("not one this stack may use (ExistingExecutionRoleArns)");
    assertThat(bed.operationsSince(0)).containsExactly("GetRole:AccessDenied");
  }

  @Test
  void existingRoleThatDoesNotTrustSageMakerIsRefused() {
    bed.emulator()
        .iam()
        .seedRole(
            RoleSeed.sageMakerExecutionRole("SageMakerTeamRole")
                .withPath("/service-role/")
                .withTrustPolicy(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}"));

    FunctionError error =
        bed.invokeFailing(FUNCTION, event("create-execution-role/existing-role.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.ExecutionRoleUnusable");
    assertThat(error.errorMessage())
        .contains("executionRole.arn")
        .contains("does not allow sagemaker.amazonaws.com");
    assertThat(bed.mutatingHandlerCallsSince(0)).isEmpty();
  }

  @Test
  void throttledAttachIsAwsThrottledAndTheRetryCompletesTheRoleOnceTheBucketRefills() {
    // IAM lets two attachments through, then refills one token every ten seconds.
    bed.emulator().faults().throttle("iam", "AttachRolePolicy", 0.1, 2);

    FunctionError error = bed.invokeFailing(FUNCTION, createRoleEvent());

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(error.errorMessage()).contains("Throttling");
    assertThat(attachedPolicies()).hasSize(2);

    bed.advance(Duration.ofSeconds(20));
    JsonNode retry = bed.invoke(FUNCTION, createRoleEvent());

    assertThat(retry.path("createdByThisRun").asBoolean()).isTrue();
    assertThat(attachedPolicies())
        .containsExactlyInAnyOrder(SAGEMAKER_FULL_ACCESS, CANVAS_FULL, CANVAS_AI, CANVAS_FORECAST);
  }

  // ------------------------------------------------------------------ end state

  /** Everything about the role that a replay must leave as it was. */
  private record RoleState(
      Role role, List<String> attached, Map<String, String> tags, JsonNode s3Policy) {}

  private RoleState roleState() {
    return new RoleState(
        role(), attachedPolicies(), tags(), inlinePolicy("studio-lifecycle-s3-access"));
  }

  private Role role() {
    return bed.iam().getRole(r -> r.roleName(ROLE)).role();
  }

  private List<String> attachedPolicies() {
    try {
      return bed.iam().listAttachedRolePolicies(r -> r.roleName(ROLE)).attachedPolicies().stream()
          .map(p -> p.policyArn())
          .toList();
    } catch (NoSuchEntityException e) {
      return List.of();
    }
  }

  private Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag tag : bed.iam().listRoleTags(r -> r.roleName(ROLE)).tags()) {
      tags.put(tag.key(), tag.value());
    }
    return tags;
  }

  private JsonNode inlinePolicy(String name) {
    return decode(bed.iam().getRolePolicy(r -> r.roleName(ROLE).policyName(name)).policyDocument());
  }

  private static JsonNode trustPolicy(Role role) {
    return decode(role.assumeRolePolicyDocument());
  }

  /** IAM returns policy documents URL-encoded. */
  private static JsonNode decode(String document) {
    return EmulatorTestBed.parse(URLDecoder.decode(document, StandardCharsets.UTF_8));
  }

  private static List<String> texts(JsonNode valueOrArray) {
    List<String> texts = new ArrayList<>();
    if (valueOrArray.isArray()) {
      valueOrArray.forEach(v -> texts.add(v.asText()));
    } else if (!valueOrArray.isMissingNode()) {
      texts.add(valueOrArray.asText());
    }
    return texts;
  }
}

package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.SAGEMAKER_FULL_ACCESS;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DeleteExecutionRoleFunction against the emulator's IAM, with the role path template.yaml gives
 * it: only a role this workflow created for this very user is ever deleted.
 */
class DeleteExecutionRoleHandlerEmulatorTest {

  private static final String FUNCTION = "DeleteExecutionRoleFunction";
  private static final String ROLE = "studio-jane-doe";
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/studio-lifecycle/" + ROLE;
  private static final String S3_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
          + "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::ml-team-datasets/*\"}]}";
  private static final String CANVAS = "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  /** A role of jane-doe as CreateExecutionRole leaves it, with the given tags and path. */
  private static RoleSeed role(String path, Map<String, String> tags) {
    return new RoleSeed(
        ROLE,
        path,
        null,
        "SageMaker Studio execution role of user profile jane-doe",
        null,
        tags,
        List.of(SAGEMAKER_FULL_ACCESS, CANVAS),
        Map.of("studio-lifecycle-s3-access", S3_POLICY));
  }

  private static Map<String, String> tagsOf(String user) {
    return Map.of(
        "managed-by", "studio-lifecycle",
        "studio-lifecycle:request-id", "hr-2026-000123",
        "studio-lifecycle:user-profile", user);
  }

  @Test
  void templateGivesTheFunctionTheRolePath() {
    assertThat(bed.environmentOf(FUNCTION)).containsEntry("ROLE_PATH", "/studio-lifecycle/");
  }

  @Test
  void managedRoleOfTheUserIsStrippedAndDeleted() {
    bed.emulator().iam().seedRole(role("/studio-lifecycle/", tagsOf("jane-doe")));

    JsonNode result =
        bed.invoke(FUNCTION, event("delete-execution-role/delete-execution-role.json"));

    assertThat(result.path("outcome").asText()).isEqualTo("DELETED");
    assertThat(result.path("roleArn").asText()).isEqualTo(ROLE_ARN);
    assertThat(result.path("roleName").asText()).isEqualTo(ROLE);
    assertThat(texts(result.path("detachedPolicyArns")))
        .containsExactlyInAnyOrder(SAGEMAKER_FULL_ACCESS, CANVAS);
    assertThat(texts(result.path("deletedInlinePolicyNames")))
        .containsExactly("studio-lifecycle-s3-access");
    assertThat(bed.emulator().iam().roleExists(ROLE)).isFalse();
    assertThat(bed.mutationsSince(0))
        .containsExactly("DetachRolePolicy", "DetachRolePolicy", "DeleteRolePolicy", "DeleteRole");
  }

  @Test
  void roleCreatedByTheHandlerIsDeletedByTheHandler() {
    ObjectNode create = event("create-execution-role/create-role.json");
    ((ObjectNode) create.at("/request/executionRole/create")).remove("managedPolicyArns");
    JsonNode created = bed.invoke("CreateExecutionRoleFunction", create);
    ObjectNode payload = event("delete-execution-role/delete-execution-role.json");
    payload.put("roleArn", created.path("roleArn").asText());

    JsonNode result = bed.invoke(FUNCTION, payload);

    assertThat(result.path("outcome").asText()).isEqualTo("DELETED");
    assertThat(result.path("detachedPolicyArns")).isEqualTo(created.path("attachedPolicyArns"));
    assertThat(bed.emulator().iam().roleNames()).isEmpty();
  }

  @Test
  void replayFindsNothingAndChangesNothing() {
    bed.emulator().iam().seedRole(role("/studio-lifecycle/", tagsOf("jane-doe")));
    bed.invoke(FUNCTION, event("delete-execution-role/delete-execution-role.json"));
    long mark = bed.mark();

    JsonNode replay =
        bed.invoke(FUNCTION, event("delete-execution-role/delete-execution-role.json"));

    assertThat(replay.path("outcome").asText()).isEqualTo("NOT_FOUND");
    assertThat(replay.path("detachedPolicyArns").size()).isZero();
    // IAM authorizes GetRole of a gone role against its path-less ARN, outside the function's
    // grant: AccessDenied, which for a role under the path means it is gone.
    assertThat(bed.operationsSince(mark)).containsExactly("GetRole:AccessDenied");
  }

  @Test
  void roleOfAnotherUserIsNotManagedAndUntouched() {
    bed.emulator().iam().seedRole(role("/studio-lifecycle/", tagsOf("john-roe")));

    assertNotManagedAndUntouched();
  }

  @Test
  void untaggedRoleUnderThePathIsNotManagedAndUntouched() {
    bed.emulator().iam().seedRole(role("/studio-lifecycle/", Map.of()));

    assertNotManagedAndUntouched();
  }

  @Test
  void roleOutsideThePathIsNotManagedWithoutAnyIamCall() {
    // Even tagged as ours: the template lets this function act on roles under the path only, so
    // it must not even read this one (in AWS the read would be AccessDenied).
    bed.emulator().iam().seedRole(role("/service-role/", tagsOf("jane-doe")));
    ObjectNode payload = event("delete-execution-role/delete-execution-role.json");
    payload.put("roleArn", "arn:aws:iam::123456789012:role/service-role/" + ROLE);

    JsonNode result = bed.invoke(FUNCTION, payload);

    assertThat(result.path("outcome").asText()).isEqualTo("NOT_MANAGED");
    assertThat(result.path("roleName").asText()).isEqualTo(ROLE);
    assertThat(bed.handlerCalls()).isEmpty();
    assertThat(bed.emulator().iam().attachedPolicies(ROLE))
        .contains(List.of(SAGEMAKER_FULL_ACCESS, CANVAS));
  }

  @Test
  void unavailableDeleteRoleIsAwsServiceUnavailableAndTheRetryFinishesTheJob() {
    bed.emulator().iam().seedRole(role("/studio-lifecycle/", tagsOf("jane-doe")));
    bed.emulator().faults().failTimes("iam", "DeleteRole", InjectedFailure.SERVICE_UNAVAILABLE, 1);

    FunctionError error =
        bed.invokeFailing(FUNCTION, event("delete-execution-role/delete-execution-role.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
    assertThat(bed.emulator().iam().roleExists(ROLE)).isTrue();
    assertThat(bed.emulator().iam().attachedPolicies(ROLE)).contains(List.of());

    JsonNode retry =
        bed.invoke(FUNCTION, event("delete-execution-role/delete-execution-role.json"));

    assertThat(retry.path("outcome").asText()).isEqualTo("DELETED");
    assertThat(bed.emulator().iam().roleExists(ROLE)).isFalse();
  }

  @Test
  void throttledGetRoleIsAwsThrottled() {
    bed.emulator().iam().seedRole(role("/studio-lifecycle/", tagsOf("jane-doe")));
    bed.emulator().faults().throttle("iam", "*", 1, 1);
    bed.iam().listRoleTags(r -> r.roleName(ROLE));

    FunctionError error =
        bed.invokeFailing(FUNCTION, event("delete-execution-role/delete-execution-role.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(error.errorMessage()).contains("Throttling");
    assertThat(bed.emulator().iam().roleExists(ROLE)).isTrue();
  }

  private void assertNotManagedAndUntouched() {
    JsonNode result =
        bed.invoke(FUNCTION, event("delete-execution-role/delete-execution-role.json"));

    assertThat(result.path("outcome").asText()).isEqualTo("NOT_MANAGED");
    assertThat(result.path("detachedPolicyArns").size()).isZero();
    assertThat(bed.mutatingHandlerCallsSince(0)).isEmpty();
    assertThat(bed.emulator().iam().attachedPolicies(ROLE))
        .contains(List.of(SAGEMAKER_FULL_ACCESS, CANVAS));
    assertThat(bed.iam().listRolePolicies(r -> r.roleName(ROLE)).policyNames())
        .containsExactly("studio-lifecycle-s3-access");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}

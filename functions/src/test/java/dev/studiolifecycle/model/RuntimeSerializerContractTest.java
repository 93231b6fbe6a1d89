package dev.studiolifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.testing.RequestBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records as the Lambda runtime's own serializer writes and reads them: the field names the
 * state machine passes from one step's output to the next step's input.
 */
class RuntimeSerializerContractTest {

  private static <T> String write(T value, Class<T> type) {
    PojoSerializer<T> serializer =
        LambdaEventSerializers.serializerFor(
            type, RuntimeSerializerContractTest.class.getClassLoader());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer.toJson(value, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static <T> T read(String json, Class<T> type) {
    return LambdaEventSerializers.serializerFor(
            type, RuntimeSerializerContractTest.class.getClassLoader())
        .fromJson(json);
  }

  private static List<String> fieldNames(String json) throws Exception {
    List<String> names = new ArrayList<>();
    ModelJson.readTree(json).fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void writesOutputsWithTheDocumentedFieldsAndLeavesNullsOut() throws Exception {
    assertThat(
            fieldNames(
                write(
                    new ExecutionRoleResult("arn:r", "r", true, false, List.of("arn:p")),
                    ExecutionRoleResult.class)))
        .containsExactlyInAnyOrder(
            "roleArn", "roleName", "createdByThisRun", "adopted", "attachedPolicyArns");
    assertThat(
            fieldNames(
                write(
                    new UserProfileResult("d-a", "u", "arn:p", null, true, false),
                    UserProfileResult.class)))
        .containsExactlyInAnyOrder(
            "domainId", "userProfileName", "userProfileArn", "createdByThisRun", "adopted");
    assertThat(
            fieldNames(
                write(
                    StatusReport.of(StatusMode.AWAIT_READY, List.of(), List.of(), List.of()),
                    StatusReport.class)))
        .containsExactlyInAnyOrder("mode", "inProgress", "done", "failed", "complete", "anyFailed");
    assertThat(
            fieldNames(
                write(
                    new DeleteAppResult(
                        null, new SpaceRef("d-a", "s", null), DeletionOutcome.DELETING),
                    DeleteAppResult.class)))
        .containsExactlyInAnyOrder("space", "outcome");
  }

  @Test
  void theDeletionPlansAppsFeedCheckStatusAndDeleteApp() throws Exception {
    AppRef app = new AppRef("d-a", null, "jane-private", "JupyterLab", "default", "InService");
    String plan =
        write(
            AppDeletionPlan.of(
                "d-a", "jane", "200001", List.of(app), List.of(), List.of(), List.of()),
            AppDeletionPlan.class);
    JsonNode planJson = ModelJson.readTree(plan);
    assertThat(planJson.path("hasAppsToDelete").asBoolean()).isTrue();
    assertThat(planJson.path("hasSpacesToDelete").asBoolean(true)).isFalse();

    ObjectNode checkStatus = (ObjectNode) ModelJson.readTree("{\"mode\":\"AWAIT_DELETION\"}");
    checkStatus.set("correlation", ModelJson.readTree("{\"requestId\":\"hr-1\"}"));
    checkStatus.set("apps", planJson.path("appsToAwait"));
    CheckStatusInput input = read(checkStatus.toString(), CheckStatusInput.class);
    assertThat(input.apps()).containsExactly(app);
    assertThat(input.spaces()).isEmpty();

    ObjectNode deleteApp = (ObjectNode) ModelJson.readTree("{}");
    deleteApp.set("app", planJson.path("appsToDelete").get(0));
    assertThat(read(deleteApp.toString(), DeleteAppInput.class).app()).isEqualTo(app);
  }

  @Test
  void validatesOutputFeedsCreateUserProfile() throws Exception {
    LifecycleRequest request =
        RequestBuilder.onboard()
            .tags(Map.of("team", "ml"))
            .canvas(new CanvasSettings(true, new TimeSeriesForecasting(true, null)))
            .rstudio(RStudioAccess.USER)
            .build();
    DomainSummary domain = new DomainSummary("d-a", "arn:d", DomainAuthMode.SSO, "InService");
    JsonNode validated =
        ModelJson.readTree(
            ModelJson.toJson(
                new ValidatedRequest(
                    request, new Correlation("hr-1", "arn:x"), domain, null, false)));

    ObjectNode next = (ObjectNode) ModelJson.readTree("{\"executionRoleArn\":\"arn:role\"}");
    next.set("correlation", validated.path("correlation"));
    next.set("request", validated.path("request"));
    next.set("domain", validated.path("domain"));
    CreateUserProfileInput input = read(next.toString(), CreateUserProfileInput.class);

    assertThat(input.request()).isEqualTo(request);
    assertThat(input.domain()).isEqualTo(domain);
    assertThat(input.correlation()).isEqualTo(new Correlation("hr-1", "arn:x"));
  }
}

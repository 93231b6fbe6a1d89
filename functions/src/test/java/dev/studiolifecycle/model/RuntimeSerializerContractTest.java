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
            "roleArn", "roleName", "createdByThisRun", "adopted", "attachedPolicyArns", "changes");
    assertThat(
            fieldNames(
                write(
                    new UserProfileResult(
                        "d-a", "u", "arn:p", null, true, false, "Onboarded", List.of(), null),
                    UserProfileResult.class)))
        .containsExactlyInAnyOrder(
            "domainId",
            "userProfileName",
            "userProfileArn",
            "createdByThisRun",
            "adopted",
            "outcome",
            "changes");
    assertThat(fieldNames(write(new ProfileStatus("d-a", "u", "InService"), ProfileStatus.class)))
        .containsExactlyInAnyOrder("domainId", "userProfileName", "status");
  }

  /** START's output is AWAIT's {@code start}, and the fields the notification reads are there. */
  @Test
  void theFirstDeletionPassFeedsTheNextAndTheNotification() throws Exception {
    AppRef app = new AppRef("d-a", null, "jane-private", "JupyterLab", "default", "InService");
    DeleteUserResourcesResult start =
        new DeleteUserResourcesResult(
            false,
            120,
            new AppTally(1_000, List.of(app)),
            SpaceTally.of(List.of(new SpaceRef("d-a", "jane-private", "InService"))),
            AppTally.of(List.of()),
            "NOT_STARTED",
            "200001",
            "2026-01-05T09:00:00Z");
    JsonNode json = ModelJson.readTree(write(start, DeleteUserResourcesResult.class));
    assertThat(json.path("nextCheckSeconds").asInt()).isEqualTo(120);
    assertThat(json.at("/apps/count").asInt()).isEqualTo(1_000);
    assertThat(json.at("/apps/listed/0/spaceName").asText()).isEqualTo("jane-private");
    assertThat(json.at("/spaces/count").asInt()).isEqualTo(1);
    assertThat(json.at("/failedApps/listed").isArray()).isTrue();
    assertThat(fieldNames(json.toString()))
        .containsExactlyInAnyOrder(
            "done",
            "nextCheckSeconds",
            "apps",
            "spaces",
            "failedApps",
            "userProfile",
            "homeEfsFileSystemUid",
            "profileCreatedAt");

    ObjectNode await =
        (ObjectNode)
            ModelJson.readTree(
                "{\"domainId\":\"d-a\",\"userProfileName\":\"jane\",\"stage\":\"AWAIT\","
                    + "\"firstWaitSeconds\":120,\"retryCount\":0,\"limitSeconds\":1800}");
    await.set("start", json);
    DeleteUserResourcesInput input = read(await.toString(), DeleteUserResourcesInput.class);
    assertThat(input.stage()).isEqualTo(SweepStage.AWAIT);
    assertThat(input.start()).isEqualTo(start);
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
                    request,
                    new Correlation("hr-1", "arn:x"),
                    domain,
                    null,
                    false,
                    List.of("team", "cost-center"))));

    ObjectNode next = (ObjectNode) ModelJson.readTree("{\"executionRoleArn\":\"arn:role\"}");
    next.set("correlation", validated.path("correlation"));
    next.set("request", validated.path("request"));
    next.set("domain", validated.path("domain"));
    next.set("managedTagKeys", validated.path("managedTagKeys"));
    CreateUserProfileInput input = read(next.toString(), CreateUserProfileInput.class);

    assertThat(input.request()).isEqualTo(request);
    assertThat(input.domain()).isEqualTo(domain);
    assertThat(input.correlation()).isEqualTo(new Correlation("hr-1", "arn:x"));
    assertThat(input.managedTagKeys()).containsExactly("team", "cost-center");
  }
}

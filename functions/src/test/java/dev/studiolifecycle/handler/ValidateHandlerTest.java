package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.error.ConfigurationError;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.ValidatedRequest;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.Fixtures;
import dev.studiolifecycle.testing.LogCapture;
import dev.studiolifecycle.testing.Mocks;
import dev.studiolifecycle.testing.SageMakerCalls;
import dev.studiolifecycle.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AuthMode;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DomainStatus;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

class ValidateHandlerTest {

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final SfnClient stepFunctions = mock(SfnClient.class);
  private final ValidateHandler handler =
      new ValidateHandler(Mocks.validation(sageMaker, stepFunctions));

  private void ssoDomainWithoutProfile() {
    when(sageMaker.describeDomain(any(DescribeDomainRequest.class)))
        .thenReturn(
            DescribeDomainResponse.builder()
                .domainId("d-abc123def456")
                .domainArn("arn:aws:sagemaker:us-east-1:123456789012:domain/d-abc123def456")
                .authMode(AuthMode.SSO)
                .status(DomainStatus.IN_SERVICE)
                .build());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
  }

  private JsonNode invoke(InputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(in, out, new TestContext("ValidateFunction"));
    return ModelJson.readTree(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesTheNormalizedRequestWithTheFieldNamesTheNextStepsRead() throws Exception {
    ssoDomainWithoutProfile();
    JsonNode out = invoke(Fixtures.stream("validate/onboard-full.json"));
    assertThat(out.path("correlation").path("requestId").asText()).isEqualTo("hr-2026-000123");
    assertThat(out.path("correlation").path("executionArn").asText()).endsWith(":hr-2026-000123");
    assertThat(out.path("request").path("userProfileName").asText()).isEqualTo("jane-doe");
    assertThat(out.path("request").path("executionRole").path("create").path("s3Buckets").size())
        .isEqualTo(2);
    assertThat(out.path("domain").path("authMode").asText()).isEqualTo("SSO");
    assertThat(out.path("nothingToDo").asBoolean(true)).isFalse();
    assertThat(out.has("existingProfile")).as("absent, not null, when there is none").isFalse();
    ValidatedRequest typed = ModelJson.fromJson(out.toString(), ValidatedRequest.class);
    assertThat(typed.request().canvas().wantsForecasting()).isTrue();
    SageMakerCalls.assertOnlyReads(sageMaker);
  }

  @Test
  void offboardingAGoneUserHasNothingToDo() throws Exception {
    ssoDomainWithoutProfile();
    when(stepFunctions.listExecutions(any(ListExecutionsRequest.class)))
        .thenReturn(ListExecutionsResponse.builder().build());
    JsonNode out = invoke(Fixtures.stream("validate/offboard.json"));
    assertThat(out.path("nothingToDo").asBoolean()).isTrue();
    assertThat(out.path("request").path("offboarding").path("deleteExecutionRole").asBoolean())
        .isTrue();
  }

  @Test
  void anInvalidRequestIsRejectedByFieldNameWithoutAnyAwsCall() {
    assertThatThrownBy(() -> invoke(Fixtures.stream("validate/invalid-request.json")))
        .isInstanceOf(ValidationError.class)
        .hasMessage(
            "jumpStart: must be a boolean, not a string; "
                + "userProfilename: unknown field (not in the request schema)");
    verifyNoInteractions(sageMaker);
  }

  @Test
  void brokenJsonIsAValidationErrorThatQuotesNothing() {
    try (LogCapture logs = LogCapture.start()) {
      assertThatThrownBy(
              () ->
                  invoke(
                      new ByteArrayInputStream(
                          "{\"request\": {\"email\": \"jane.doe@example.com\""
                              .getBytes(StandardCharsets.UTF_8))))
          .isInstanceOf(ValidationError.class)
          .hasMessage("payload: is empty or not valid JSON");
      assertThat(logs.text()).doesNotContain("jane");
    }
    verifyNoInteractions(sageMaker);
  }

  @Test
  void aRequestWithAKeyGivenTwiceIsAValidationErrorThatQuotesNothing() {
    String twice =
        "{\"request\": {\"action\": \"ONBOARD\", \"domainId\": \"d-studiolocal01\","
            + " \"userProfileName\": \"jane-doe\", \"userProfileName\": \"admin\"}}";
    assertThatThrownBy(
            () -> invoke(new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith("payload: has a key twice in one object (line 1, column ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("admin"));
    verifyNoInteractions(sageMaker);
  }

  @Test
  void logsCarryTheRequestIdAndExecutionAndNoEmailAddress() throws Exception {
    ssoDomainWithoutProfile();
    try (LogCapture logs = LogCapture.start()) {
      invoke(Fixtures.stream("validate/onboard-full.json"));
      JsonNode last = logs.lastLineStartingWith("Validate succeeded");
      assertThat(last.path("correlation_id").asText()).isEqualTo("hr-2026-000123");
      assertThat(last.path("execution_arn").asText())
          .isEqualTo(
              "arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:hr-2026-000123");
      assertThat(logs.text()).doesNotContain("jane.doe@example.com");
    }
  }

  @Test
  void aFailureIsLoggedWithItsErrorName() throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      assertThatThrownBy(() -> invoke(Fixtures.stream("validate/invalid-request.json")))
          .isInstanceOf(ValidationError.class);
      JsonNode last = logs.lastLineStartingWith("Validate failed with");
      assertThat(last.path("level").asText()).isEqualTo("WARN");
      assertThat(last.path("message").asText())
          .startsWith(
              "Validate failed with dev.studiolifecycle.error.ValidationError (retryable: false)")
          .contains("userProfilename: unknown field");
    }
  }

  @Test
  void buildsFromAFunctionEnvironmentThatNamesTheServedDomains() {
    assertThat(new ValidateHandler(environment("event-order"))).isNotNull();
    assertThatThrownBy(() -> new ValidateHandler(environment("x")))
        .as("a table name has 3 to 255 characters")
        .isInstanceOf(ConfigurationError.class)
        .hasMessageContaining("EVENT_ORDER_TABLE");
    assertThatThrownBy(() -> new ValidateHandler(Map.of("STATE_MACHINE_NAME", "x")))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageContaining("SERVED_DOMAIN_IDS");
    assertThatThrownBy(() -> new ValidateHandler(Map.of("SERVED_DOMAIN_IDS", "d-abc123def456")))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageContaining("STATE_MACHINE_NAME");
  }

  @Test
  void aRequestForADomainTheStackDoesNotServeIsRefusedBeforeAnyCall() {
    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    new java.io.ByteArrayInputStream(
                        ("{\"request\": {\"action\": \"OFFBOARD\", \"domainId\": \"d-other000001\","
                                + " \"userProfileName\": \"jane-doe\"}}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    new java.io.ByteArrayOutputStream(),
                    null))
        .isInstanceOf(ValidationError.class)
        .hasMessage("domainId: d-other000001 is not a domain this stack serves (d-abc123def456)");
    verifyNoInteractions(sageMaker);
  }

  private static Map<String, String> environment(String eventOrderTable) {
    return Map.of(
        "SERVED_DOMAIN_IDS",
        "d-abc123def456",
        "STATE_MACHINE_NAME",
        "StudioUserLifecycle",
        "EVENT_ORDER_TABLE",
        eventOrderTable);
  }
}

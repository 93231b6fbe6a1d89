package dev.studiolifecycle.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ModelJson;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

  private final RequestValidator validator = new RequestValidator(RequestSchema.load());

  private static JsonNode json(String text) throws Exception {
    return ModelJson.readTree(text);
  }

  @Test
  void fillsOnboardingDefaults() throws Exception {
    LifecycleRequest request =
        validator.validate(
            json("{\"action\":\"ONBOARD\",\"domainId\":\"d-abc\",\"userProfileName\":\"jane\"}"),
            "exec-1");
    assertThat(request.requestId()).isEqualTo("exec-1");
    assertThat(request.executionRole().create().s3Buckets()).isEmpty();
    assertThat(request.executionRole().create().managedPolicyArns()).isEmpty();
    assertThat(request.tags()).isEmpty();
    assertThat(request.jumpStart()).isTrue();
    assertThat(request.projects()).isTrue();
    assertThat(request.offboarding()).isNull();
    assertThat(request.rstudio()).isNull();
  }

  @Test
  void fillsOffboardingDefaults() throws Exception {
    LifecycleRequest request =
        validator.validate(
            json(
                "{\"action\":\"OFFBOARD\",\"requestId\":\"hr-1\",\"domainId\":\"d-abc\","
                    + "\"userProfileName\":\"jane\"}"),
            "exec-1");
    assertThat(request.action()).isEqualTo(Action.OFFBOARD);
    assertThat(request.requestId()).isEqualTo("hr-1");
    assertThat(request.offboarding().deleteExecutionRole()).isFalse();
    assertThat(request.executionRole()).isNull();
    assertThat(request.tags()).isNull();
    assertThat(request.jumpStart()).isNull();
  }

  @Test
  void generatesARequestIdWithoutExecutionName() throws Exception {
    LifecycleRequest request =
        validator.validate(
            json("{\"action\":\"ONBOARD\",\"domainId\":\"d-abc\",\"userProfileName\":\"jane\"}"),
            null);
    assertThat(request.requestId()).matches("[0-9a-f\\-]{36}");
  }

  @Test
  void reportsSchemaViolationsBeforeValueRules() throws Exception {
    assertThatThrownBy(
            () ->
                validator.validate(
                    json(
                        "{\"action\":\"ONBOARD\",\"domainId\":\"bad\",\"userProfileName\":\"u\","
                            + "\"extra\":1}"),
                    null))
        .isInstanceOf(ValidationError.class)
        .hasMessage("extra: unknown field (not in the request schema)");
  }

  @Test
  void reportsAllValueRuleViolationsInOneMessage() throws Exception {
    assertThatThrownBy(
            () ->
                validator.validate(
                    json(
                        "{\"action\":\"ONBOARD\",\"domainId\":\"bad\",\"userProfileName\":\"-u\"}"),
                    null))
        .isInstanceOf(ValidationError.class)
        .hasMessage(
            "domainId: must fully match d-(-*[a-z0-9]){1,61}; "
                + "userProfileName: must fully match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  }

  @Test
  void rejectsAMissingOrNonObjectRequest() throws Exception {
    assertThatThrownBy(() -> validator.validate(null, null))
        .isInstanceOf(ValidationError.class)
        .hasMessage("request: is required");
    assertThatThrownBy(() -> validator.validate(json("[1]"), null))
        .isInstanceOf(ValidationError.class)
        .hasMessage("request: must be an object");
  }

  @Test
  void checksAnExecutionNameUsedAsRequestId() throws Exception {
    assertThatThrownBy(
            () ->
                validator.validate(
                    json("{\"action\":\"ONBOARD\",\"domainId\":\"d-a\",\"userProfileName\":\"u\"}"),
                    "bad;name"))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith("executionName: must fully match");
  }
}

package dev.studiolifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.error.AwsRequestFailed;
import dev.studiolifecycle.error.AwsServiceUnavailable;
import dev.studiolifecycle.error.AwsThrottled;
import dev.studiolifecycle.error.LifecycleError;
import dev.studiolifecycle.testing.AwsErrors;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorTranslatorTest {

  @Test
  void throttlingIsRetryable() {
    LifecycleError error = AwsErrorTranslator.translate(AwsErrors.sageMakerThrottled());
    assertThat(error).isInstanceOf(AwsThrottled.class);
    assertThat(error.retryable()).isTrue();
    assertThat(error.errorName()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(error.getMessage())
        .isEqualTo("SageMaker ThrottlingException (HTTP 400): Rate exceeded");
  }

  @Test
  void http429IsThrottling() {
    assertThat(AwsErrorTranslator.translate(AwsErrors.iam("SlowDown", 429)))
        .isInstanceOf(AwsThrottled.class);
  }

  @Test
  void serverErrorsAreServiceUnavailable() {
    LifecycleError error = AwsErrorTranslator.translate(AwsErrors.iam("ServiceFailure", 500));
    assertThat(error).isInstanceOf(AwsServiceUnavailable.class);
    assertThat(error.retryable()).isTrue();
    assertThat(AwsErrorTranslator.translate(AwsErrors.sageMaker("ServiceUnavailable", "x", 503)))
        .isInstanceOf(AwsServiceUnavailable.class);
  }

  @Test
  void unreachableEndpointsAndTimeoutsAreServiceUnavailable() {
    SdkClientException io =
        SdkClientException.builder()
            .message("Unable to execute HTTP request")
            .cause(new ConnectException("Connection refused"))
            .build();
    assertThat(AwsErrorTranslator.translate(io)).isInstanceOf(AwsServiceUnavailable.class);
    assertThat(
            AwsErrorTranslator.translate(ApiCallTimeoutException.builder().message("slow").build()))
        .isInstanceOf(AwsServiceUnavailable.class);
  }

  @Test
  void otherErrorsFailTheStepWithServiceAndCode() {
    LifecycleError error =
        AwsErrorTranslator.translate(
            AwsErrors.sageMaker(
                "AccessDeniedException", "not allowed for jane.doe@example.com", 400));
    assertThat(error).isInstanceOf(AwsRequestFailed.class);
    assertThat(error.retryable()).isFalse();
    assertThat(error.getMessage())
        .isEqualTo("SageMaker AccessDeniedException (HTTP 400): not allowed for j***@example.com");
  }

  @Test
  void clientConfigurationErrorsAreNotRetried() {
    assertThat(
            AwsErrorTranslator.translate(
                SdkClientException.builder().message("Unable to load region").build()))
        .isInstanceOf(AwsRequestFailed.class);
  }
}

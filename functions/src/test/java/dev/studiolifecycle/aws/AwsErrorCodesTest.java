package dev.studiolifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.testing.AwsErrors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

class AwsErrorCodesTest {

  @Test
  void readsTheCodeAndMessage() {
    SageMakerException e = AwsErrors.sageMakerValidation("Could not Assume Role x");
    assertThat(AwsErrorCodes.code(e)).isEqualTo("ValidationException");
    assertThat(AwsErrorCodes.isValidationException(e)).isTrue();
    assertThat(AwsErrorCodes.message(e)).isEqualTo("Could not Assume Role x");
  }

  @Test
  void copesWithoutErrorDetails() {
    SageMakerException e =
        (SageMakerException) SageMakerException.builder().message("boom").statusCode(400).build();
    assertThat(AwsErrorCodes.code(e)).isEmpty();
    assertThat(AwsErrorCodes.isValidationException(e)).isFalse();
    assertThat(AwsErrorCodes.message(e)).isEqualTo("boom");
  }
}

package dev.studiolifecycle.local.emulator.sagemaker;

import dev.studiolifecycle.local.emulator.AwsServiceError;

/** The error codes SageMaker answers with (all HTTP 400), as the SDK models them. */
enum SageMakerErrors {
  VALIDATION("ValidationException"),
  NOT_FOUND("ResourceNotFound"),
  IN_USE("ResourceInUse"),
  LIMIT_EXCEEDED("ResourceLimitExceeded"),
  SERIALIZATION("SerializationException");

  private final String code;

  SageMakerErrors(String code) {
    this.code = code;
  }

  AwsServiceError because(String message) {
    return AwsServiceError.badRequest(code, message);
  }

  static AwsServiceError validation(String message) {
    return VALIDATION.because(message);
  }
}

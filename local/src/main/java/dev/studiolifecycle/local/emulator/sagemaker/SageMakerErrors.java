package dev.studiolifecycle.local.emulator.sagemaker;

import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.ErrorCode;

/** The error codes SageMaker answers with (all HTTP 400), as the SDK models them. */
final class SageMakerErrors {
  static final ErrorCode VALIDATION = ErrorCode.badRequest("ValidationException");
  static final ErrorCode NOT_FOUND = ErrorCode.badRequest("ResourceNotFound");
  static final ErrorCode IN_USE = ErrorCode.badRequest("ResourceInUse");
  static final ErrorCode LIMIT_EXCEEDED = ErrorCode.badRequest("ResourceLimitExceeded");
  static final ErrorCode SERIALIZATION = ErrorCode.badRequest("SerializationException");

  private SageMakerErrors() {}

  static AwsServiceError validation(String message) {
    return VALIDATION.because(message);
  }
}

package dev.studiolifecycle.local.emulator.sagemaker;

import dev.studiolifecycle.local.emulator.AwsServiceError;

/** The error codes SageMaker answers with (all HTTP 400), as the SDK models them. */
final class SageMakerErrors {

  private SageMakerErrors() {}

  static AwsServiceError validation(String message) {
    return AwsServiceError.badRequest("ValidationException", message);
  }

  static AwsServiceError notFound(String message) {
    return AwsServiceError.badRequest("ResourceNotFound", message);
  }

  static AwsServiceError inUse(String message) {
    return AwsServiceError.badRequest("ResourceInUse", message);
  }

  static AwsServiceError limitExceeded(String message) {
    return AwsServiceError.badRequest("ResourceLimitExceeded", message);
  }

  static AwsServiceError serialization(String message) {
    return AwsServiceError.badRequest("SerializationException", message);
  }
}

package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.AwsServiceError;

/** IAM's error codes with the HTTP statuses of the API model. */
final class IamErrors {

  private IamErrors() {}

  static AwsServiceError noSuchEntity(String message) {
    return new AwsServiceError("NoSuchEntity", 404, message);
  }

  static AwsServiceError alreadyExists(String message) {
    return new AwsServiceError("EntityAlreadyExists", 409, message);
  }

  static AwsServiceError deleteConflict(String message) {
    return new AwsServiceError("DeleteConflict", 409, message);
  }

  static AwsServiceError limitExceeded(String message) {
    return new AwsServiceError("LimitExceeded", 409, message);
  }

  static AwsServiceError malformedPolicy(String message) {
    return new AwsServiceError("MalformedPolicyDocument", 400, message);
  }

  static AwsServiceError policyNotAttachable(String message) {
    return new AwsServiceError("PolicyNotAttachable", 400, message);
  }

  static AwsServiceError invalidInput(String message) {
    return new AwsServiceError("InvalidInput", 400, message);
  }

  static AwsServiceError validation(String message) {
    return new AwsServiceError("ValidationError", 400, message);
  }
}

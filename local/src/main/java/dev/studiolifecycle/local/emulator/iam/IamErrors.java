package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.AwsServiceError;

/** IAM's error codes with the HTTP statuses of the API model. */
enum IamErrors {
  NO_SUCH_ENTITY("NoSuchEntity", 404),
  ALREADY_EXISTS("EntityAlreadyExists", 409),
  DELETE_CONFLICT("DeleteConflict", 409),
  LIMIT_EXCEEDED("LimitExceeded", 409),
  MALFORMED_POLICY("MalformedPolicyDocument", 400),
  POLICY_NOT_ATTACHABLE("PolicyNotAttachable", 400),
  INVALID_INPUT("InvalidInput", 400),
  VALIDATION("ValidationError", 400);

  private final String code;
  private final int status;

  IamErrors(String code, int status) {
    this.code = code;
    this.status = status;
  }

  AwsServiceError because(String message) {
    return new AwsServiceError(code, status, message);
  }

  static AwsServiceError validation(String message) {
    return VALIDATION.because(message);
  }
}

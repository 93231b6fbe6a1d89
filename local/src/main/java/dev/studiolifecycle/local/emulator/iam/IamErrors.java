package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.ErrorCode;

/** IAM's error codes with the HTTP statuses of the API model. */
final class IamErrors {
  static final ErrorCode NO_SUCH_ENTITY = new ErrorCode("NoSuchEntity", 404);
  static final ErrorCode ALREADY_EXISTS = new ErrorCode("EntityAlreadyExists", 409);
  static final ErrorCode DELETE_CONFLICT = new ErrorCode("DeleteConflict", 409);
  static final ErrorCode LIMIT_EXCEEDED = new ErrorCode("LimitExceeded", 409);
  static final ErrorCode MALFORMED_POLICY = new ErrorCode("MalformedPolicyDocument", 400);
  static final ErrorCode POLICY_NOT_ATTACHABLE = new ErrorCode("PolicyNotAttachable", 400);
  static final ErrorCode INVALID_INPUT = new ErrorCode("InvalidInput", 400);
  static final ErrorCode VALIDATION = new ErrorCode("ValidationError", 400);

  private IamErrors() {}

  static AwsServiceError validation(String message) {
    return VALIDATION.because(message);
  }
}

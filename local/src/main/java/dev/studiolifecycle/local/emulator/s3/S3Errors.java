package dev.studiolifecycle.local.emulator.s3;

import dev.studiolifecycle.local.emulator.AwsServiceError;

/**
 * The error codes S3 answers with, and their HTTP statuses (Amazon S3 API Reference, "Error
 * responses", list of error codes).
 */
enum S3Errors {
  NO_SUCH_BUCKET("NoSuchBucket", 404),
  NO_SUCH_KEY("NoSuchKey", 404),
  NOT_FOUND("NotFound", 404),
  INVALID_BUCKET_NAME("InvalidBucketName", 400),
  INVALID_ARGUMENT("InvalidArgument", 400),
  INVALID_REQUEST("InvalidRequest", 400),
  KEY_TOO_LONG("KeyTooLongError", 400),
  BAD_DIGEST("BadDigest", 400),
  INCOMPLETE_BODY("IncompleteBody", 400),
  ENTITY_TOO_LARGE("EntityTooLarge", 400),
  ILLEGAL_LOCATION("IllegalLocationConstraintException", 400),
  MALFORMED_XML("MalformedXML", 400),
  ALREADY_OWNED("BucketAlreadyOwnedByYou", 409),
  NOT_EMPTY("BucketNotEmpty", 409),
  NOT_IMPLEMENTED("NotImplemented", 501);

  private final String code;
  private final int status;

  S3Errors(String code, int status) {
    this.code = code;
    this.status = status;
  }

  AwsServiceError because(String message) {
    return new AwsServiceError(code, status, message);
  }
}

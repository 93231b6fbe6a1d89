package dev.studiolifecycle.local.emulator.s3;

import dev.studiolifecycle.local.emulator.ErrorCode;

/**
 * The error codes S3 answers with, and their HTTP statuses (Amazon S3 API Reference, "Error
 * responses", list of error codes).
 */
final class S3Errors {
  static final ErrorCode NO_SUCH_BUCKET = new ErrorCode("NoSuchBucket", 404);
  static final ErrorCode NO_SUCH_KEY = new ErrorCode("NoSuchKey", 404);
  static final ErrorCode NOT_FOUND = new ErrorCode("NotFound", 404);
  static final ErrorCode INVALID_BUCKET_NAME = new ErrorCode("InvalidBucketName", 400);
  static final ErrorCode INVALID_ARGUMENT = new ErrorCode("InvalidArgument", 400);
  static final ErrorCode INVALID_REQUEST = new ErrorCode("InvalidRequest", 400);
  static final ErrorCode INVALID_STORAGE_CLASS = new ErrorCode("InvalidStorageClass", 400);
  static final ErrorCode ACL_NOT_SUPPORTED = new ErrorCode("AccessControlListNotSupported", 400);
  static final ErrorCode BUCKET_ACL_WITH_OWNERSHIP =
      new ErrorCode("InvalidBucketAclWithObjectOwnership", 400);
  static final ErrorCode KEY_TOO_LONG = new ErrorCode("KeyTooLongError", 400);
  static final ErrorCode BAD_DIGEST = new ErrorCode("BadDigest", 400);
  static final ErrorCode INCOMPLETE_BODY = new ErrorCode("IncompleteBody", 400);
  static final ErrorCode ENTITY_TOO_LARGE = new ErrorCode("EntityTooLarge", 400);
  static final ErrorCode ILLEGAL_LOCATION =
      new ErrorCode("IllegalLocationConstraintException", 400);
  static final ErrorCode MALFORMED_XML = new ErrorCode("MalformedXML", 400);
  static final ErrorCode ALREADY_OWNED = new ErrorCode("BucketAlreadyOwnedByYou", 409);
  static final ErrorCode NOT_EMPTY = new ErrorCode("BucketNotEmpty", 409);
  static final ErrorCode NOT_IMPLEMENTED = new ErrorCode("NotImplemented", 501);

  private S3Errors() {}
}

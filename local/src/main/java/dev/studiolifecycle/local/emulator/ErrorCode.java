package dev.studiolifecycle.local.emulator;

/**
 * One error code of a service's API model with the HTTP status it is answered with; the services'
 * error tables ({@code IamErrors}, {@code S3Errors}, {@code SageMakerErrors}) are lists of these.
 */
public record ErrorCode(String code, int httpStatus) {

  /** A code SageMaker, DynamoDB or another JSON service answers with HTTP 400. */
  public static ErrorCode badRequest(String code) {
    return new ErrorCode(code, 400);
  }

  /** The error with this code, its status and {@code message}. */
  public AwsServiceError because(String message) {
    return new AwsServiceError(code, httpStatus, message);
  }
}

package dev.studiolifecycle.local.asl.task;

/** What Lambda's Invoke answered. */
public sealed interface LambdaResponse {

  /** The function returned; {@code payload} is what it wrote (JSON text as bytes). */
  record Returned(byte[] payload, String executedVersion, String requestId)
      implements LambdaResponse {}

  /**
   * The function raised an error (Lambda's X-Amz-Function-Error): {@code payload} is the runtime's
   * error document, {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...]}}.
   */
  record FunctionError(byte[] payload, String errorType, String executedVersion, String requestId)
      implements LambdaResponse {}

  /**
   * Lambda itself refused the call, e.g. {@code ResourceNotFoundException} for an unknown function.
   */
  record ServiceError(String errorCode, String message, int statusCode, String requestId)
      implements LambdaResponse {}
}

package dev.studiolifecycle.local.emulator.stepfunctions;

import dev.studiolifecycle.local.emulator.AwsServiceError;

/**
 * The error codes of the Step Functions API (all HTTP 400), with messages in the words AWS uses
 * ({@code Execution Does Not Exist: '<arn>'}), so that SDKs map them to their modeled exceptions. A
 * code without words answers the detail as it is.
 */
enum StepFunctionsErrors {
  STATE_MACHINE_DOES_NOT_EXIST("StateMachineDoesNotExist", "State Machine Does Not Exist"),
  STATE_MACHINE_ALREADY_EXISTS("StateMachineAlreadyExists", "State Machine Already Exists"),
  EXECUTION_DOES_NOT_EXIST("ExecutionDoesNotExist", "Execution Does Not Exist"),
  EXECUTION_ALREADY_EXISTS("ExecutionAlreadyExists", "Execution Already Exists"),
  INVALID_ARN("InvalidArn", "Invalid Arn"),
  INVALID_NAME("InvalidName", "Invalid Name"),
  INVALID_DEFINITION("InvalidDefinition", "Invalid State Machine Definition"),
  INVALID_EXECUTION_INPUT("InvalidExecutionInput", "Invalid State Machine Execution Input"),
  INVALID_TOKEN("InvalidToken", "Invalid Token"),
  TYPE_NOT_SUPPORTED("StateMachineTypeNotSupported", null),
  RESOURCE_NOT_FOUND("ResourceNotFound", null),
  NOT_REDRIVABLE("ExecutionNotRedrivable", null),
  VALIDATION("ValidationException", null),
  SERIALIZATION("SerializationException", null);

  private final String code;
  private final String words;

  StepFunctionsErrors(String code, String words) {
    this.code = code;
    this.words = words;
  }

  /** The error about {@code detail}: {@code <words>: '<detail>'}, or the detail alone. */
  AwsServiceError about(String detail) {
    return AwsServiceError.badRequest(code, words == null ? detail : words + ": '" + detail + "'");
  }

  static AwsServiceError validation(String message) {
    return VALIDATION.about(message);
  }
}

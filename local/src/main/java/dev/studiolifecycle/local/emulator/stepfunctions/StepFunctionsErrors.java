package dev.studiolifecycle.local.emulator.stepfunctions;

import dev.studiolifecycle.local.emulator.AwsServiceError;

/**
 * The error codes of the Step Functions API, with messages in the words AWS uses ({@code Execution
 * Does Not Exist: '<arn>'}), so that SDKs map them to their modeled exceptions.
 */
final class StepFunctionsErrors {

  private StepFunctionsErrors() {}

  static AwsServiceError stateMachineDoesNotExist(String arn) {
    return AwsServiceError.badRequest(
        "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  }

  static AwsServiceError stateMachineAlreadyExists(String arn) {
    return AwsServiceError.badRequest(
        "StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
  }

  static AwsServiceError executionDoesNotExist(String arn) {
    return AwsServiceError.badRequest(
        "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }

  static AwsServiceError executionAlreadyExists(String arn) {
    return AwsServiceError.badRequest(
        "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
  }

  static AwsServiceError invalidArn(String detail) {
    return AwsServiceError.badRequest("InvalidArn", "Invalid Arn: '" + detail + "'");
  }

  static AwsServiceError invalidName(String detail) {
    return AwsServiceError.badRequest("InvalidName", "Invalid Name: '" + detail + "'");
  }

  static AwsServiceError invalidDefinition(String detail) {
    return AwsServiceError.badRequest(
        "InvalidDefinition", "Invalid State Machine Definition: '" + detail + "'");
  }

  static AwsServiceError invalidExecutionInput(String detail) {
    return AwsServiceError.badRequest(
        "InvalidExecutionInput", "Invalid State Machine Execution Input: '" + detail + "'");
  }

  static AwsServiceError invalidToken(String detail) {
    return AwsServiceError.badRequest("InvalidToken", "Invalid Token: '" + detail + "'");
  }

  static AwsServiceError typeNotSupported(String detail) {
    return AwsServiceError.badRequest("StateMachineTypeNotSupported", detail);
  }

  static AwsServiceError validation(String message) {
    return AwsServiceError.badRequest("ValidationException", message);
  }

  static AwsServiceError serialization(String message) {
    return AwsServiceError.badRequest("SerializationException", message);
  }
}

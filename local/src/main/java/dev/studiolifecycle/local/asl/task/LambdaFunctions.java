package dev.studiolifecycle.local.asl.task;

/**
 * The Lambda functions a run can invoke: Lambda's Invoke API as the interpreter needs it. The local
 * runtime implements it by calling handler classes in-process.
 */
public interface LambdaFunctions {

  /**
   * Invokes a function synchronously.
   *
   * @param functionName a name, partial ARN or full ARN, with or without a version or alias
   *     qualifier, as Lambda's FunctionName accepts
   * @param qualifier a version or alias given apart from the name, or null
   * @param payload the event, JSON text as bytes
   */
  LambdaResponse invoke(String functionName, String qualifier, byte[] payload);
}

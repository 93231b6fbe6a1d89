package dev.studiolifecycle.aws;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Reads AWS error codes the SDK has no exception class for, such as SageMaker's {@code
 * ValidationException}.
 */
public final class AwsErrorCodes {

  public static final String VALIDATION_EXCEPTION = "ValidationException";

  private AwsErrorCodes() {}

  /** The error code AWS returned, or an empty string when there is none. */
  public static String code(AwsServiceException e) {
    if (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null) {
      return "";
    }
    return e.awsErrorDetails().errorCode();
  }

  /**
   * Whether IAM denied the call: {@code AccessDenied} (query services such as IAM) or {@code
   * AccessDeniedException} (JSON services).
   */
  public static boolean isAccessDenied(AwsServiceException e) {
    String code = code(e);
    return code.equals("AccessDenied") || code.equals("AccessDeniedException");
  }

  /** Whether AWS answered with {@code ValidationException}. */
  public static boolean isValidationException(AwsServiceException e) {
    return VALIDATION_EXCEPTION.equals(code(e));
  }

  /** The error message AWS returned, lower-cased for matching; empty when there is none. */
  public static String lowerCaseMessage(AwsServiceException e) {
    return message(e).toLowerCase(Locale.ROOT);
  }

  /** The error message AWS returned, as it said it; empty when there is none. */
  public static String message(AwsServiceException e) {
    String message =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : e.getMessage();
    return message == null ? "" : message;
  }
}

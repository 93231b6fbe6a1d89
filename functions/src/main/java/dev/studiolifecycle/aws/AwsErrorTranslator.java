package dev.studiolifecycle.aws;

import dev.studiolifecycle.error.AwsRequestFailed;
import dev.studiolifecycle.error.AwsServiceUnavailable;
import dev.studiolifecycle.error.AwsThrottled;
import dev.studiolifecycle.error.LifecycleError;
import dev.studiolifecycle.observability.EmailMask;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns an SDK failure that no step handles itself into a named error the state machine can act on:
 * throttling and unavailability are retried there ({@code AwsThrottled}, {@code
 * AwsServiceUnavailable}); anything else fails the step ({@code AwsRequestFailed}).
 */
public final class AwsErrorTranslator {

  private AwsErrorTranslator() {}

  public static LifecycleError translate(SdkException e) {
    if (e instanceof SdkServiceException service) {
      String what = describe(service);
      if (service.isThrottlingException()) {
        return new AwsThrottled(what, e);
      }
      if (service.statusCode() >= 500) {
        return new AwsServiceUnavailable(what, e);
      }
      return new AwsRequestFailed(what, e);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new AwsServiceUnavailable("AWS call timed out: " + EmailMask.mask(e.getMessage()), e);
    }
    if (e instanceof SdkClientException && hasIoCause(e)) {
      return new AwsServiceUnavailable("could not reach AWS: " + EmailMask.mask(e.getMessage()), e);
    }
    return new AwsRequestFailed("AWS SDK call failed: " + EmailMask.mask(e.getMessage()), e);
  }

  private static String describe(SdkServiceException e) {
    StringBuilder text = new StringBuilder();
    String message = e.getMessage();
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      text.append(aws.awsErrorDetails().serviceName())
          .append(' ')
          .append(aws.awsErrorDetails().errorCode());
      message = aws.awsErrorDetails().errorMessage();
    } else {
      text.append("AWS error");
    }
    text.append(" (HTTP ").append(e.statusCode()).append(')');
    if (message != null) {
      text.append(": ").append(EmailMask.mask(message));
    }
    return text.toString();
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}

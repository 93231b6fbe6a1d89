package dev.studiolifecycle.error;

/**
 * AWS rejected a call for a reason this workflow does not handle; the message names the service,
 * operation and error code.
 */
public final class AwsRequestFailed extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public AwsRequestFailed(String message) {
    super(message, false);
  }

  public AwsRequestFailed(String message, Throwable cause) {
    super(message, cause, false);
  }
}

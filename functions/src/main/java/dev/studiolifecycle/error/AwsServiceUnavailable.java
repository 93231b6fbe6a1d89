package dev.studiolifecycle.error;

/** AWS answered with a 5xx error or could not be reached; retry with backoff. */
public final class AwsServiceUnavailable extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public AwsServiceUnavailable(String message) {
    super(message, true);
  }

  public AwsServiceUnavailable(String message, Throwable cause) {
    super(message, cause, true);
  }
}

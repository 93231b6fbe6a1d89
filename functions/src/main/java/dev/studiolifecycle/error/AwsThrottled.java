package dev.studiolifecycle.error;

/** AWS throttled the call (ThrottlingException or HTTP 429); retry with backoff. */
public final class AwsThrottled extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public AwsThrottled(String message) {
    super(message, true);
  }

  public AwsThrottled(String message, Throwable cause) {
    super(message, cause, true);
  }
}

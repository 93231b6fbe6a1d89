package dev.studiolifecycle.error;

/**
 * A failure the workflow can name. The Lambda runtime reports the fully qualified class name of the
 * thrown exception as the error type, so each subclass's FQCN is the state machine's error name
 * that Retry and Catch match.
 */
public abstract sealed class LifecycleError extends RuntimeException
    permits AccessRevoked,
        AwsRequestFailed,
        AwsServiceUnavailable,
        AwsThrottled,
        CheckAgain,
        ConfigurationError,
        DomainNotFound,
        DomainNotReady,
        EventSuperseded,
        ExecutionRoleConflict,
        ExecutionRoleUnusable,
        InvalidHrMessage,
        ProfileConflict,
        ProfileInUse,
        ResourceBusy,
        ResourceFailed,
        RoleNotYetAssumable,
        SharedSpaceOwned,
        ValidationError,
        WaitTimedOut {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  LifecycleError(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  LifecycleError(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether the same call may succeed when retried later without any change to its input. */
  public final boolean retryable() {
    return retryable;
  }

  /** The error name the state machine sees: this class's fully qualified name. */
  public final String errorName() {
    return getClass().getName();
  }
}

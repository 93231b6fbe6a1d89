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
    this(message, null, retryable);
  }

  /**
   * No stack trace is taken: the error is thrown on purpose, and its message says what and where
   * (the field and the rule). The Lambda runtime writes the trace into the error document that Step
   * Functions passes on as the cause (aws-lambda-java-runtime-interface-client,
   * LambdaErrorConverter.fromThrowable: every frame of getStackTrace()), so without this every
   * failure notification an operator reads would carry some 1,800 characters of frames around one
   * sentence. Errors nobody named (a bug) keep theirs.
   */
  LifecycleError(String message, Throwable cause, boolean retryable) {
    super(message, cause, true, false);
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

package dev.studiolifecycle.local.asl;

import java.util.Objects;

/**
 * A runtime error of an execution, carried as Step Functions carries it: an error name that Retry
 * and Catch match, and a cause.
 */
public class StatesError extends RuntimeException {

  public static final String ALL = "States.ALL";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String RUNTIME = "States.Runtime";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";

  private final String error;
  private final String stateCause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause);
    this.error = Objects.requireNonNull(error, "error");
    this.stateCause = cause;
  }

  public StatesError(String error, String cause, Throwable throwable) {
    super(error + ": " + cause, throwable);
    this.error = Objects.requireNonNull(error, "error");
    this.stateCause = cause;
  }

  private StatesError(String cause) {
    super("(no error name): " + cause);
    this.error = null;
    this.stateCause = cause;
  }

  /**
   * The error of a Fail state that names no Error: Step Functions then fails the execution without
   * an error name, and only {@code States.ALL} matches it.
   */
  public static StatesError unnamed(String cause) {
    return new StatesError(cause);
  }

  /**
   * The error name, e.g. {@code States.Timeout} or a Lambda exception's class name; null only for a
   * Fail state that names no Error (see {@link #unnamed}).
   */
  public String error() {
    return error;
  }

  /** The cause as Step Functions reports it; may be null. */
  public String cause() {
    return stateCause;
  }
}

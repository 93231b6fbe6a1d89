package dev.studiolifecycle.observability;

import dev.studiolifecycle.model.Correlation;
import org.slf4j.MDC;

/**
 * Adds the request's identity to every log line of the invocation (Powertools writes MDC entries as
 * JSON keys). The {@code @Logging(clearState = true)} aspect clears them afterwards.
 */
public final class LogContext {

  /** Powertools' key for the correlation id. */
  public static final String CORRELATION_ID = "correlation_id";

  public static final String EXECUTION_ARN = "execution_arn";
  public static final String USER_PROFILE = "user_profile";
  public static final String STEP = "step";

  private LogContext() {}

  /**
   * Puts the correlation into the log context. The correlation id is normally set by the
   * {@code @Logging(correlationIdPath)} aspect; this sets it too, for inputs that lack it.
   */
  public static void bind(String step, Correlation correlation) {
    MDC.put(STEP, step);
    if (correlation == null) {
      return;
    }
    if (correlation.requestId() != null) {
      MDC.put(CORRELATION_ID, correlation.requestId());
    }
    if (correlation.executionArn() != null) {
      MDC.put(EXECUTION_ARN, correlation.executionArn());
    }
  }

  /** Names the user profile the invocation works on (a name, not personal contact data). */
  public static void bindUser(String userProfileName) {
    if (userProfileName != null) {
      MDC.put(USER_PROFILE, userProfileName);
    }
  }
}

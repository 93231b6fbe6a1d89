package dev.studiolifecycle.handler;

import dev.studiolifecycle.aws.AwsErrorTranslator;
import dev.studiolifecycle.error.CheckAgain;
import dev.studiolifecycle.error.LifecycleError;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.observability.EmailMask;
import dev.studiolifecycle.observability.LogContext;
import dev.studiolifecycle.observability.OutcomeMetrics;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one step's work the same way in every handler: binds the correlation to the logs, turns SDK
 * failures nobody handled into named errors, counts and logs each failure (e-mail addresses masked)
 * and rethrows it, so the state machine sees the error name.
 */
public final class StepInvocation {

  private static final Logger LOG = LoggerFactory.getLogger(StepInvocation.class);

  private final String step;
  private final OutcomeMetrics metrics;

  public StepInvocation(String step, OutcomeMetrics metrics) {
    this.step = step;
    this.metrics = metrics;
  }

  public OutcomeMetrics metrics() {
    return metrics;
  }

  /** Runs {@code work} for the request identified by {@code correlation}. */
  public <T> T run(Correlation correlation, String userProfileName, Supplier<T> work) {
    LogContext.bind(step, correlation);
    LogContext.bindUser(userProfileName);
    try {
      T result = work.get();
      LOG.info("{} succeeded", step);
      return result;
    } catch (LifecycleError e) {
      throw failed(e);
    } catch (SdkException e) {
      throw failed(AwsErrorTranslator.translate(e));
    }
  }

  private LifecycleError failed(LifecycleError error) {
    if (error instanceof CheckAgain) {
      // Not a failure: the state machine's poll. Logged as progress, never counted as a failure.
      LOG.info("{}: {}", step, EmailMask.mask(error.getMessage()));
      return error;
    }
    metrics.failure(error);
    LOG.warn(
        "{} failed with {} (retryable: {}): {}",
        step,
        error.errorName(),
        error.retryable(),
        EmailMask.mask(error.getMessage()));
    return error;
  }
}

package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.ProfileStatus;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.StatusChecker;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/** CheckStatus: one look at a new profile, for AwaitProfileReady (see {@link StatusChecker}). */
public final class CheckStatusHandler extends StepHandler<StatusChecker>
    implements RequestHandler<CheckStatusInput, ProfileStatus> {

  /** Called by Lambda. */
  public CheckStatusHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public CheckStatusHandler(Map<String, String> environment) {
    this(new StatusChecker(AwsClientFactory.sageMaker()));
  }

  /** For tests: a ready service. */
  public CheckStatusHandler(StatusChecker service) {
    super("CheckStatus", service);
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public ProfileStatus handleRequest(CheckStatusInput input, Context context) {
    invocation.metrics().count(OutcomeMetric.STATUS_CHECKS);
    return run(input, () -> service.check(input));
  }
}

package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.StatusReport;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.observability.OutcomeMetrics;
import dev.studiolifecycle.service.StatusChecker;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/** CheckStatus: one look at apps, spaces and/or the profile, for the state machine's wait loop. */
public final class CheckStatusHandler implements RequestHandler<CheckStatusInput, StatusReport> {

  private final StatusChecker service;
  private final StepInvocation invocation;

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
    this.service = service;
    this.invocation = new StepInvocation("CheckStatus", OutcomeMetrics.powertools());
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public StatusReport handleRequest(CheckStatusInput input, Context context) {
    String user = input.profile() == null ? null : input.profile().userProfileName();
    StatusReport report = invocation.run(input.correlation(), user, () -> service.check(input));
    invocation.metrics().count(OutcomeMetric.STATUS_CHECKS);
    return report;
  }
}

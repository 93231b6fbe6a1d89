package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.ProfileStatus;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.StatusChecker;
import java.util.Map;

/** CheckStatus: one look at a new profile, for AwaitProfileReady (see {@link StatusChecker}). */
public final class CheckStatusHandler
    extends RequestStepHandler<StatusChecker, CheckStatusInput, ProfileStatus> {

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
  protected ProfileStatus work(CheckStatusInput input, Context context) {
    invocation.metrics().count(OutcomeMetric.STATUS_CHECKS);
    return service.check(input);
  }
}

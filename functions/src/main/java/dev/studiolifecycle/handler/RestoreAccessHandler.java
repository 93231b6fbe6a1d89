package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.AccessRestoration;
import dev.studiolifecycle.model.RestoreAccessInput;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.AccessRevoker;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * RestoreAccess: gives back what an offboarding revoked, during its retention (see {@link
 * AccessRevoker#restore}).
 */
public final class RestoreAccessHandler extends StepHandler<AccessRevoker>
    implements RequestHandler<RestoreAccessInput, AccessRestoration> {

  /** Called by Lambda. */
  public RestoreAccessHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public RestoreAccessHandler(Map<String, String> environment) {
    this(
        new AccessRevoker(
            AwsClientFactory.sageMaker(),
            AwsClientFactory.iam(),
            FunctionEnvironment.of(environment).rolePath()));
  }

  /** For tests: a ready service. */
  public RestoreAccessHandler(AccessRevoker service) {
    super("RestoreAccess", service);
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public AccessRestoration handleRequest(RestoreAccessInput input, Context context) {
    AccessRestoration result = run(input, () -> service.restore(input));
    if (result.cancelledOffboarding() != null) {
      invocation.metrics().count(OutcomeMetric.ACCESS_RESTORED);
    }
    return result;
  }
}

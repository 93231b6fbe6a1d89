package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.AccessRevocation;
import dev.studiolifecycle.model.RevokeAccessInput;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.AccessRevoker;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * RevokeAccess: an offboarding's first step, cuts the user's access (see {@link AccessRevoker}).
 */
public final class RevokeAccessHandler extends StepHandler<AccessRevoker>
    implements RequestHandler<RevokeAccessInput, AccessRevocation> {

  /** Called by Lambda. */
  public RevokeAccessHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public RevokeAccessHandler(Map<String, String> environment) {
    this(
        new AccessRevoker(
            AwsClientFactory.sageMaker(),
            AwsClientFactory.iam(),
            FunctionEnvironment.of(environment).rolePath()));
  }

  /** For tests: a ready service. */
  public RevokeAccessHandler(AccessRevoker service) {
    super("RevokeAccess", service);
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public AccessRevocation handleRequest(RevokeAccessInput input, Context context) {
    AccessRevocation result = run(input, () -> service.revoke(input));
    if (result.executionRoleDenied() || result.studioDisabled()) {
      invocation.metrics().count(OutcomeMetric.ACCESS_REVOKED);
    }
    return result;
  }
}

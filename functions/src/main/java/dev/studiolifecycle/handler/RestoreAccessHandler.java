package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.model.AccessRestoration;
import dev.studiolifecycle.model.RestoreAccessInput;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.AccessRevoker;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;

/**
 * RestoreAccess: gives back what an offboarding revoked, during its retention (see {@link
 * AccessRevoker#restore}).
 */
public final class RestoreAccessHandler
    extends RequestStepHandler<AccessRevoker, RestoreAccessInput, AccessRestoration> {

  /** Called by Lambda. */
  public RestoreAccessHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public RestoreAccessHandler(Map<String, String> environment) {
    this(AccessRevoker.of(FunctionEnvironment.of(environment)));
  }

  /** For tests: a ready service. */
  public RestoreAccessHandler(AccessRevoker service) {
    super("RestoreAccess", service);
  }

  @Override
  protected AccessRestoration work(RestoreAccessInput input, Context context) {
    AccessRestoration result = service.restore(input);
    if (result.cancelledOffboarding() != null) {
      invocation.metrics().count(OutcomeMetric.ACCESS_RESTORED);
    }
    return result;
  }
}

package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.model.AccessRevocation;
import dev.studiolifecycle.model.RevokeAccessInput;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.AccessRevoker;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;

/**
 * RevokeAccess: an offboarding's first step, cuts the user's access (see {@link AccessRevoker}).
 */
public final class RevokeAccessHandler
    extends RequestStepHandler<AccessRevoker, RevokeAccessInput, AccessRevocation> {

  /** Called by Lambda. */
  public RevokeAccessHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public RevokeAccessHandler(Map<String, String> environment) {
    this(AccessRevoker.of(FunctionEnvironment.of(environment)));
  }

  /** For tests: a ready service. */
  public RevokeAccessHandler(AccessRevoker service) {
    super("RevokeAccess", service);
  }

  @Override
  protected AccessRevocation work(RevokeAccessInput input, Context context) {
    AccessRevocation result = service.revoke(input);
    if (result.executionRoleDenied() || result.studioDisabled()) {
      invocation.metrics().count(OutcomeMetric.ACCESS_REVOKED);
    }
    return result;
  }
}

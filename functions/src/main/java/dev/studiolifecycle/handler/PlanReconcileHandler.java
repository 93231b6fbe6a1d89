package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.model.PlanReconcileInput;
import dev.studiolifecycle.model.ReconcilePlanned;
import dev.studiolifecycle.reconcile.ReconcilePlanning;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;

/**
 * PlanReconcile: the reconcile state machine's first step, compares every served domain with the HR
 * roster and writes the plan (see {@link ReconcilePlanning}); changes nothing.
 */
public final class PlanReconcileHandler
    extends RequestStepHandler<ReconcilePlanning, PlanReconcileInput, ReconcilePlanned> {

  /** Called by Lambda. */
  public PlanReconcileHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public PlanReconcileHandler(Map<String, String> environment) {
    this(ReconcilePlanning.of(FunctionEnvironment.of(environment)));
  }

  /** For tests: a ready service. */
  public PlanReconcileHandler(ReconcilePlanning service) {
    super("PlanReconcile", service);
  }

  @Override
  protected ReconcilePlanned work(PlanReconcileInput input, Context context) {
    return service.plan(input);
  }
}

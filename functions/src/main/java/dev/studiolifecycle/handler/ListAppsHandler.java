package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.AppDeletionPlan;
import dev.studiolifecycle.model.ListAppsInput;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.observability.OutcomeMetrics;
import dev.studiolifecycle.service.AppDeletionPlanner;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/** ListApps: plans what offboarding deletes (the user's apps and private spaces). */
public final class ListAppsHandler implements RequestHandler<ListAppsInput, AppDeletionPlan> {

  private final AppDeletionPlanner service;
  private final StepInvocation invocation;

  /** Called by Lambda. */
  public ListAppsHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public ListAppsHandler(Map<String, String> environment) {
    this(new AppDeletionPlanner(AwsClientFactory.sageMaker()));
  }

  /** For tests: a ready service. */
  public ListAppsHandler(AppDeletionPlanner service) {
    this.service = service;
    this.invocation = new StepInvocation("ListApps", OutcomeMetrics.powertools());
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public AppDeletionPlan handleRequest(ListAppsInput input, Context context) {
    AppDeletionPlan plan =
        invocation.run(input.correlation(), input.userProfileName(), () -> service.plan(input));
    invocation.metrics().count(OutcomeMetric.APPS_PLANNED_FOR_DELETION, plan.appsToDelete().size());
    return plan;
  }
}

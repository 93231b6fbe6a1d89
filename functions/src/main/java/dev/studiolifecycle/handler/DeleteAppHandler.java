package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.DeleteAppInput;
import dev.studiolifecycle.model.DeleteAppResult;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.observability.OutcomeMetrics;
import dev.studiolifecycle.service.AppDeletionService;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/** DeleteApp: deletes one app or one private space of the user. */
public final class DeleteAppHandler implements RequestHandler<DeleteAppInput, DeleteAppResult> {

  private final AppDeletionService service;
  private final StepInvocation invocation;

  /** Called by Lambda. */
  public DeleteAppHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public DeleteAppHandler(Map<String, String> environment) {
    this(new AppDeletionService(AwsClientFactory.sageMaker()));
  }

  /** For tests: a ready service. */
  public DeleteAppHandler(AppDeletionService service) {
    this.service = service;
    this.invocation = new StepInvocation("DeleteApp", OutcomeMetrics.powertools());
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public DeleteAppResult handleRequest(DeleteAppInput input, Context context) {
    String user = input.app() == null ? null : input.app().userProfileName();
    DeleteAppResult result = invocation.run(input.correlation(), user, () -> service.delete(input));
    if (result.outcome() == DeletionOutcome.DELETING) {
      invocation
          .metrics()
          .count(result.app() != null ? OutcomeMetric.APPS_DELETED : OutcomeMetric.SPACES_DELETED);
    }
    return result;
  }
}

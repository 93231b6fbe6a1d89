package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.DeleteUserProfileInput;
import dev.studiolifecycle.model.DeleteUserProfileResult;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.observability.OutcomeMetrics;
import dev.studiolifecycle.service.UserProfileDeleter;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/** DeleteUserProfile: deletes the user's profile once its apps and spaces are gone. */
public final class DeleteUserProfileHandler
    implements RequestHandler<DeleteUserProfileInput, DeleteUserProfileResult> {

  private final UserProfileDeleter service;
  private final StepInvocation invocation;

  /** Called by Lambda. */
  public DeleteUserProfileHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public DeleteUserProfileHandler(Map<String, String> environment) {
    this(new UserProfileDeleter(AwsClientFactory.sageMaker()));
  }

  /** For tests: a ready service. */
  public DeleteUserProfileHandler(UserProfileDeleter service) {
    this.service = service;
    this.invocation = new StepInvocation("DeleteUserProfile", OutcomeMetrics.powertools());
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public DeleteUserProfileResult handleRequest(DeleteUserProfileInput input, Context context) {
    DeleteUserProfileResult result =
        invocation.run(input.correlation(), input.userProfileName(), () -> service.delete(input));
    if (result.outcome() == DeletionOutcome.DELETING) {
      invocation.metrics().count(OutcomeMetric.PROFILES_DELETED);
    }
    return result;
  }
}

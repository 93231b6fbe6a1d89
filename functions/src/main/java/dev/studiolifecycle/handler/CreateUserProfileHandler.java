package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.CreateUserProfileInput;
import dev.studiolifecycle.model.UserProfileResult;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.observability.OutcomeMetrics;
import dev.studiolifecycle.service.UserProfileCreator;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/** CreateUserProfile: creates (or adopts) the user's SageMaker Studio profile. */
public final class CreateUserProfileHandler
    implements RequestHandler<CreateUserProfileInput, UserProfileResult> {

  private final UserProfileCreator service;
  private final StepInvocation invocation;

  /** Called by Lambda. */
  public CreateUserProfileHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public CreateUserProfileHandler(Map<String, String> environment) {
    this(new UserProfileCreator(AwsClientFactory.sageMaker(), AwsClientFactory.iam()));
  }

  /** For tests: a ready service. */
  public CreateUserProfileHandler(UserProfileCreator service) {
    this.service = service;
    this.invocation = new StepInvocation("CreateUserProfile", OutcomeMetrics.powertools());
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public UserProfileResult handleRequest(CreateUserProfileInput input, Context context) {
    UserProfileResult result =
        invocation.run(
            input.correlation(),
            input.request() == null ? null : input.request().userProfileName(),
            () -> service.create(input));
    invocation
        .metrics()
        .count(result.adopted() ? OutcomeMetric.PROFILES_ADOPTED : OutcomeMetric.PROFILES_CREATED);
    return result;
  }
}

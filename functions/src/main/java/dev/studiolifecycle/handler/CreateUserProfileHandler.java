package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.CreateUserProfileInput;
import dev.studiolifecycle.model.UserProfileResult;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.OffboardingGuard;
import dev.studiolifecycle.service.RunningLifecycles;
import dev.studiolifecycle.service.StudioAssignments;
import dev.studiolifecycle.service.UserProfileCreator;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** CreateUserProfile: creates (or adopts) the user's SageMaker Studio profile. */
public final class CreateUserProfileHandler
    extends RequestStepHandler<UserProfileCreator, CreateUserProfileInput, UserProfileResult> {

  /** Called by Lambda. */
  public CreateUserProfileHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public CreateUserProfileHandler(Map<String, String> environment) {
    this(FunctionEnvironment.of(environment), AwsClientFactory.sageMaker());
  }

  private CreateUserProfileHandler(FunctionEnvironment environment, SageMakerClient sageMaker) {
    this(
        new UserProfileCreator(
            sageMaker,
            AwsClientFactory.iam(),
            OffboardingGuard.of(
                new RunningLifecycles(
                    AwsClientFactory.stepFunctions(), environment.stateMachineName())),
            StudioAssignments.of(sageMaker, environment)));
  }

  /** For tests: a ready service. */
  public CreateUserProfileHandler(UserProfileCreator service) {
    super("CreateUserProfile", service);
  }

  @Override
  protected UserProfileResult work(CreateUserProfileInput input, Context context) {
    UserProfileResult result = service.create(input);
    invocation
        .metrics()
        .count(result.adopted() ? OutcomeMetric.PROFILES_ADOPTED : OutcomeMetric.PROFILES_CREATED);
    return result;
  }
}

package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.DeleteUserResourcesInput;
import dev.studiolifecycle.model.DeleteUserResourcesResult;
import dev.studiolifecycle.service.StudioAssignments;
import dev.studiolifecycle.service.UserResourceSweep;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * DeleteUserResources: one pass of offboarding's deletions and wait (see {@link
 * UserResourceSweep}). A pass starts no new deletion once less than {@link #RESERVE_MILLIS} of the
 * invocation's time is left; the next pass starts the rest.
 */
public final class DeleteUserResourcesHandler
    extends RequestStepHandler<
        UserResourceSweep, DeleteUserResourcesInput, DeleteUserResourcesResult> {

  /** Time kept for the pass to finish its looks and answer, out of the function's timeout. */
  static final long RESERVE_MILLIS = 20_000;

  /** Called by Lambda. */
  public DeleteUserResourcesHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public DeleteUserResourcesHandler(Map<String, String> environment) {
    this(FunctionEnvironment.of(environment), AwsClientFactory.sageMaker());
  }

  private DeleteUserResourcesHandler(FunctionEnvironment environment, SageMakerClient sageMaker) {
    this(new UserResourceSweep(sageMaker, StudioAssignments.of(sageMaker, environment)));
  }

  /** For tests: a ready service. */
  public DeleteUserResourcesHandler(UserResourceSweep service) {
    super("DeleteUserResources", service);
  }

  @Override
  protected DeleteUserResourcesResult work(DeleteUserResourcesInput input, Context context) {
    return service.sweep(
        input,
        () -> context == null || context.getRemainingTimeInMillis() > RESERVE_MILLIS,
        (metric, count) -> {
          if (count > 0) {
            invocation.metrics().count(metric, count);
          }
        });
  }
}

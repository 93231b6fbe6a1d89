package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.DeleteExecutionRoleInput;
import dev.studiolifecycle.model.DeleteExecutionRoleResult;
import dev.studiolifecycle.model.RoleDeletionOutcome;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.ExecutionRoleDeleter;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;

/** DeleteExecutionRole: deletes a role this workflow created for the user, nothing else. */
public final class DeleteExecutionRoleHandler
    extends RequestStepHandler<
        ExecutionRoleDeleter, DeleteExecutionRoleInput, DeleteExecutionRoleResult> {

  /** Called by Lambda. */
  public DeleteExecutionRoleHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public DeleteExecutionRoleHandler(Map<String, String> environment) {
    this(
        new ExecutionRoleDeleter(
            AwsClientFactory.iam(),
            AwsClientFactory.sageMaker(),
            FunctionEnvironment.of(environment).rolePath()));
  }

  /** For tests: a ready service. */
  public DeleteExecutionRoleHandler(ExecutionRoleDeleter service) {
    super("DeleteExecutionRole", service);
  }

  @Override
  protected DeleteExecutionRoleResult work(DeleteExecutionRoleInput input, Context context) {
    DeleteExecutionRoleResult result = service.delete(input);
    if (result.outcome() == RoleDeletionOutcome.DELETED) {
      invocation.metrics().count(OutcomeMetric.ROLES_DELETED);
    }
    return result;
  }
}

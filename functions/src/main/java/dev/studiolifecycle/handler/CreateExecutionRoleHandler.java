package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.CreateExecutionRoleInput;
import dev.studiolifecycle.model.ExecutionRoleResult;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.ExecutionRoleProvisioner;
import dev.studiolifecycle.service.OffboardingGuard;
import dev.studiolifecycle.service.RunningLifecycles;
import dev.studiolifecycle.service.config.ExecutionRoleSettings;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;

/** CreateExecutionRole: checks the role the request names, or creates the user's own role. */
public final class CreateExecutionRoleHandler
    extends RequestStepHandler<
        ExecutionRoleProvisioner, CreateExecutionRoleInput, ExecutionRoleResult> {

  /** Called by Lambda. */
  public CreateExecutionRoleHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public CreateExecutionRoleHandler(Map<String, String> environment) {
    this(
        new ExecutionRoleProvisioner(
            AwsClientFactory.iam(),
            ExecutionRoleSettings.from(FunctionEnvironment.of(environment)),
            OffboardingGuard.of(
                new RunningLifecycles(
                    AwsClientFactory.stepFunctions(),
                    FunctionEnvironment.of(environment).stateMachineName()))));
  }

  /** For tests: a ready service. */
  public CreateExecutionRoleHandler(ExecutionRoleProvisioner service) {
    super("CreateExecutionRole", service);
  }

  @Override
  protected ExecutionRoleResult work(CreateExecutionRoleInput input, Context context) {
    ExecutionRoleResult result = service.provision(input);
    if (result.adopted()) {
      invocation.metrics().count(OutcomeMetric.ROLES_ADOPTED);
    } else if (result.createdByThisRun()) {
      invocation.metrics().count(OutcomeMetric.ROLES_CREATED);
    }
    return result;
  }
}

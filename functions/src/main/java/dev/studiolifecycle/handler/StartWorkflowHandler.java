package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.StartWorkflowResult;
import dev.studiolifecycle.model.StartedWorkflow;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.WorkflowStarter;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import dev.studiolifecycle.service.config.WorkflowSettings;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/** StartWorkflow: starts the state machine for each HR message delivered by SNS. */
public final class StartWorkflowHandler extends StepHandler<WorkflowStarter>
    implements RequestHandler<SNSEvent, StartWorkflowResult> {

  /** Called by Lambda. */
  public StartWorkflowHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public StartWorkflowHandler(Map<String, String> environment) {
    this(
        new WorkflowStarter(
            AwsClientFactory.stepFunctions(),
            WorkflowSettings.from(FunctionEnvironment.of(environment))));
  }

  /** For tests: a ready service. */
  public StartWorkflowHandler(WorkflowStarter service) {
    super("StartWorkflow", service);
  }

  @Override
  @Logging(clearState = true)
  @FlushMetrics(captureColdStart = true)
  public StartWorkflowResult handleRequest(SNSEvent event, Context context) {
    StartWorkflowResult result = invocation.run(null, null, () -> service.start(event));
    for (StartedWorkflow started : result.executions()) {
      if (!started.alreadyStarted()) {
        invocation.metrics().count(OutcomeMetric.WORKFLOWS_STARTED);
      }
    }
    return result;
  }
}

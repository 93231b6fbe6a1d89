package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.ExecutionEndNotifier;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * ExecutionEnd: the target of the EventBridge rule on the lifecycle state machine's failed, timed
 * out and aborted executions (see {@link ExecutionEndNotifier}). A stream handler: the event's
 * {@code detail-type} has a dash, which a record cannot name.
 */
public final class ExecutionEndHandler extends StepHandler<ExecutionEndNotifier>
    implements RequestStreamHandler {

  /** Called by Lambda. */
  public ExecutionEndHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public ExecutionEndHandler(Map<String, String> environment) {
    this(
        new ExecutionEndNotifier(
            AwsClientFactory.stepFunctions(),
            AwsClientFactory.sns(),
            FunctionEnvironment.of(environment).notificationTopicArn()));
  }

  /** For tests: a ready service. */
  public ExecutionEndHandler(ExecutionEndNotifier service) {
    super("ExecutionEnd", service);
  }

  @Override
  @Logging(clearState = true)
  @FlushMetrics(captureColdStart = true)
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event;
    try {
      event = ModelJson.readTree(input);
    } catch (JsonProcessingException e) {
      throw new ValidationError("event: " + ModelJson.problemOf(e));
    }
    ExecutionEndNotifier.Outcome outcome = invocation.run(null, null, () -> service.handle(event));
    if (outcome == ExecutionEndNotifier.Outcome.TOLD) {
      invocation.metrics().count(OutcomeMetric.UNTOLD_ENDS_NOTIFIED);
    }
    output.write(("{\"outcome\":\"" + outcome + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}

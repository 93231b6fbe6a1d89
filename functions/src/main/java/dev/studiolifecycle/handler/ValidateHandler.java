package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.ValidatedRequest;
import dev.studiolifecycle.observability.LogContext;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.EventOrder;
import dev.studiolifecycle.service.IdentityCenterDirectory;
import dev.studiolifecycle.service.RunningLifecycles;
import dev.studiolifecycle.service.TeamSettings;
import dev.studiolifecycle.service.ValidationService;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import dev.studiolifecycle.service.config.ParameterStore;
import dev.studiolifecycle.validation.RequestSchema;
import dev.studiolifecycle.validation.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * Validate: judges the untrusted state machine input. A stream handler on purpose: the raw JSON
 * reaches the schema check untouched, so wrong types and unknown fields are reported by field name
 * instead of being dropped or failing in the runtime's deserializer.
 */
public final class ValidateHandler extends StepHandler<ValidationService>
    implements RequestStreamHandler {

  private static final String STEP = "Validate";

  /** Called by Lambda. */
  public ValidateHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public ValidateHandler(Map<String, String> environment) {
    this(FunctionEnvironment.of(environment), new RequestValidator(RequestSchema.load()));
  }

  private ValidateHandler(FunctionEnvironment environment, RequestValidator validator) {
    this(
        new ValidationService(
            validator,
            AwsClientFactory.sageMaker(),
            environment.servedDomainIds(),
            new RunningLifecycles(AwsClientFactory.stepFunctions(), environment.stateMachineName()),
            new TeamSettings(
                ParameterStore.cached(),
                environment.teamSettingsParameter().orElse(null),
                validator),
            new EventOrder(AwsClientFactory.dynamoDb(), environment.eventOrderTable()),
            IdentityCenterDirectory.of(environment)));
  }

  /** For tests: a ready service. */
  public ValidateHandler(ValidationService service) {
    super(STEP, service);
  }

  @Override
  @Logging(correlationIdPath = "request.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    ValidatedRequest result =
        invocation.run(
            null,
            null,
            () -> {
              ValidatedRequest validated = service.validate(read(input));
              LogContext.bind(STEP, validated.correlation());
              LogContext.bindUser(validated.request().userProfileName());
              return validated;
            });
    invocation.metrics().count(OutcomeMetric.REQUESTS_VALIDATED);
    ModelJson.write(result, output);
  }

  private static JsonNode read(InputStream input) {
    JsonNode payload;
    try {
      payload = ModelJson.readRequest(input);
    } catch (JsonProcessingException e) {
      throw new ValidationError("payload: " + ModelJson.problemOf(e));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the payload", e);
    }
    if (payload == null || payload.isMissingNode()) {
      // The logging aspect reads the stream first to find the correlation id; when the JSON is
      // broken it cannot hand the bytes back, so broken JSON arrives here as an empty stream.
      throw new ValidationError("payload: is empty or not valid JSON");
    }
    return payload;
  }
}

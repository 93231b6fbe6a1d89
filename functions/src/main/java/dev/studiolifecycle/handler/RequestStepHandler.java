package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.model.StepInput;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;

/**
 * A step with a typed input that names its request and user: Lambda's entry point, with the logs
 * bound to the request's correlation id and the metrics flushed, around the step's {@link #work}.
 *
 * <p>template.yaml names these handlers by class alone ({@code Handler: ...CheckStatusHandler}):
 * the Java runtime then calls {@code RequestHandler.handleRequest} and reads the input type from
 * the class's type arguments, through this superclass (the runtime interface client's
 * EventHandlerLoader, findInterfaceParameters). With {@code ::handleRequest} it would look the
 * method up by name and find this one's type variable instead. Subclasses need not name {@code
 * RequestHandler<I, O>} again: the local runtime resolves the types through the superclass too.
 */
public abstract class RequestStepHandler<S, I extends StepInput, O> extends StepHandler<S>
    implements RequestHandler<I, O> {

  protected RequestStepHandler(String step, S service) {
    super(step, service);
  }

  @Override
  @Logging(correlationIdPath = "correlation.requestId", clearState = true)
  @FlushMetrics(captureColdStart = true)
  public final O handleRequest(I input, Context context) {
    return run(input, () -> work(input, context));
  }

  /** The step's work through its service, counting its own outcome metrics. */
  protected abstract O work(I input, Context context);
}

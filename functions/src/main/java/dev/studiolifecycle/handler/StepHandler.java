package dev.studiolifecycle.handler;

import dev.studiolifecycle.model.StepInput;
import dev.studiolifecycle.observability.OutcomeMetrics;
import java.util.function.Supplier;

/**
 * What every handler has: the one service object it calls, and the {@link StepInvocation} that runs
 * the service's work the same way in every step.
 *
 * @param <S> the service
 */
public abstract class StepHandler<S> {

  protected final S service;
  protected final StepInvocation invocation;

  protected StepHandler(String step, S service) {
    this.service = service;
    this.invocation = new StepInvocation(step, OutcomeMetrics.powertools());
  }

  /** Runs {@code work} for the request and user that {@code input} names. */
  protected final <T> T run(StepInput input, Supplier<T> work) {
    return invocation.run(input.correlation(), input.userProfileName(), work);
  }
}

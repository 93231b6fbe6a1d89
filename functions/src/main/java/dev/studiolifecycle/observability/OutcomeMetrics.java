package dev.studiolifecycle.observability;

import dev.studiolifecycle.error.LifecycleError;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Counts outcomes as CloudWatch EMF metrics through Powertools. Failures go out as their own EMF
 * record with an {@code ErrorName} dimension (the error's simple class name), so they never add a
 * dimension to the invocation's other metrics.
 */
public final class OutcomeMetrics {

  public static final String FAILURES = "Failures";
  public static final String ERROR_NAME = "ErrorName";

  private final Metrics metrics;

  public OutcomeMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  /** The Powertools metrics of this invocation (flushed by {@code @FlushMetrics}). */
  public static OutcomeMetrics powertools() {
    return new OutcomeMetrics(MetricsFactory.getMetricsInstance());
  }

  public void count(OutcomeMetric outcome) {
    count(outcome, 1);
  }

  public void count(OutcomeMetric outcome, int howMany) {
    metrics.addMetric(outcome.metricName(), howMany, MetricUnit.COUNT);
  }

  /** A duration in seconds, as metric {@code name}. */
  public void seconds(String name, double seconds) {
    metrics.addMetric(name, seconds, MetricUnit.SECONDS);
  }

  public void failure(LifecycleError error) {
    String name = error.getClass().getSimpleName();
    metrics.flushMetrics(
        single -> {
          single.addDimension(ERROR_NAME, name);
          single.addMetric(FAILURES, 1, MetricUnit.COUNT);
        });
  }
}

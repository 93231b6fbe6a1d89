package dev.studiolifecycle.observability;

import dev.studiolifecycle.error.LifecycleError;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Counts outcomes as CloudWatch EMF metrics through Powertools. Failures go out as their own EMF
 * record with an {@code ErrorName} dimension (the error's simple class name), so they never add a
 * dimension to the invocation's other metrics.
 */
public final class OutcomeMetrics {

  public static final String FAILURES = "Failures";
  public static final String ERROR_NAME = "ErrorName";
  public static final String NAMESPACE_VARIABLE = "POWERTOOLS_METRICS_NAMESPACE";
  public static final String SERVICE_VARIABLE = "POWERTOOLS_SERVICE_NAME";
  static final String SERVICE_DIMENSION = "Service";

  private final Metrics metrics;

  public OutcomeMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  /** The Powertools metrics of this invocation (flushed by {@code @FlushMetrics}). */
  public static OutcomeMetrics powertools() {
    return new OutcomeMetrics(MetricsFactory.getMetricsInstance());
  }

  /**
   * The Powertools metrics, with the namespace and service taken from the function environment a
   * handler is built with. Powertools reads only the process environment; in Lambda that holds the
   * same values, but a local runtime that hands the template's environment to the handler cannot
   * set process variables, and without a namespace every flush fails the invocation.
   */
  public static OutcomeMetrics powertools(Map<String, String> environment) {
    Metrics metrics = MetricsFactory.getMetricsInstance();
    configure(metrics, environment);
    return new OutcomeMetrics(metrics);
  }

  /** Applies the environment's namespace and service, where set, to {@code metrics}. */
  static void configure(Metrics metrics, Map<String, String> environment) {
    if (environment == null) {
      return;
    }
    String namespace = environment.get(NAMESPACE_VARIABLE);
    if (namespace != null && !namespace.isBlank()) {
      metrics.setNamespace(namespace.trim());
    }
    String service = environment.get(SERVICE_VARIABLE);
    if (service != null && !service.isBlank()) {
      metrics.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service.trim()));
    }
  }

  public void count(OutcomeMetric outcome) {
    count(outcome, 1);
  }

  public void count(OutcomeMetric outcome, int howMany) {
    metrics.addMetric(outcome.metricName(), howMany, MetricUnit.COUNT);
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

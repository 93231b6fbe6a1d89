package dev.studiolifecycle.local.runtime;

import java.util.Map;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Powertools for AWS Lambda reads its settings from the process environment, which a JVM cannot
 * change and which, locally, is not the function's: this gives Powertools the settings of the
 * function's template environment through its API instead, before each invocation.
 */
final class PowertoolsEnvironment {

  static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";

  private PowertoolsEnvironment() {}

  /**
   * Applies the function's {@value #METRICS_NAMESPACE}, without which {@code @FlushMetrics} fails
   * the invocation ("Namespace must be specified before flushing metrics").
   */
  static void apply(Map<String, String> environment) {
    String namespace = environment.get(METRICS_NAMESPACE);
    if (namespace != null && !namespace.isBlank()) {
      MetricsFactory.getMetricsInstance().setNamespace(namespace);
    }
  }
}

package dev.studiolifecycle.local.lambda;

import java.util.Map;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/**
 * Powertools for AWS Lambda reads its settings from the process environment, which a JVM cannot
 * change and which, locally, is not the function's: this gives Powertools the settings of the
 * function's template environment through its API instead, before each invocation. And outside
 * Lambda its metrics library would send EMF records to a CloudWatch agent socket; inside Lambda
 * they go to standard output, which the runtime diverts to the handler output.
 */
final class PowertoolsEnvironment {

  static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
  static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";

  private PowertoolsEnvironment() {}

  /**
   * Applies the function's {@value #METRICS_NAMESPACE}, without which {@code @FlushMetrics} fails
   * the invocation ("Namespace must be specified before flushing metrics"), and its {@value
   * #SERVICE_NAME} as the metrics' Service dimension; sends EMF to standard output.
   */
  static void apply(Map<String, String> environment) {
    EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
    Metrics metrics = MetricsFactory.getMetricsInstance();
    String namespace = environment.get(METRICS_NAMESPACE);
    if (namespace != null && !namespace.isBlank()) {
      metrics.setNamespace(namespace);
    }
    String service = environment.get(SERVICE_NAME);
    if (service != null && !service.isBlank()) {
      metrics.setDefaultDimensions(DimensionSet.of("Service", service));
    }
  }
}

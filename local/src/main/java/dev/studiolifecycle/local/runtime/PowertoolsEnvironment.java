package dev.studiolifecycle.local.runtime;

import java.util.Map;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/**
 * Gives Powertools for AWS Lambda, in-process, the settings Lambda gives it through the process
 * environment. Powertools reads {@code POWERTOOLS_METRICS_NAMESPACE} and {@code
 * POWERTOOLS_SERVICE_NAME} from {@code System.getenv}, which an in-process runtime cannot set per
 * function: without them every {@code @FlushMetrics} handler fails ("Namespace must be specified").
 * And outside Lambda its metrics library sends EMF records to a CloudWatch agent socket, from a
 * non-daemon thread that retries for minutes; inside Lambda they go to standard output, which the
 * runtime diverts to the handler output.
 */
final class PowertoolsEnvironment {

  static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
  static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";

  private PowertoolsEnvironment() {}

  /** Applies a function's environment before one of its invocations. */
  static void applyFor(Map<String, String> environment) {
    // EMF records go to standard output, as in Lambda, whatever this machine looks like.
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

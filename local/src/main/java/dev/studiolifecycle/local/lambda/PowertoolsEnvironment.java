package dev.studiolifecycle.local.lambda;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.common.internal.LambdaHandlerProcessor;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/**
 * Powertools for AWS Lambda reads its settings from the process environment, which a JVM cannot
 * change and which, locally, is not the function's: this gives Powertools the settings of the
 * function's template environment through its API instead, before each invocation. And outside
 * Lambda its metrics library would send EMF records to a CloudWatch agent socket; inside Lambda
 * they go to standard output, which the runtime diverts to the handler output.
 *
 * <p>Powertools' logging takes the service name and the cold-start flag from JVM-wide statics it
 * fills from the process environment ({@code POWERTOOLS_SERVICE_NAME}, {@code
 * AWS_LAMBDA_INITIALIZATION_TYPE}): in one JVM serving every function they would say {@code
 * service_undefined} and {@code cold_start:false} on every line. {@link #invoke} sets them as
 * Lambda would for the function: its service name, and a cold start on the first invocation of its
 * instance. An invocation that changes them runs alone; the others may run together.
 */
final class PowertoolsEnvironment {

  private static final ReentrantReadWriteLock STATICS = new ReentrantReadWriteLock();
  private static final Field SERVICE_NAME_FIELD = field("serviceName");
  private static final Field COLD_START_FIELD = field("isColdStart");

  static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
  static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";

  private PowertoolsEnvironment() {}

  /**
   * Applies the function's {@value #METRICS_NAMESPACE}, without which {@code @FlushMetrics} fails
   * the invocation ("Namespace must be specified before flushing metrics"), and its {@value
   * #SERVICE_NAME} as the metrics' Service dimension; sends EMF to standard output.
   */
  /**
   * Runs one invocation of a function with Powertools set for it: {@link #apply}, its service name,
   * and its cold-start flag ({@code coldStart}: the first invocation of this instance).
   */
  static <T> T invoke(Map<String, String> environment, boolean coldStart, Supplier<T> invocation) {
    String service = environment.getOrDefault(SERVICE_NAME, "service_undefined");
    boolean changes =
        coldStart
            || !Objects.equals(service, LambdaHandlerProcessor.serviceName())
            || LambdaHandlerProcessor.isColdStart();
    Lock lock = changes ? STATICS.writeLock() : STATICS.readLock();
    lock.lock();
    try {
      apply(environment);
      if (changes) {
        set(SERVICE_NAME_FIELD, service);
        // Powertools marks the cold start done itself once the invocation has begun.
        set(COLD_START_FIELD, coldStart);
      }
      return invocation.get();
    } finally {
      lock.unlock();
    }
  }

  private static Field field(String name) {
    try {
      Field field = LambdaHandlerProcessor.class.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Powertools' LambdaHandlerProcessor has no field " + name + ": its version changed", e);
    }
  }

  private static void set(Field field, Object value) {
    try {
      field.set(null, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set Powertools' " + field.getName(), e);
    }
  }

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

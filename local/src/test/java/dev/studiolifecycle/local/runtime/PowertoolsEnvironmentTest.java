package dev.studiolifecycle.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

class PowertoolsEnvironmentTest {

  private static final String TEMPLATE_NAMESPACE = "StudioLifecycle";

  @AfterEach
  void restoreTheTemplatesNamespace() {
    PowertoolsEnvironment.apply(
        Map.of(PowertoolsEnvironment.METRICS_NAMESPACE, TEMPLATE_NAMESPACE));
  }

  @Test
  void metricsGoToTheNamespaceOfTheFunctionsEnvironment() {
    PowertoolsEnvironment.apply(Map.of(PowertoolsEnvironment.METRICS_NAMESPACE, "LocalCheck"));

    assertThat(flushOne()).contains("\"Namespace\":\"LocalCheck\"");
  }

  @Test
  void anEnvironmentWithoutANamespaceLeavesTheCurrentOne() {
    PowertoolsEnvironment.apply(Map.of(PowertoolsEnvironment.METRICS_NAMESPACE, "LocalCheck"));
    PowertoolsEnvironment.apply(Map.of("OTHER", "x"));

    assertThat(flushOne()).contains("\"Namespace\":\"LocalCheck\"");
  }

  /** What Powertools prints (EMF goes to standard output) when it flushes one metric. */
  private static String flushOne() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Metrics metrics = MetricsFactory.getMetricsInstance();
      metrics.addMetric("Checked", 1, MetricUnit.COUNT);
      metrics.flush();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}

package dev.studiolifecycle.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.studiolifecycle.error.ProfileInUse;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

class OutcomeMetricsTest {

  private final Metrics metrics = mock(Metrics.class);
  private final OutcomeMetrics outcomes = new OutcomeMetrics(metrics);

  @Test
  void countsAnOutcomeByItsMetricName() {
    outcomes.count(OutcomeMetric.PROFILES_CREATED);
    verify(metrics).addMetric("ProfilesCreated", 1, MetricUnit.COUNT);
  }

  @Test
  void countsAFailureInItsOwnRecordWithTheErrorNameDimension() {
    Metrics single = mock(Metrics.class);
    doAnswer(
            call -> {
              Consumer<Metrics> consumer = call.getArgument(0);
              consumer.accept(single);
              return null;
            })
        .when(metrics)
        .flushMetrics(any());
    outcomes.failure(new ProfileInUse("busy"));
    verify(single).addDimension("ErrorName", "ProfileInUse");
    verify(single).addMetric("Failures", 1, MetricUnit.COUNT);
  }

  @Test
  void takesNamespaceAndServiceFromTheFunctionEnvironment() {
    OutcomeMetrics.configure(
        metrics,
        Map.of(
            "POWERTOOLS_METRICS_NAMESPACE", "StudioLifecycle",
            "POWERTOOLS_SERVICE_NAME", "studio-lifecycle",
            "ROLE_PATH", "/studio-lifecycle/"));

    verify(metrics).setNamespace("StudioLifecycle");
    ArgumentCaptor<DimensionSet> dimensions = ArgumentCaptor.forClass(DimensionSet.class);
    verify(metrics).setDefaultDimensions(dimensions.capture());
    assertThat(dimensions.getValue().getDimensions())
        .containsExactly(Map.entry("Service", "studio-lifecycle"));
  }

  @Test
  void leavesPowertoolsOwnSettingsWhenTheEnvironmentHasNone() {
    OutcomeMetrics.configure(metrics, Map.of("POWERTOOLS_METRICS_NAMESPACE", " "));
    OutcomeMetrics.configure(metrics, null);

    verifyNoInteractions(metrics);
  }
}

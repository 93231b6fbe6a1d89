package dev.studiolifecycle.observability;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.studiolifecycle.error.ProfileInUse;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;
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
}

package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.studiolifecycle.error.AwsThrottled;
import dev.studiolifecycle.error.LifecycleError;
import dev.studiolifecycle.error.ProfileInUse;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.observability.OutcomeMetrics;
import dev.studiolifecycle.testing.AwsErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.MDC;

class StepInvocationTest {

  private final OutcomeMetrics metrics = mock(OutcomeMetrics.class);
  private final StepInvocation invocation = new StepInvocation("DeleteApp", metrics);

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void returnsTheResultAndBindsTheCorrelation() {
    String result = invocation.run(new Correlation("hr-1", "arn:x"), "jane", () -> "done");
    assertThat(result).isEqualTo("done");
    assertThat(MDC.get("execution_arn")).isEqualTo("arn:x");
    verify(metrics, never()).failure(any());
  }

  @Test
  void countsAndRethrowsNamedErrors() {
    ProfileInUse error = new ProfileInUse("busy");
    assertThatThrownBy(
            () ->
                invocation.run(
                    null,
                    null,
                    () -> {
                      throw error;
                    }))
        .isSameAs(error);
    verify(metrics).failure(error);
  }

  @Test
  void translatesUnhandledSdkErrors() {
    assertThatThrownBy(
            () ->
                invocation.run(
                    null,
                    null,
                    () -> {
                      throw AwsErrors.sageMakerThrottled();
                    }))
        .isInstanceOf(AwsThrottled.class);
    ArgumentCaptor<LifecycleError> counted = ArgumentCaptor.forClass(LifecycleError.class);
    verify(metrics).failure(counted.capture());
    assertThat(counted.getValue()).isInstanceOf(AwsThrottled.class);
  }
}

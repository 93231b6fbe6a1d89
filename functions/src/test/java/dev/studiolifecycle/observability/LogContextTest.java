package dev.studiolifecycle.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.model.Correlation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void putsCorrelationExecutionAndUserIntoTheLogContext() {
    LogContext.bind("ListApps", new Correlation("hr-1", "arn:aws:states:x"));
    LogContext.bindUser("jane-doe");
    assertThat(MDC.get("correlation_id")).isEqualTo("hr-1");
    assertThat(MDC.get("execution_arn")).isEqualTo("arn:aws:states:x");
    assertThat(MDC.get("user_profile")).isEqualTo("jane-doe");
    assertThat(MDC.get("step")).isEqualTo("ListApps");
  }

  @Test
  void leavesOutWhatIsUnknown() {
    LogContext.bind("Validate", new Correlation("hr-1", null));
    LogContext.bind("Validate", null);
    LogContext.bindUser(null);
    assertThat(MDC.get("execution_arn")).isNull();
    assertThat(MDC.get("user_profile")).isNull();
    assertThat(MDC.get("correlation_id")).isEqualTo("hr-1");
  }
}

package dev.studiolifecycle.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowSettingsTest {

  private static final String ARN =
      "arn:aws:states:us-east-1:123456789012:stateMachine:StudioUserLifecycle";

  @Test
  void readsTheStateMachineAndOptionalDefaultDomain() {
    WorkflowSettings settings =
        WorkflowSettings.from(
            FunctionEnvironment.of(Map.of("STATE_MACHINE_ARN", ARN, "DEFAULT_DOMAIN_ID", "d-abc")));
    assertThat(settings.stateMachineArn()).isEqualTo(ARN);
    assertThat(settings.defaultDomainId()).isEqualTo("d-abc");
    assertThat(
            WorkflowSettings.from(FunctionEnvironment.of(Map.of("STATE_MACHINE_ARN", ARN)))
                .defaultDomainId())
        .isNull();
  }

  @Test
  void requiresTheStateMachine() {
    assertThatThrownBy(() -> WorkflowSettings.from(FunctionEnvironment.of(Map.of())))
        .hasMessage("environment variable STATE_MACHINE_ARN is required");
  }
}

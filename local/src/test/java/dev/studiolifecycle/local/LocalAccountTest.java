package dev.studiolifecycle.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalAccountTest {

  @Test
  void regionalArnsCarryTheRegionAndAccount() {
    assertThat(LocalAccount.arn("sns", "studio-lifecycle-notifications"))
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications");
    assertThat(LocalAccount.stateMachineArn("StudioUserLifecycle"))
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:StudioUserLifecycle");
    assertThat(LocalAccount.executionArn("StudioUserLifecycle", "run-1"))
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:run-1");
  }

  @Test
  void globalArnsHaveNoRegion() {
    assertThat(LocalAccount.globalArn("iam", "role/studio-lifecycle/studio-jane"))
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane");
  }
}

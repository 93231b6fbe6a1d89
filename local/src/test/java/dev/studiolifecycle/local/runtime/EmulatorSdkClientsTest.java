package dev.studiolifecycle.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.stepfunctions.StepFunctionsService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

class EmulatorSdkClientsTest {

  private static final AwsBasicCredentials CREDENTIALS =
      AwsBasicCredentials.create("AKIDTEST", "secret");

  @Test
  void everyClientReachesTheEmulator() {
    try (AwsEmulator emulator = AwsEmulator.builder().build().start();
        ExecutionEngine engine = ExecutionEngine.builder(emulator.clock()).build();
        EmulatorSdkClients clients = EmulatorSdkClients.connect(emulator, CREDENTIALS)) {
      emulator.register(new StepFunctionsService(engine, 1L));

      clients.sageMaker().listDomains(r -> {});
      assertThatThrownBy(() -> clients.iam().listRoleTags(r -> r.roleName("absent")))
          .isInstanceOf(NoSuchEntityException.class);
      clients.sns().createTopic(r -> r.name("notifications"));
      clients.sts().getCallerIdentity();
      clients.sfn().listStateMachines(r -> {});

      assertThat(emulator.requestLog().calls())
          .extracting(RecordedCall::service)
          .containsExactly("sagemaker", "iam", "sns", "sts", "states");
    }
  }

  @Test
  void aFailedCallIsMadeOnceWithoutRetries() {
    try (AwsEmulator emulator = AwsEmulator.builder().build().start();
        EmulatorSdkClients clients = EmulatorSdkClients.connect(emulator, CREDENTIALS)) {
      emulator.faults().failTimes("sagemaker", "ListDomains", InjectedFailure.INTERNAL_FAILURE, 3);

      assertThatThrownBy(() -> clients.sageMaker().listDomains(r -> {}))
          .isInstanceOf(SageMakerException.class);
      assertThat(emulator.requestLog().calls("sagemaker", "ListDomains")).hasSize(1);
    }
  }
}

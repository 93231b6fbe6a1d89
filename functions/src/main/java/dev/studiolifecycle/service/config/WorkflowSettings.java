package dev.studiolifecycle.service.config;

/**
 * What StartWorkflow needs: the state machine to start and the domain used when an HR event names
 * none ({@code defaultDomainId} may be absent).
 */
public record WorkflowSettings(String stateMachineArn, String defaultDomainId) {

  /** Reads and checks STATE_MACHINE_ARN and DEFAULT_DOMAIN_ID. */
  public static WorkflowSettings from(FunctionEnvironment environment) {
    return new WorkflowSettings(
        environment.stateMachineArn(), environment.defaultDomainId().orElse(null));
  }
}

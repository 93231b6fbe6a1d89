package dev.studiolifecycle.local.asl.engine;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import java.util.Objects;

/**
 * A named state machine: what StartExecution starts. The ARN and role are those Step Functions
 * would give it in the local account.
 */
public record StateMachine(
    String name, String arn, String roleArn, StateMachineDefinition definition) {

  public StateMachine {
    StatesNames.checkName("state machine", name);
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(definition, "definition");
  }

  /** A state machine with the local account's ARN and a default execution role. */
  public static StateMachine of(String name, StateMachineDefinition definition) {
    return new StateMachine(
        name,
        LocalAccount.stateMachineArn(name),
        LocalAccount.globalArn("iam", "role/service-role/StepFunctions-" + name + "-role"),
        definition);
  }

  /** The same state machine run with another execution role (e.g. the template's Role). */
  public StateMachine withRoleArn(String newRoleArn) {
    return new StateMachine(name, arn, newRoleArn, definition);
  }
}

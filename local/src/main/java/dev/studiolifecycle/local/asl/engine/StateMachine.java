package dev.studiolifecycle.local.asl.engine;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.definition.StatesNames;
import java.util.Objects;

/**
 * A named state machine: what StartExecution starts. The ARN and role are those Step Functions
 * would give it in the local account.
 */
public record StateMachine(
    String name, String arn, String roleArn, StateMachineDefinition definition) {

  public StateMachine {
    int slash = name == null ? -1 : name.indexOf('/');
    if (slash < 0) {
      StatesNames.checkName("state machine", name);
    } else {
      // A Map Run's child workflows: <state machine>/<label> (developer guide, "Viewing a
      // Distributed Map Run execution").
      StatesNames.checkName("state machine", name.substring(0, slash));
      StatesNames.checkName("Map Run label", name.substring(slash + 1));
    }
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

  /**
   * The state machine of a Map Run's child workflow executions: the ItemProcessor, named and
   * addressed {@code <parent>/<label>}, run with the parent's role.
   */
  static StateMachine mapRunChild(
      StateMachine parent, String label, StateMachineDefinition processor) {
    return new StateMachine(
        parent.name() + "/" + label, parent.arn() + "/" + label, parent.roleArn(), processor);
  }

  /** The same state machine run with another execution role (e.g. the template's Role). */
  public StateMachine withRoleArn(String newRoleArn) {
    return new StateMachine(name, arn, newRoleArn, definition);
  }
}

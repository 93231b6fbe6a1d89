package dev.studiolifecycle.local.workflow;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event's properties are those the SAM translator defines for its type: a misspelt one fails
 * `sam deploy` in the transform ("property Patern not defined for resource of type
 * EventBridgeRule"), where the local runtime used to pass it over; cfn-lint's transform gives the
 * same words for the same edit of template.yaml.
 */
class SamEventPropertiesTest {

  @TempDir Path project;

  @Test
  void aMisspeltPropertyOfTheExecutionEndRuleIsRefusedInTheTranslatorsWords() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "Properties:\\n            Pattern:\\n              source: [aws.states]",
            "Properties:\\n            Patern:\\n              source: [aws.states]")
        .hasMessage(
            "Resources.ExecutionEndFunction.Properties.Events.ExecutionEnded.Properties.Patern: the"
                + " SAM transform refuses it: Resource with id [ExecutionEndFunctionExecutionEnded]"
                + " is invalid. property Patern not defined for resource of type EventBridgeRule");
  }
}

package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.template.EventRuleResource;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StackOutput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What `sam deploy` prints and the README's AWS CLI session reads: template.yaml's Outputs,
 * resolved as CloudFormation resolves them. Each names something the stack has, and tells the
 * operator what it is for.
 */
class TemplateOutputsTest {

  @Test
  void theOutputsNameTheStacksOwnResources() {
    SamTemplate template = ProjectFiles.template();
    Map<String, StackOutput> outputs = template.outputs();

    assertThat(outputs.get("StateMachineArn").value())
        .isEqualTo(
            "arn:aws:states:us-east-1:123456789012:stateMachine:"
                + "studio-lifecycle-StudioUserLifecycle");
    assertThat(outputs.get("HrEventBusName").value()).isEqualTo("studio-lifecycle-hr");
    // The rule SAM makes for the state machine's IdentityCenterUserRemoved event: the output
    // names the rule the deployment has.
    String rule = outputs.get("IdentityCenterUserRemovedRuleName").value();
    assertThat(template.eventRules()).extracting(EventRuleResource::name).contains(rule);
    assertThat(outputs.values())
        .allSatisfy(output -> assertThat(output.description()).as(output.key()).isNotBlank());
  }

  @Test
  void withTheHrSystemsOwnBusTheOutputNamesThatBus() {
    SamTemplate template = ProjectFiles.template(Map.of("HrEventBusName", "corporate-hr"));

    assertThat(template.outputs().get("HrEventBusName").value()).isEqualTo("corporate-hr");
  }
}

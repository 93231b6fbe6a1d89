package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A template's Rules are evaluated on the parameter values before anything is created
 * (CloudFormation User Guide, "CloudFormation template Rules syntax"): an assertion that does not
 * hold stops the deployment with its AssertDescription, here as on AWS.
 */
class TemplateRulesTest {

  private static final String TEMPLATE =
      "Parameters:\n  Stage: {Type: String, Default: dev}\n  OpsEmail: {Type: String, Default: ''}\n"
          + "  Domains: {Type: CommaDelimitedList, Default: 'd-1,d-2'}\n"
          + "Rules:\n  ProdIsWatched:\n    RuleCondition: !Equals [!Ref Stage, prod]\n"
          + "    Assertions:\n      - Assert: !Not [!Equals [!Ref OpsEmail, '']]\n"
          + "        AssertDescription: A prod stack needs an OpsEmail.\n"
          + "  KnownDomains:\n    Assertions:\n"
          + "      - Assert: {'Fn::EachMemberIn': [!Ref Domains, [d-1, d-2, d-3]]}\n"
          + "        AssertDescription: Domains are d-1, d-2 or d-3.\n"
          + "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n";

  private static SamTemplate parse(Map<String, String> values) {
    return SamTemplate.parse(TEMPLATE, Path.of("inline/template.yaml"), values);
  }

  @Test
  void aRuleWhoseConditionHoldsMustHaveItsAssertionsHold() {
    assertThat(parse(Map.of()).topics()).hasSize(1);
    assertThat(parse(Map.of("Stage", "prod", "OpsEmail", "ops@example.com")).topics()).hasSize(1);
    assertThatThrownBy(() -> parse(Map.of("Stage", "prod")))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Rules.ProdIsWatched.Assertions[0]: CloudFormation refuses the parameters: A prod stack"
                + " needs an OpsEmail.");
  }

  @Test
  void eachMemberInHoldsEveryElementOfAListToTheAllowedOnes() {
    assertThat(parse(Map.of("Domains", "d-3")).topics()).hasSize(1);
    assertThatThrownBy(() -> parse(Map.of("Domains", "d-1,d-9")))
        .hasMessage(
            "Rules.KnownDomains.Assertions[0]: CloudFormation refuses the parameters: Domains are"
                + " d-1, d-2 or d-3.");
  }

  @Test
  void functionsOutsideTheRuleFunctionsAreRefused() {
    assertThatThrownBy(
            () ->
                SamTemplate.parse(
                    "Rules:\n  R:\n    Assertions:\n      - Assert: !Equals [!Sub x, x]\n"
                        + "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
                    Path.of("inline/template.yaml"),
                    Map.of()))
        .hasMessageStartingWith(
            "Rules.R.Assertions[0].Assert.Fn::Equals[0].Fn::Sub: not a rule function");
  }
}

package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SAM's Globals take only the sections and properties the SAM translator supports (its Globals
 * plugin): a function's Policies or Role, or any property of a state machine but PropagateTags,
 * fail `sam deploy`, so they fail here, in the translator's words.
 */
class SamGlobalsTest {

  private static SamTemplate parse(String globals) {
    return SamTemplate.parse(
        "Transform: AWS::Serverless-2016-10-31\nGlobals:\n"
            + globals
            + "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
            + "    Properties: {Handler: a.B}\n",
        Path.of("inline/template.yaml"),
        Map.of());
  }

  @Test
  void supportedPropertiesAreMergedIntoEachFunction() {
    assertThat(
            parse("  Function:\n    Runtime: java21\n    Timeout: 30\n")
                .function("F")
                .orElseThrow()
                .timeoutSeconds())
        .isEqualTo(30);
  }

  @Test
  void aPropertyGlobalsDoNotSupportIsRefusedInTheTranslatorsWords() {
    assertThatThrownBy(
            () ->
                parse(
                    "  Function:\n    Runtime: java21\n    Policies: [AWSLambdaBasicExecutionRole]\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(
            "Globals.Function.Policies: the SAM transform refuses it: 'Globals' section is invalid."
                + " 'Policies' is not a supported property of 'Function'. Must be one of the"
                + " following values - ['Handler', 'Runtime', ");
    assertThatThrownBy(() -> parse("  StateMachine:\n    Tracing: {Enabled: true}\n"))
        .hasMessage(
            "Globals.StateMachine.Tracing: the SAM transform refuses it: 'Globals' section is"
                + " invalid. 'Tracing' is not a supported property of 'StateMachine'. Must be one of"
                + " the following values - ['PropagateTags']");
  }

  @Test
  void aSectionGlobalsDoNotHaveIsRefused() {
    assertThatThrownBy(() -> parse("  Functions:\n    Runtime: java21\n"))
        .hasMessage(
            "Globals.Functions: the SAM transform refuses it: 'Globals' section is invalid."
                + " 'Functions' is not supported. Must be one of the following values - ['Api',"
                + " 'CapacityProvider', 'Function', 'HttpApi', 'LayerVersion', 'SimpleTable',"
                + " 'StateMachine', 'WebSocketApi']");
  }
}

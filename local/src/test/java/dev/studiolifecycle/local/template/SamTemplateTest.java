package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading template.yaml: tags, Parameters, Conditions, Globals, references, substitutions. */
class SamTemplateTest {

  static Path fixture() {
    try {
      return Path.of(SamTemplateTest.class.getResource("/template/template.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SamTemplate parse(String yaml) {
    return SamTemplate.parse(yaml, Path.of("inline/template.yaml"), Map.of());
  }

  @Test
  void readsFunctionsWithGlobalsMergedIn() {
    SamTemplate template = SamTemplate.load(fixture());
    FunctionDefinition greeting = template.function("GreetingFunction").orElseThrow();
    assertThat(greeting.functionName()).isEqualTo("studio-lifecycle-greeting");
    assertThat(greeting.handlerClass())
        .isEqualTo("dev.studiolifecycle.local.runtime.fixtures.GreetingHandler");
    assertThat(greeting.handlerMethod()).contains("handleRequest");
    assertThat(greeting.runtime()).isEqualTo("java21");
    // The function's own Timeout wins over Globals; MemorySize comes from Globals.
    assertThat(greeting.timeoutSeconds()).isEqualTo(10);
    assertThat(greeting.memorySize()).isEqualTo(512);
    assertThat(greeting.arn())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting");
    assertThat(greeting.aliasArn()).contains(
        "arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting:live");

    FunctionDefinition failing = template.function("FailingFunction").orElseThrow();
    assertThat(failing.functionName()).as("no FunctionName: the logical id")
        .isEqualTo("FailingFunction");
    assertThat(failing.timeoutSeconds()).isEqualTo(30);
    assertThat(failing.aliasArn()).isEmpty();
    assertThat(template.functionNamed("FailingFunction")).contains(failing);
  }

  @Test
  void environmentVariablesMergeWithGlobalsAndResolveEveryIntrinsic() {
    Map<String, String> environment = SamTemplate.load(fixture()).function("GreetingFunction")
        .orElseThrow().environment();
    assertThat(environment).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("POWERTOOLS_SERVICE_NAME", "greeting"),
        Map.entry("POWERTOOLS_LOG_LEVEL", "DEBUG"),
        Map.entry("AWS_ACCOUNT_ID", "123456789012"),
        Map.entry("GREETING", "Hello"),
        Map.entry("BOUNDARY", "arn:aws:iam::123456789012:policy/studio-lifecycle-boundary"),
        Map.entry("POLICIES", "arn:aws:iam::aws:policy/A,arn:aws:iam::aws:policy/B"),
        Map.entry("FIRST_POLICY", "arn:aws:iam::aws:policy/A"),
        Map.entry("SECOND_PART", "b"),
        Map.entry("DOMAIN", "d-fixture"),
        Map.entry("TOPIC", "arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications"),
        Map.entry("ENCODED", "aGk="),
        Map.entry("MACHINE",
            "arn:aws:states:us-east-1:123456789012:stateMachine:studio-lifecycle-lifecycle"),
        Map.entry("CHAINED", "studio-lifecycle-notifications@us-east-1/d-fixture")));
  }

  @Test
  void parameterValuesOverrideDefaultsAndDriveConditions() {
    SamTemplate prod = SamTemplate.load(fixture(), Map.of("Stage", "prod"));
    Map<String, String> environment = prod.function("GreetingFunction").orElseThrow()
        .environment();
    assertThat(environment).containsEntry("PROD_ONLY", "yes").containsEntry(
        "POWERTOOLS_LOG_LEVEL", "INFO").doesNotContainKey("DOMAIN");
    assertThat(prod.topics()).extracting(TopicResource::logicalId)
        .containsExactly("NotifyTopic", "PlainTopic", "ProdOnlyTopic");
    assertThat(SamTemplate.load(fixture()).topics()).extracting(TopicResource::logicalId)
        .containsExactly("NotifyTopic", "PlainTopic");
  }

  @Test
  void refusesParameterValuesThatAreNotAllowedOrNotDeclared() {
    assertThatThrownBy(() -> SamTemplate.load(fixture(), Map.of("Stage", "test")))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Parameters.Stage: 'test' is not one of its AllowedValues "
            + "[\"dev\",\"prod\"]");
    assertThatThrownBy(() -> SamTemplate.load(fixture(), Map.of("Nope", "x")))
        .hasMessage("The template has no parameter Nope");
  }

  @Test
  void topicsResolveToArnsFromTopicNameOrLogicalId() {
    SamTemplate template = SamTemplate.load(fixture());
    assertThat(template.topics()).containsExactly(
        new TopicResource("NotifyTopic", "studio-lifecycle-notifications",
            "arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications"),
        new TopicResource("PlainTopic", "PlainTopic",
            "arn:aws:sns:us-east-1:123456789012:PlainTopic"));
  }

  @Test
  void stateMachinesSubstituteTheirDefinitions() {
    SamTemplate template = SamTemplate.load(fixture());
    StateMachineResource machine = template.stateMachine("LifecycleStateMachine").orElseThrow();
    assertThat(machine.name()).isEqualTo("studio-lifecycle-lifecycle");
    assertThat(template.stateMachine("studio-lifecycle-lifecycle")).contains(machine);
    assertThat(machine.type()).isEqualTo("STANDARD");
    assertThat(machine.roleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/service-role/studio-lifecycle-sfn");
    assertThat(machine.substitutions()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "GreetingFunctionArn",
        "arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting",
        "GreetingAliasArn",
        "arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting:live",
        "FailingFunctionName", "FailingFunction",
        "NotifyTopicArn", "arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications",
        "WaitSeconds", "30"));
    String definition = machine.definition();
    assertThat(definition).contains("\"FunctionName\": \"arn:aws:lambda:us-east-1:123456789012:"
        + "function:studio-lifecycle-greeting:live\"").contains("\"Seconds\": 30,")
        .doesNotContain("${");
    assertThat(template.stateMachineFor(fixture().resolveSibling("statemachine/flow.asl.json")))
        .contains(machine);
  }

  @Test
  void aPlaceholderWithoutSubstitutionIsNamed() {
    StateMachineResource machine = SamTemplate.load(fixture()).stateMachines().get(0);
    assertThatThrownBy(() -> machine.substitute("{\"a\": \"${Missing}\", \"b\": \"${Other}\"}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Resources.LifecycleStateMachine.Properties.DefinitionSubstitutions: no "
            + "value for the definition's placeholders ${Missing}, ${Other}");
  }

  @Test
  void unresolvableReferencesAreNamed() {
    assertThatThrownBy(() -> parse("Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
        + "    Properties:\n      Handler: a.B\n      Environment:\n        Variables:\n"
        + "          X: !Ref Missing\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Resources.F.Properties.Environment.Variables.X (Ref): no parameter, pseudo "
            + "parameter or resource named 'Missing'");
    assertThatThrownBy(() -> parse("Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
        + "    Properties:\n      Handler: a.B\n      Environment:\n        Variables:\n"
        + "          X: !ImportValue shared-vpc\n"))
        .hasMessageContaining("cannot import '\"shared-vpc\"'");
    assertThatThrownBy(() -> parse("Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
        + "    Properties:\n      Handler: a.B\n      Environment:\n        Variables:\n"
        + "          X: !GetAtt F.Nope\n"))
        .hasMessageContaining("attribute Nope of 'F' (AWS::Serverless::Function) cannot be "
            + "resolved locally");
    assertThatThrownBy(() -> parse("Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
        + "    Properties:\n      Handler: !Frobnicate x\n"))
        .hasMessageContaining("unknown tag !Frobnicate");
  }

  @Test
  void selfReferentialNamesAreReportedAsCircular() {
    assertThatThrownBy(() -> parse("Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
        + "    Properties:\n      Handler: a.B\n      FunctionName: !Sub '${F}-x'\n"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("circular reference");
  }

  @Test
  void aMissingHandlerOrResourcesIsReported() {
    assertThatThrownBy(() -> parse("Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
        + "    Properties:\n      Runtime: java21\n"))
        .hasMessage("Resources.F.Properties.Handler: is required for a Java function");
    assertThatThrownBy(() -> parse("Parameters: {}\n"))
        .hasMessageContaining("has no Resources mapping");
  }

  @Test
  void inlineDefinitionsAreWrittenAsJson() {
    SamTemplate template = parse("Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n"
        + "    Properties:\n      Definition:\n        StartAt: P\n        States:\n"
        + "          P: {Type: Pass, End: true, Result: '${Value}'}\n"
        + "      DefinitionSubstitutions:\n        Value: !Ref AWS::Region\n");
    StateMachineResource machine = template.stateMachine("M").orElseThrow();
    assertThat(machine.name()).isEqualTo("M");
    assertThat(machine.roleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle-MRole");
    assertThat(machine.definition()).isEqualTo("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":"
        + "\"Pass\",\"End\":true,\"Result\":\"us-east-1\"}}}");
  }
}

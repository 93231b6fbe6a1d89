package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading template.yaml: tags, Parameters, Conditions, Globals, references, substitutions. */
class SamTemplateTest {

  /** SAM's resources need its transform (CloudFormation does not know them without it). */
  static final String SAM = "Transform: AWS::Serverless-2016-10-31\n";

  static Path fixture() {
    try {
      return Path.of(SamTemplateTest.class.getResource("/template/template.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SamTemplate parse(String yaml) {
    return SamTemplate.parse(SAM + yaml, Path.of("inline/template.yaml"), Map.of());
  }

  /**
   * Lambda refuses a reserved key, a key off its pattern and variables over 4 KB as JSON (Lambda
   * developer guide, "Defined runtime environment variables"; API reference, EnvironmentVariables;
   * Lambda quotas): so does the template reader, naming the function and the variable.
   */
  @Test
  void environmentVariablesLambdaWouldRefuseAreRefusedWhenTheTemplateIsRead() {
    String function =
        "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n"
            + "      Handler: a.B\n      Runtime: java21\n      Environment:\n        Variables:\n";
    assertThatThrownBy(() -> parse(function + "          AWS_REGION: eu-west-1\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.F.Properties.Environment.Variables.AWS_REGION: reserved by the Lambda"
                + " runtime, which sets it itself");
    assertThatThrownBy(() -> parse(function + "          9LIVES: x\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Variables.9LIVES: Lambda takes keys matching");
    String large = "v".repeat(4096 - "{\"BIG\":\"\"}".length());
    assertThat(
            parse(function + "          BIG: " + large + "\n")
                .function("F")
                .orElseThrow()
                .environment())
        .containsKey("BIG");
    assertThatThrownBy(() -> parse(function + "          BIG: " + large + "v\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.F.Properties.Environment.Variables: 4097 bytes as JSON; Lambda refuses"
                + " environment variables over 4 KB (4096 bytes)");
    assertThat(
            parse(function + "          AWS_ENDPOINT_URL: http://127.0.0.1:4566\n").function("F"))
        .isPresent();
  }

  /**
   * Lambda's CreateFunction takes one of its runtimes (for a .zip package it is required), a
   * Timeout of 1 to 900 seconds, a MemorySize of 128 to 10,240 MB and an EphemeralStorage of 512 to
   * 10,240 MB (Lambda developer guide, "Lambda quotas", "Building Lambda functions with Java"), and
   * SnapStart only where it is supported.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|Resources.F.Properties.Runtime: is required for a function deployed as a .zip file",
        "Runtime: python3.13|Resources.F.Properties.Runtime: 'python3.13' is not one of Lambda's"
            + " Java runtimes",
        // The generated function's schema holds these before Lambda sees them.
        "Runtime: java21, Timeout: 0|Resources.F.Properties: CloudFormation refuses it: Properties"
            + " validation failed for resource F with message: #/Timeout: 0 is not greater or equal"
            + " to 1",
        "Runtime: java21, Timeout: 901|Resources.F.Properties: CloudFormation refuses it:"
            + " Properties validation failed for resource F with message: #/Timeout: 901 is not less"
            + " or equal to 900",
        "Runtime: java21, MemorySize: 127|Resources.F.Properties: CloudFormation refuses it:"
            + " Properties validation failed for resource F with message: #/MemorySize: 127 is not"
            + " greater or equal to 128",
        "Runtime: java21, MemorySize: 10241|Resources.F.Properties.MemorySize: Lambda takes 128 to"
            + " 10240 MB, got 10241",
        "Runtime: java21, EphemeralStorage: {Size: 256}|Resources.F.Properties: CloudFormation"
            + " refuses it: Properties validation failed for resource F with message:"
            + " #/EphemeralStorage/Size: 256 is not greater or equal to 512",
        // Lambda developer guide, "Improving startup performance with Lambda SnapStart".
        "Runtime: java8.al2, SnapStart: {ApplyOn: PublishedVersions}|Resources.F.Properties"
            + ".Runtime: SnapStart serves Java 11 and later, not java8.al2",
        "Runtime: java21, SnapStart: {ApplyOn: PublishedVersions}, EphemeralStorage: {Size: 1024}"
            + "|Resources.F.Properties.EphemeralStorage.Size: SnapStart does not support ephemeral"
            + " storage over 512 MB",
        "Runtime: java21, SnapStart: {ApplyOn: PublishedVersions}, AutoPublishAlias: live,"
            + " ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 1}"
            + "|Resources.F.Properties.ProvisionedConcurrencyConfig: SnapStart does not support"
            + " provisioned concurrency",
        "Runtime: java21, SnapStart: {ApplyOn: Always}|Resources.F.Properties: CloudFormation"
            + " refuses it: Properties validation failed for resource F with message:"
            + " #/SnapStart/ApplyOn: Always is not a valid enum value"
      })
  void aFunctionLambdaWouldNotCreateIsRefused(String properties, String refusal) {
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {"
                        + "Handler: a.B"
                        + (properties.isEmpty() ? "" : ", " + properties)
                        + "}\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(refusal);
  }

  /**
   * CloudFormation validates the values it hands the resource, parameters resolved: a Timeout given
   * through a parameter is held to the function's schema like a literal one.
   */
  @Test
  void aTimeoutGivenThroughAParameterIsHeldToTheSchemaOnceResolved() {
    assertThatThrownBy(
            () ->
                parse(
                    "Parameters:\n  T: {Type: Number, Default: 0}\nResources:\n  F:\n"
                        + "    Type: AWS::Serverless::Function\n"
                        + "    Properties: {Handler: a.B, Runtime: java21, Timeout: !Ref T}\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.F.Properties: CloudFormation refuses it: Properties validation failed for"
                + " resource F with message: #/Timeout: 0 is not greater or equal to 1");
  }

  private static String rule(String name, String targets) {
    return "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n"
        + (name == null ? "" : "      Name: '" + name + "'\n")
        + "      EventPattern: {source: [com.example.hr]}\n      Targets:\n"
        + targets;
  }

  private static String target(String id, String extra) {
    return "        - {Id: '"
        + id
        + "', Arn: 'arn:aws:sqs:us-east-1:123456789012:q'"
        + (extra == null ? "" : ", " + extra)
        + "}\n";
  }

  /**
   * A rule's Name and targets are held to PutRule and PutTargets (EventBridge API reference): a
   * Name and target Ids of 1 to 64 of [.-_A-Za-z0-9] (refused first by the rule's schema, as
   * CloudFormation does), Ids unique, at most five targets, an Input of at most 8,192 characters
   * and an InputPath of at most 256.
   */
  @Test
  void aRuleEventBridgeWouldRefuseIsRefusedNamingWhy() {
    assertThatThrownBy(() -> parse(rule("hr events", target("a", null))).eventRules())
        .hasMessage(
            "Resources.R.Properties: CloudFormation refuses it: Properties validation failed for"
                + " resource R with message: #/Name: failed validation constraint for keyword"
                + " [pattern]");
    assertThatThrownBy(() -> parse(rule(null, target("a b", null))).eventRules())
        .hasMessageEndingWith("#/Targets/0/Id: failed validation constraint for keyword [pattern]");
    assertThatThrownBy(() -> parse(rule(null, target("a", null) + target("a", null))).eventRules())
        .hasMessage("Resources.R.Properties: two targets have the Id 'a'");
    String six = "";
    for (int i = 0; i < 6; i++) {
      six += target("t" + i, null);
    }
    String sixTargets = six;
    assertThatThrownBy(() -> parse(rule(null, sixTargets)).eventRules())
        .hasMessage(
            "Resources.R.Properties: a rule takes at most 5 targets (EventBridge PutTargets), got 6");
    assertThatThrownBy(
            () ->
                parse(rule(null, target("a", "Input: '\"" + "x".repeat(8191) + "\"'")))
                    .eventRules())
        .hasMessageEndingWith("#/Targets/0/Input: expected maxLength: 8192, actual: 8193");
    assertThat(
            parse(rule("hr.events-1_x", target("a", "Input: '\"" + "x".repeat(8190) + "\"'")))
                .eventRules())
        .singleElement()
        .extracting(EventRuleResource::name)
        .isEqualTo("hr.events-1_x");
  }

  /**
   * SAM cuts the ids it makes for an event's rule and target to EventBridge's 64 characters (SAM
   * translator, generate_valid_target_id and EventsRule), so a long state machine and event name
   * still deploy: the local ids are SAM's.
   */
  @Test
  void samCutsTheRuleAndTargetIdsItMakesTo64Characters() {
    assertThat(
            EventSourceReader.samTruncated(
                "StudioUserLifecycleStateMachineIdentityCenterUserRemoved", "StepFunctionsTarget"))
        .isEqualTo("StudioUserLifecycleStateMachineIdentityCenterStepFunctionsTarget");
    assertThat(EventSourceReader.samTruncated("ShortOwnerEvent", "LambdaTarget"))
        .isEqualTo("ShortOwnerEventLambdaTarget");
    assertThat(
            EventSourceReader.samTruncated(
                "StudioUserLifecycleStateMachineIdentityCenterUserRemovedFromEveryGroupOfTheDomain",
                ""))
        .isEqualTo("StudioUserLifecycleStateMachineIdentityCenterUserRemovedFroEvent");
  }

  @Test
  void aFunctionsArchitectureComesFromGlobalsOrItselfAndIsX86ByDefault() {
    String function =
        "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.A\n      Runtime: java21\n";
    assertThat(
            parse(
                    "Globals:\n  Function:\n    Architectures: [arm64]\nResources:\n  A:\n"
                        + function)
                .function("A")
                .orElseThrow()
                .architecture())
        .isEqualTo("arm64");
    assertThat(
            parse("Resources:\n  A:\n" + function + "      Architectures: [arm64]\n")
                .function("A")
                .orElseThrow()
                .architecture())
        .isEqualTo("arm64");
    assertThat(
            SamTemplate.load(fixture()).function("GreetingFunction").orElseThrow().architecture())
        .isEqualTo("x86_64");
    // SAM adds a resource's list to the Globals' one: two architectures, which Lambda refuses.
    assertThatThrownBy(
            () ->
                parse(
                    "Globals:\n  Function:\n    Architectures: [arm64]\nResources:\n  A:\n"
                        + function
                        + "      Architectures: [x86_64]\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("#/Architectures: expected maximum item count: 1, found: 2");
    assertThatThrownBy(
            () -> parse("Resources:\n  A:\n" + function + "      Architectures: [aarch64]\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("#/Architectures/0: aarch64 is not a valid enum value");
  }

  /**
   * A function's EventInvokeConfig as SAM deploys it (Lambda API reference,
   * PutFunctionEventInvokeConfig: MaximumRetryAttempts 0 to 2, MaximumEventAgeInSeconds 60 to
   * 21600; SAM developer guide, OnFailure: SAM grants the role what the destination needs, for an
   * SQS queue sqs:SendMessage, as an inline policy of its own). What the local runtime does not
   * carry out is refused, naming the property.
   */
  @Test
  void eventInvokeConfigIsReadAsSamDeploysItAndWhatIsNotCarriedOutIsRefused() {
    String function =
        "Resources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n"
            + "      Handler: a.A\n      Runtime: java21\n      EventInvokeConfig:\n";
    String queue = "arn:aws:sqs:us-east-1:123456789012:Dlq";
    SamTemplate typed =
        parse(
            function
                + "        MaximumRetryAttempts: 1\n        DestinationConfig:\n"
                + "          OnFailure: {Type: SQS, Destination: '"
                + queue
                + "'}\n");
    assertThat(typed.function("A").orElseThrow().asyncRetries()).isEqualTo(1);
    assertThat(typed.function("A").orElseThrow().onFailureDestination()).contains(queue);
    assertThat(typed.policies("A").statements())
        .singleElement()
        .satisfies(
            statement -> {
              assertThat(statement.actions()).containsExactly("sqs:SendMessage");
              assertThat(statement.resources()).containsExactly(queue);
            });
    assertThat(typed.inlinePolicyDocuments("A"))
        .containsExactly(
            "{\"Statement\":[{\"Action\":\"sqs:SendMessage\",\"Effect\":\"Allow\",\"Resource\":\""
                + queue
                + "\"}]}");
    SamTemplate untyped =
        parse(
            function
                + "        DestinationConfig:\n          OnFailure: {Destination: '"
                + queue
                + "'}\n");
    assertThat(untyped.function("A").orElseThrow().asyncRetries()).isEqualTo(2);
    assertThat(untyped.policies("A").statements()).isEmpty();

    // Lambda retries one minute after the first attempt and two minutes after the second ("How
    // Lambda handles errors and retries with asynchronous invocation"): an event older than its
    // maximum age by then is not retried.
    Map<String, Integer> retriesByAge = Map.of("60", 0, "180", 1, "181", 2, "3600", 2);
    retriesByAge.forEach(
        (age, retries) ->
            assertThat(
                    parse(function + "        MaximumEventAgeInSeconds: " + age + "\n")
                        .function("A")
                        .orElseThrow()
                        .asyncRetries())
                .as("retries within %s seconds", age)
                .isEqualTo(retries));

    Map<String, String> refusals =
        Map.of(
            "        MaximumRetryAttempts: 3\n",
            "EventInvokeConfig.MaximumRetryAttempts: must be 0, 1 or 2 (Lambda's range), got 3",
            "        MaximumEventAgeInSeconds: 30\n",
            "EventInvokeConfig.MaximumEventAgeInSeconds: must be between 60 and 21600",
            "        DestinationConfig:\n          OnSuccess: {Type: SQS, Destination: '"
                + queue
                + "'}\n",
            "EventInvokeConfig.DestinationConfig.OnSuccess: is not carried out",
            "        DestinationConfig:\n"
                + "          OnFailure: {Type: SNS, Destination: 'arn:aws:sns:us-east-1:123456789012:t'}\n",
            "OnFailure.Type: the local runtime sends failed invocations to SQS queues only, got 'SNS'",
            "        DestinationConfig:\n          OnFailure: {Type: SQS}\n",
            "OnFailure.Destination: name the queue",
            "        DestinationConfig:\n"
                + "          OnFailure: {Destination: 'arn:aws:sns:us-east-1:123456789012:t'}\n",
            "OnFailure.Destination: must be an SQS queue's ARN");
    refusals.forEach(
        (config, message) ->
            assertThatThrownBy(() -> parse(function + config))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Resources.A.Properties.EventInvokeConfig")
                .hasMessageContaining(message));
    assertThatThrownBy(
            () ->
                parse(
                    function.replace(
                        "      EventInvokeConfig:\n",
                        "      DeadLetterQueue: {Type: SQS, TargetArn: '" + queue + "'}\n")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.A.Properties.DeadLetterQueue: is not carried out");
  }

  @Test
  void readsFunctionsWithGlobalsMergedIn() {
    SamTemplate template = SamTemplate.load(fixture());
    FunctionDefinition greeting = template.function("GreetingFunction").orElseThrow();
    assertThat(greeting.functionName()).isEqualTo("studio-lifecycle-greeting");
    assertThat(greeting.handlerClass())
        .isEqualTo("dev.studiolifecycle.local.lambda.fixtures.GreetingHandler");
    assertThat(greeting.handlerMethod()).contains("handleRequest");
    assertThat(greeting.runtime()).isEqualTo("java21");
    // The function's own Timeout wins over Globals; MemorySize comes from Globals.
    assertThat(greeting.timeoutSeconds()).isEqualTo(10);
    assertThat(greeting.memorySize()).isEqualTo(512);
    assertThat(greeting.arn())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting");
    assertThat(greeting.aliasArn())
        .contains("arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting:live");

    FunctionDefinition failing = template.function("FailingFunction").orElseThrow();
    assertThat(failing.functionName())
        .as("no FunctionName: the logical id")
        .isEqualTo("FailingFunction");
    assertThat(failing.timeoutSeconds()).isEqualTo(30);
    assertThat(failing.aliasArn()).isEmpty();
    assertThat(template.functionNamed("FailingFunction")).contains(failing);
  }

  @Test
  void environmentVariablesMergeWithGlobalsAndResolveEveryIntrinsic() {
    Map<String, String> environment =
        SamTemplate.load(fixture()).function("GreetingFunction").orElseThrow().environment();
    assertThat(environment)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("POWERTOOLS_SERVICE_NAME", "greeting"),
                Map.entry("POWERTOOLS_LOG_LEVEL", "DEBUG"),
                Map.entry("AWS_ACCOUNT_ID", "123456789012"),
                Map.entry("GREETING", "Hello"),
                Map.entry("BOUNDARY", "arn:aws:iam::123456789012:policy/studio-lifecycle-boundary"),
                Map.entry(
                    "POLICIES",
                    "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly,arn:aws:iam::aws:policy/AmazonSageMakerFeatureStoreAccess"),
                Map.entry("FIRST_POLICY", "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly"),
                Map.entry("SECOND_PART", "b"),
                Map.entry("DOMAIN", "d-fixture"),
                Map.entry(
                    "TOPIC", "arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications"),
                Map.entry("ENCODED", "aGk="),
                Map.entry(
                    "MACHINE",
                    "arn:aws:states:us-east-1:123456789012:stateMachine:studio-lifecycle-lifecycle"),
                Map.entry("CHAINED", "studio-lifecycle-notifications@us-east-1/d-fixture")));
  }

  @Test
  void parameterValuesOverrideDefaultsAndDriveConditions() {
    SamTemplate prod = SamTemplate.load(fixture(), Map.of("Stage", "prod"));
    Map<String, String> environment = prod.function("GreetingFunction").orElseThrow().environment();
    assertThat(environment)
        .containsEntry("PROD_ONLY", "yes")
        .containsEntry("POWERTOOLS_LOG_LEVEL", "INFO")
        .doesNotContainKey("DOMAIN");
    assertThat(prod.topics())
        .extracting(TopicResource::logicalId)
        .containsExactly("NotifyTopic", "PlainTopic", "ProdOnlyTopic");
    assertThat(SamTemplate.load(fixture()).topics())
        .extracting(TopicResource::logicalId)
        .containsExactly("NotifyTopic", "PlainTopic");
  }

  @Test
  void refusesParameterValuesThatAreNotAllowedOrNotDeclared() {
    assertThatThrownBy(() -> SamTemplate.load(fixture(), Map.of("Stage", "test")))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Parameters.Stage: 'test' is not one of its AllowedValues " + "[\"dev\",\"prod\"]");
    assertThatThrownBy(() -> SamTemplate.load(fixture(), Map.of("Nope", "x")))
        .hasMessage("The template has no parameter Nope");
  }

  private static final String CONSTRAINED =
      """
      Parameters:
        DomainId:
          Type: String
          AllowedPattern: 'd-(-*[a-z0-9]){1,61}'
          ConstraintDescription: must be a SageMaker domain id such as d-abcdef123456
        Extra: {Type: CommaDelimitedList, Default: '', AllowedPattern: '(d-[a-z0-9]+)?'}
        Seconds: {Type: Number, Default: 60, MinValue: 10, MaxValue: 3600}
        Name: {Type: String, Default: ab, MinLength: 2, MaxLength: 4}
      Resources: {}
      """;

  /**
   * CloudFormation user guide, "Parameters": AllowedPattern matches the whole value (each element
   * of a CommaDelimitedList), a Number is a number within MinValue and MaxValue, a String within
   * MinLength and MaxLength; a value that breaks one fails with the ConstraintDescription.
   */
  @Test
  void refusesParameterValuesThatBreakTheirConstraintsAsCloudFormationDoes() {
    assertThat(constrained(Map.of("DomainId", "d-abc123", "Extra", "d-a, d-b")).file()).isNotNull();
    assertThatThrownBy(() -> constrained(Map.of("DomainId", "D-ABC")))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Parameters.DomainId: 'D-ABC' failed to satisfy constraint: must be a SageMaker domain"
                + " id such as d-abcdef123456");
    assertThatThrownBy(() -> constrained(Map.of("DomainId", "xd-abc")))
        .as("the whole value must match")
        .hasMessageContaining("'xd-abc' failed to satisfy constraint");
    assertThatThrownBy(() -> constrained(Map.of("DomainId", "d-a", "Extra", "d-b,x")))
        .hasMessage(
            "Parameters.Extra: 'x' failed to satisfy constraint: must match pattern (d-[a-z0-9]+)?");
    assertThatThrownBy(() -> constrained(Map.of("DomainId", "d-a", "Seconds", "5")))
        .hasMessage("Parameters.Seconds: '5' failed to satisfy constraint: must be at least 10");
    assertThatThrownBy(() -> constrained(Map.of("DomainId", "d-a", "Seconds", "ten")))
        .hasMessage("Parameters.Seconds: 'ten' is not a number (its Type is Number)");
    assertThatThrownBy(() -> constrained(Map.of("DomainId", "d-a", "Name", "abcde")))
        .hasMessage(
            "Parameters.Name: 'abcde' failed to satisfy constraint: must have at most 4 characters");
  }

  private static SamTemplate constrained(Map<String, String> values) {
    return SamTemplate.parse(SAM + CONSTRAINED, Path.of("inline/template.yaml"), values);
  }

  /**
   * A key's policy decides who may use it; a key created without one gets KMS's default key policy,
   * which lets the account's IAM policies allow every KMS operation (KMS developer guide, "Default
   * key policy"). A key policy given as a JSON string reads like one given as a mapping.
   */
  @Test
  void keysCarryTheirKeyPolicyOrKmssDefaultOne() {
    SamTemplate template =
        parse(
            """
            Resources:
              Plain:
                Type: AWS::KMS::Key
              AsText:
                Type: AWS::KMS::Key
                Properties:
                  KeyPolicy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::123456789012:role/KeyAdmins"},
                    "Action": "kms:*", "Resource": "*"}]}'
            """);
    KeyResource plain =
        template.key(LocalAccount.arn("kms", "key/" + template.ref("Plain"))).orElseThrow();
    assertThat(plain.keyPolicy().at("/Statement/0/Principal/AWS").asText())
        .isEqualTo("arn:aws:iam::123456789012:root");
    assertThat(plain.keyPolicy().at("/Statement/0/Action").asText()).isEqualTo("kms:*");
    KeyResource asText =
        template.key(LocalAccount.arn("kms", "key/" + template.ref("AsText"))).orElseThrow();
    assertThat(asText.keyPolicy().at("/Statement/0/Principal/AWS").asText())
        .endsWith(":role/KeyAdmins");
    assertThat(template.key(LocalAccount.arn("kms", "key/other"))).isEmpty();
  }

  @Test
  void aKeyPolicyThatIsNotAPolicyDocumentIsRefusedNamingTheKey() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    Resources:
                      Broken:
                        Type: AWS::KMS::Key
                        Properties:
                          KeyPolicy: '{"Version": "2012-10-17"'
                    """))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.Broken.Properties.KeyPolicy: is not JSON");
    assertThatThrownBy(
            () ->
                parse(
                    """
                    Resources:
                      NoStatement:
                        Type: AWS::KMS::Key
                        Properties:
                          KeyPolicy: {Version: '2012-10-17'}
                    """))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(
            "Resources.NoStatement.Properties.KeyPolicy: must be a policy document with a"
                + " Statement");
  }

  /**
   * A rule's ARN names its bus unless it is on the default bus (EventBridge user guide, "Managing
   * access permissions to your Amazon EventBridge resources": {@code
   * rule/[event-bus-name]/rule-name}): what a queue policy's aws:SourceArn must match.
   */
  @Test
  void aRulesArnNamesItsBusUnlessItIsTheDefaultOne() {
    SamTemplate template =
        parse(
            """
            Resources:
              Bus:
                Type: AWS::Events::EventBus
                Properties: {Name: hr}
              OnBus:
                Type: AWS::Events::Rule
                Properties: {EventBusName: !Ref Bus, EventPattern: {source: [a]}}
              OnDefault:
                Type: AWS::Events::Rule
                Properties: {EventPattern: {source: [a]}}
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  Tags:
                    - {Key: on-bus, Value: !GetAtt OnBus.Arn}
                    - {Key: on-default, Value: !GetAtt OnDefault.Arn}
            """);
    JsonNode tags = template.resolvedResources().get("Queue").at("/Properties/Tags");
    assertThat(tags.at("/0/Value").asText())
        .isEqualTo("arn:aws:events:us-east-1:123456789012:rule/hr/OnBus");
    assertThat(tags.at("/1/Value").asText())
        .isEqualTo("arn:aws:events:us-east-1:123456789012:rule/OnDefault");
  }

  /**
   * DynamoDB tables as the local runtime serves them: a partition key, encrypted with the AWS
   * managed key or DynamoDB's own; what it does not serve is refused by name, not ignored.
   */
  @Test
  void tablesTheLocalRuntimeCannotServeAreRefusedNamingWhat() {
    String table =
        """
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
              KeySchema: [{AttributeName: id, KeyType: HASH}]
        """;
    assertThat(parse(table + "      SSESpecification: {SSEEnabled: true}\n").dynamoDbTables())
        .singleElement()
        .satisfies(t -> assertThat(t.keyName()).isEqualTo("id"));
    assertThatThrownBy(
            () ->
                parse(
                        table
                            + "      SSESpecification: {SSEEnabled: true, SSEType: KMS,"
                            + " KMSMasterKeyId: alias/tables}\n")
                    .dynamoDbTables())
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(
            "Resources.Table.Properties.SSESpecification.KMSMasterKeyId: a customer managed key");
    assertThatThrownBy(
            () ->
                parse(table + "      StreamSpecification: {StreamViewType: NEW_IMAGE}\n")
                    .dynamoDbTables())
        .hasMessage(
            "Resources.Table.Properties.StreamSpecification: not served by the local runtime");
    assertThatThrownBy(
            () ->
                parse(
                        table.replace(
                            "KeySchema: [{AttributeName: id, KeyType: HASH}]",
                            "KeySchema: [{AttributeName: id, KeyType: HASH},"
                                + " {AttributeName: at, KeyType: RANGE}]"))
                    .dynamoDbTables())
        .hasMessage(
            "Resources.Table.Properties.KeySchema: the local runtime serves a partition key only");
  }

  @Test
  void topicsResolveToArnsFromTopicNameOrLogicalId() {
    SamTemplate template = SamTemplate.load(fixture());
    assertThat(template.topics())
        .containsExactly(
            new TopicResource(
                "NotifyTopic",
                "studio-lifecycle-notifications",
                "arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications",
                null),
            new TopicResource(
                "PlainTopic", "PlainTopic", "arn:aws:sns:us-east-1:123456789012:PlainTopic", null));
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
    assertThat(machine.substitutions())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "GreetingFunctionArn",
                "arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting",
                "GreetingAliasArn",
                "arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting:live",
                "FailingFunctionName",
                "FailingFunction",
                "NotifyTopicArn",
                "arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications",
                "WaitSeconds",
                "30"));
    String definition = machine.definition();
    assertThat(definition)
        .contains(
            "\"FunctionName\": \"arn:aws:lambda:us-east-1:123456789012:"
                + "function:studio-lifecycle-greeting:live\"")
        .contains("\"Seconds\": 30,")
        .doesNotContain("${");
    assertThat(template.stateMachineFor(fixture().resolveSibling("statemachine/flow.asl.json")))
        .contains(machine);
  }

  @Test
  void aPlaceholderWithoutSubstitutionIsNamed() {
    StateMachineResource machine = SamTemplate.load(fixture()).stateMachines().get(0);
    assertThatThrownBy(() -> machine.substitute("{\"a\": \"${Missing}\", \"b\": \"${Other}\"}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.LifecycleStateMachine.Properties.DefinitionSubstitutions: no "
                + "value for the definition's placeholders ${Missing}, ${Other}");
  }

  @Test
  void unresolvableReferencesAreNamed() {
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
                        + "    Properties:\n      Handler: a.B\n      Runtime: java21\n      Environment:\n        Variables:\n"
                        + "          X: !Ref Missing\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.F.Properties.Environment.Variables.X (Ref): no parameter, pseudo "
                + "parameter or resource named 'Missing'");
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
                        + "    Properties:\n      Handler: a.B\n      Runtime: java21\n      Environment:\n        Variables:\n"
                        + "          X: !ImportValue shared-vpc\n"))
        .hasMessageContaining("cannot import '\"shared-vpc\"'");
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
                        + "    Properties:\n      Handler: a.B\n      Runtime: java21\n      Environment:\n        Variables:\n"
                        + "          X: !GetAtt G.Nope\n  G:\n    Type: AWS::Serverless::Function\n"
                        + "    Properties: {Handler: a.B, Runtime: java21}\n"))
        .hasMessageContaining(
            "attribute Nope of 'G' (AWS::Serverless::Function) cannot be " + "resolved locally");
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
                        + "    Properties:\n      Handler: !Frobnicate x\n      Runtime: java21\n"))
        .hasMessageContaining("unknown tag !Frobnicate");
  }

  @Test
  void selfReferentialNamesAreReportedAsCircular() {
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
                        + "    Properties:\n      Handler: a.B\n      Runtime: java21\n      FunctionName: !Sub '${F}-x'\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources: CloudFormation refuses the template: Circular dependency between"
                + " resources: [F]");
  }

  @Test
  void aMissingHandlerOrResourcesIsReported() {
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
                        + "    Properties:\n      Runtime: java21\n"))
        .hasMessage("Resources.F.Properties.Handler: is required for a Java function");
    assertThatThrownBy(() -> parse("Parameters: {}\n"))
        .hasMessageContaining("has no Resources mapping");
  }

  @Test
  void inlineDefinitionsAreWrittenAsJson() {
    SamTemplate template =
        parse(
            "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n"
                + "    Properties:\n      Definition:\n        StartAt: P\n        States:\n"
                + "          P: {Type: Pass, End: true, Result: '${Value}'}\n"
                + "      DefinitionSubstitutions:\n        Value: !Ref AWS::Region\n");
    StateMachineResource machine = template.stateMachine("M").orElseThrow();
    assertThat(machine.name()).isEqualTo("M");
    assertThat(machine.roleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle-MRole");
    assertThat(machine.definition())
        .isEqualTo(
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":"
                + "\"Pass\",\"End\":true,\"Result\":\"us-east-1\"}}}");
  }

  private static final String WIRED =
      """
      Parameters:
        HrSource: {Type: String, Default: com.example.hr}
        Allowed:
          Type: CommaDelimitedList
          Default: arn:aws:iam::aws:policy/AmazonSageMakerReadOnly,arn:aws:iam::aws:policy/AmazonSageMakerFeatureStoreAccess
        Extra: {Type: String, Default: ''}
      Conditions:
        HasExtra: !Not [!Equals [!Ref Extra, '']]
      Resources:
        Key:
          Type: AWS::KMS::Key
          Properties:
            KeyPolicy:
              Version: '2012-10-17'
              Statement: [{Effect: Allow, Principal: {AWS: !Ref AWS::AccountId}, Action: 'kms:*', Resource: '*'}]
        Dlq:
          Type: AWS::SQS::Queue
        Topic:
          Type: AWS::SNS::Topic
          Properties: {TopicName: hr, KmsMasterKeyId: !Ref Key}
        Starter:
          Type: AWS::Serverless::Function
          Properties:
            Handler: a.B::handleRequest
            Runtime: java21
            AutoPublishAlias: live
            Events:
              Hr:
                Type: SNS
                Properties:
                  Topic: !Ref Topic
                  FilterPolicy: {kind: [hr]}
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn}
            Policies:
              - Statement:
                  - Sid: Start
                    Effect: Allow
                    Action: states:StartExecution
                    Resource: !Ref Machine
                  - Sid: Attach
                    Effect: Allow
                    Action: [iam:AttachRolePolicy]
                    Resource: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x/*
                    Condition:
                      ArnEquals: {iam:PolicyARN: !Ref Allowed}
                  - !If
                    - HasExtra
                    - {Effect: Allow, Action: s3:GetObject, Resource: '*'}
                    - !Ref AWS::NoValue
              - SQSSendMessagePolicy: {QueueName: !GetAtt Dlq.QueueName}
              - arn:aws:iam::aws:policy/ReadOnlyAccess
        Machine:
          Type: AWS::Serverless::StateMachine
          Properties:
            Name: lifecycle
            Definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}
            Policies:
              - Statement:
                  - {Effect: Allow, Action: [kms:Decrypt], Resource: !GetAtt Key.Arn}
            Events:
              Hired:
                Type: EventBridgeRule
                Properties:
                  Pattern:
                    source: [!Ref HrSource]
                    detail: {eventId: [{exists: true}]}
                  InputTransformer:
                    InputPathsMap: {eventId: $.detail.eventId}
                    InputTemplate: !Sub '{"requestId": <eventId>, "region": "${AWS::Region}"}'
                  RetryPolicy: {MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600}
                  DeadLetterConfig: {Arn: !GetAtt Dlq.Arn}
        Unusable:
          Type: AWS::Events::Rule
          Properties:
            Name: hr-unusable
            EventBusName: arn:aws:events:us-east-1:123456789012:event-bus/hr
            EventPattern: '{"source": ["com.example.hr"]}'
            State: DISABLED
            Targets:
              - {Arn: !GetAtt Dlq.Arn, Id: queue}
      """;

  @Test
  void readsRulesThatSamGeneratesForStateMachineEventsAndPlainRules() {
    SamTemplate template = parse(WIRED);
    assertThat(template.eventRules())
        .extracting(EventRuleResource::logicalId)
        .containsExactly("MachineHired", "Unusable");
    EventRuleResource hired = template.eventRule("MachineHired").orElseThrow();
    assertThat(hired.eventBusName()).isEqualTo("default");
    assertThat(hired.enabled()).isTrue();
    assertThat(hired.arn()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/MachineHired");
    assertThat(hired.eventPattern().toString())
        .isEqualTo(
            "{\"source\":[\"com.example.hr\"],\"detail\":{\"eventId\":[{\"exists\":true}]}}");
    RuleTarget target = hired.targets().get(0);
    assertThat(target.id()).isEqualTo("MachineHiredStepFunctionsTarget");
    assertThat(target.arn())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:lifecycle");
    assertThat(target.inputPathsMap()).containsExactly(Map.entry("eventId", "$.detail.eventId"));
    assertThat(target.inputTemplate())
        .isEqualTo("{\"requestId\": <eventId>, \"region\": \"us-east-1\"}");
    assertThat(target.maximumRetryAttempts()).isEqualTo(4);
    assertThat(target.maximumEventAgeSeconds()).isEqualTo(600);
    assertThat(target.deadLetterQueue()).contains("arn:aws:sqs:us-east-1:123456789012:Dlq");

    EventRuleResource unusable = template.eventRule("Unusable").orElseThrow();
    assertThat(unusable.name()).isEqualTo("hr-unusable");
    assertThat(unusable.eventBusName()).isEqualTo("hr");
    assertThat(unusable.enabled()).isFalse();
    assertThat(unusable.eventPattern().get("source").get(0).asText()).isEqualTo("com.example.hr");
    assertThat(unusable.targets().get(0).transforms()).isFalse();
  }

  /** EventBridge quotas, "Event pattern size": 2,048 characters by default. */
  @Test
  void refusesAnEventPatternLongerThanEventBridgeAllows() {
    String sources =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> "\"com.example.hr" + i + "\"")
            .collect(java.util.stream.Collectors.joining(", "));
    SamTemplate template =
        parse(
            WIRED.replace(
                "'{\"source\": [\"com.example.hr\"]}'", "'{\"source\": [" + sources + "]}'"));

    assertThatThrownBy(template::eventRules)
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.Unusable.Properties.EventPattern: has ")
        .hasMessageContaining("EventBridge allows 2048 by default");
  }

  @Test
  void readsSnsSubscriptionsOfFunctions() {
    assertThat(parse(WIRED).snsSubscriptions())
        .singleElement()
        .satisfies(
            subscription -> {
              assertThat(subscription.functionLogicalId()).isEqualTo("Starter");
              assertThat(subscription.topicArn())
                  .isEqualTo("arn:aws:sns:us-east-1:123456789012:hr");
              assertThat(subscription.filter().orElseThrow().toString())
                  .isEqualTo("{\"kind\":[\"hr\"]}");
              assertThat(subscription.deadLetterQueue())
                  .contains("arn:aws:sqs:us-east-1:123456789012:Dlq");
            });
  }

  @Test
  void readsPoliciesExpandingSamTemplatesAndDroppingNoValue() {
    AttachedPolicies policies = parse(WIRED).policies("Starter");
    assertThat(policies.managedPolicies())
        .containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(policies.statements())
        .extracting(PolicyStatement::name)
        .containsExactly(
            "Start", "Attach", "Resources.Starter.Properties.Policies[1].SQSSendMessagePolicy");
    PolicyStatement attach = policies.statements().get(1);
    assertThat(attach.effect()).isEqualTo(PolicyStatement.Effect.ALLOW);
    assertThat(attach.actions()).containsExactly("iam:AttachRolePolicy");
    assertThat(attach.resources()).containsExactly("arn:aws:iam::123456789012:role/x/*");
    assertThat(attach.condition().toString())
        .isEqualTo(
            "{\"ArnEquals\":{\"iam:PolicyARN\":"
                + "[\"arn:aws:iam::aws:policy/AmazonSageMakerReadOnly\",\"arn:aws:iam::aws:policy/AmazonSageMakerFeatureStoreAccess\"]}}");
    assertThat(policies.statements().get(0).resources())
        .containsExactly("arn:aws:states:us-east-1:123456789012:stateMachine:lifecycle");
    assertThat(policies.statements().get(2).actions()).containsExactly("sqs:SendMessage*");
    assertThat(policies.statements().get(2).resources())
        .containsExactly("arn:aws:sqs:us-east-1:123456789012:Dlq");

    SamTemplate withExtra =
        SamTemplate.parse(SAM + WIRED, Path.of("inline/template.yaml"), Map.of("Extra", "yes"));
    assertThat(withExtra.policies("Starter").statements()).hasSize(4);
    assertThat(withExtra.policies("Machine").statements().get(0).resources())
        .singleElement()
        .asString()
        .matches("arn:aws:kms:us-east-1:123456789012:key/[0-9a-f-]{36}");
  }

  @Test
  void refusesPolicyStatementsThatIamWouldRefuse() {
    assertThatThrownBy(
            () ->
                parse(
                        "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
                            + "    Properties:\n      Handler: a.B\n      Runtime: java21\n      Policies:\n"
                            + "        - Statement: [{Effect: Permit, Action: x:Y, Resource: '*'}]\n")
                    .policies("F"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.F.Properties.Policies[0].Statement[0].Effect: must be Allow or "
                + "Deny, got 'Permit'");
    assertThatThrownBy(
            () ->
                parse(
                        "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
                            + "    Properties:\n      Handler: a.B\n      Runtime: java21\n      Policies:\n"
                            + "        - DynamoDBCrudPolicy: {TableName: t}\n")
                    .policies("F"))
        .hasMessageContaining("the SAM policy template DynamoDBCrudPolicy is not known");
    assertThatThrownBy(() -> parse(WIRED).policies("Topic"))
        .hasMessage("Resources.Topic: no function or state machine of that name");
  }

  /** A template that is not YAML is refused naming the file and the line, in the parser's words. */
  @Test
  void aTemplateThatIsNotYamlIsRefusedNamingTheLine(@TempDir Path project) throws IOException {
    Path template = project.resolve("template.yaml");
    Files.writeString(template, "Resources:\n  Topic:\n    bad: [unclosed\n    Type: x\n");

    assertThatThrownBy(() -> SamTemplate.load(template))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(template + " is not valid YAML: while parsing a flow sequence")
        .hasMessageContaining("line 3, column 10")
        .hasMessageNotContaining("[Source:");
  }
}

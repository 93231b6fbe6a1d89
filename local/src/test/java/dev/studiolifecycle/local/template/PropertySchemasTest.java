package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Below a resource's top-level properties CloudFormation holds the values to the type's resource
 * provider schema ("Properties validation failed for resource X with message: ..."): a misspelt key
 * in a subscription, a tag list written as a map, deploy nowhere on AWS, so nowhere here either.
 */
class PropertySchemasTest {

  private static SamTemplate parse(String resources) {
    return SamTemplate.parse(
        ResourceTypesTest.SAM + "Conditions:\n  Never: !Equals [a, b]\nResources:\n" + resources,
        Path.of("inline/template.yaml"),
        Map.of());
  }

  private static final String QUEUE = "  Queue:\n    Type: AWS::SQS::Queue\n";

  @Test
  void aKeyTheSchemaDoesNotPermitAndARequiredKeyMissingAreRefusedWithTheirPaths() {
    assertThatThrownBy(
            () ->
                parse(
                    QUEUE
                        + "  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                        + "      Subscription:\n"
                        + "        - {Endpoint: !GetAtt Queue.Arn, Protocol: sqs}\n"
                        + "        - {Endpoint: !GetAtt Queue.Arn, Protocl: sqs}\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.Topic.Properties: CloudFormation refuses it: Properties validation failed"
                + " for resource Topic with message: #/Subscription/1: extraneous key [Protocl] is"
                + " not permitted #/Subscription/1: required key [Protocol] not found");
  }

  @Test
  void aMapWhereTheSchemaWantsAListIsRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    "  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags: {team: ml}\n"))
        .hasMessage(
            "Resources.Topic.Properties: CloudFormation refuses it: Properties validation failed"
                + " for resource Topic with message: #/Tags: expected type: JSONArray, found:"
                + " JSONObject");
    assertThatThrownBy(
            () ->
                parse(
                    "  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                        + "      DisplayName: {Text: ops}\n"))
        .hasMessageEndingWith("#/DisplayName: expected type: String, found: JSONObject");
  }

  @Test
  void scalarsAreConvertedAndNoValueLeavesTheKeyOut() {
    SamTemplate template =
        parse(
            QUEUE
                + "  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                // CloudFormation converts scalars: a boolean given as a string is taken.
                + "      FifoTopic: 'false'\n"
                + "      Subscription:\n"
                + "        - !If [Never, {Endpoint: x, Protocol: sqs}, !Ref AWS::NoValue]\n"
                + "        - {Endpoint: !GetAtt Queue.Arn, Protocol: sqs}\n"
                + "      Tags: !If [Never, [{Key: a, Value: b}], !Ref AWS::NoValue]\n"
                + "      DisplayName: !Ref AWS::NoValue\n");
    assertThat(template.topics()).hasSize(1);
  }

  @Test
  void everyProblemOfTheResourceIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                parse(
                    "  Alarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n"
                        + "      ComparisonOperator: GreaterThanThreshold\n"
                        + "      EvaluationPeriods: 1\n"
                        + "      Threshold: 0\n"
                        + "      Namespace: AWS/States\n"
                        + "      MetricName: ExecutionsFailed\n"
                        + "      Period: 60\n"
                        + "      Statistic: Sum\n"
                        + "      Dimensions:\n"
                        + "        - {Nme: StateMachineArn, Value: x}\n"
                        + "        - Name: StateMachineArn\n"
                        + "        - StateMachineArn\n"))
        .hasMessageEndingWith(
            "with message: #/Dimensions/0: extraneous key [Nme] is not permitted"
                + " #/Dimensions/0: required key [Name] not found"
                + " #/Dimensions/1: required key [Value] not found"
                + " #/Dimensions/2: expected type: JSONObject, found: String");
  }

  @Test
  void aValueOutsideTheSchemasEnumIsRefusedComparedAsText() {
    assertThatThrownBy(
            () ->
                parse(
                    "  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
                        + "      RetentionInDays: 45\n"))
        .hasMessageEndingWith("with message: #/RetentionInDays: 45 is not a valid enum value");
    assertThat(
            parse(
                    "  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
                        + "      RetentionInDays: '30'\n")
                .resolvedResources())
        .containsKey("Logs");
  }

  @Test
  void patternsLengthsAndRangesAreHeldAsTheSchemaGivesThem() {
    assertThatThrownBy(
            () ->
                parse(
                    "  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n"
                        + "      LogGroupName: studio lifecycle\n"
                        + "      Tags: [{Key: '', Value: ml}]\n"))
        .hasMessageEndingWith(
            "with message: #/LogGroupName: failed validation constraint for keyword [pattern]"
                + " #/Tags/0/Key: expected minLength: 1, actual: 0");
    assertThatThrownBy(() -> parse(QUEUE + "    Properties: {DelaySeconds: 901}\n"))
        .hasMessageEndingWith("with message: #/DelaySeconds: 901 is not less or equal to 900");
    assertThat(
            parse(QUEUE + "    Properties: {DelaySeconds: '900', QueueName: !Ref AWS::StackName}\n")
                .resolvedResources())
        .containsKey("Queue");
  }

  // The branches below are the schemas' own; cfn-lint 1.51.0 reports each case too (E3017,
  // E3018). "2 subschemas matched instead of one" is what CloudFormation answers users who give
  // both of two exclusive properties.

  @Test
  void anObjectThatHoldsToNoBranchOfAOneOfIsRefusedWithTheProblemsOfEachBranch() {
    String bucket =
        "  Logs:\n    Type: AWS::S3::Bucket\n"
            + "  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n"
            + "      LoggingConfiguration:\n        DestinationBucketName: !Ref Logs\n";
    assertThatThrownBy(
            () ->
                parse(
                    bucket
                        + "        TargetObjectKeyFormat:\n          SimplePrefix: {}\n"
                        + "          PartitionedPrefix: {PartitionDateSource: EventTime}\n"))
        .hasMessageEndingWith(
            "Properties validation failed for resource Bucket with message:"
                + " #/LoggingConfiguration/TargetObjectKeyFormat: extraneous key"
                + " [PartitionedPrefix] is not permitted"
                + " #/LoggingConfiguration/TargetObjectKeyFormat: extraneous key [SimplePrefix] is"
                + " not permitted");
    assertThatThrownBy(() -> parse(bucket + "        TargetObjectKeyFormat: {}\n"))
        .hasMessageEndingWith(
            "with message: #/LoggingConfiguration/TargetObjectKeyFormat: required key"
                + " [SimplePrefix] not found #/LoggingConfiguration/TargetObjectKeyFormat: required"
                + " key [PartitionedPrefix] not found");
    assertThat(
            parse(bucket + "        TargetObjectKeyFormat: {SimplePrefix: {}}\n")
                .resolvedResources())
        .containsKey("Bucket");
  }

  @Test
  void twoExclusivePropertiesGivenTogetherAreTwoSubschemasMatchedInsteadOfOne() {
    String exclusion =
        "  Exclusion:\n    Type: AWS::EC2::VPCBlockPublicAccessExclusion\n    Properties:\n"
            + "      InternetGatewayExclusionMode: allow-egress\n"
            + "      VpcId: vpc-0123456789abcdef0\n";
    assertThatThrownBy(() -> parse(exclusion + "      SubnetId: subnet-0123456789abcdef0\n"))
        .hasMessage(
            "Resources.Exclusion.Properties: CloudFormation refuses it: Properties validation"
                + " failed for resource Exclusion with message: #: 2 subschemas matched instead of"
                + " one");
    assertThat(parse(exclusion).resolvedResources()).containsKey("Exclusion");
  }

  @Test
  void anAnyOfThatNoBranchHoldsIsRefusedAndOneBranchIsEnough() {
    String table =
        "  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n"
            + "      BillingMode: PAY_PER_REQUEST\n"
            + "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n"
            + "      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n";
    assertThatThrownBy(() -> parse(table + "      WarmThroughput: {}\n"))
        .hasMessageEndingWith(
            "with message: #/WarmThroughput: required key [ReadUnitsPerSecond] not found"
                + " #/WarmThroughput: required key [WriteUnitsPerSecond] not found");
    assertThat(
            parse(table + "      WarmThroughput: {ReadUnitsPerSecond: 12000}\n")
                .resolvedResources())
        .containsKey("Table");
    assertThatThrownBy(
            () ->
                parse(
                    "  Policy:\n    Type: AWS::IAM::Policy\n    Properties:\n"
                        + "      PolicyName: reader\n"
                        + "      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect:"
                        + " Allow, Action: 's3:GetObject', Resource: '*'}]}\n"))
        .hasMessageEndingWith(
            "with message: #: required key [Users] not found #: required key [Groups] not found"
                + " #: required key [Roles] not found");
  }
}

package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A template's sections and resource attributes as CloudFormation and the SAM transform take them:
 * a misspelt section or attribute, or SAM's resources without SAM's transform, deploy nowhere on
 * AWS, so they deploy nowhere here either.
 */
class TemplateSectionsTest {

  private static final String FUNCTION =
      "Resources:\n  F:\n    Type: AWS::Serverless::Function\n"
          + "    Properties: {Handler: a.B, Runtime: java21}\n";

  private static SamTemplate parse(String yaml) {
    return SamTemplate.parse(yaml, Path.of("inline/template.yaml"), Map.of());
  }

  @Test
  void aNullValueAnywhereIsRefusedNamingItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                        + "      DisplayName:\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.Topic.Properties.DisplayName: CloudFormation refuses the template: Template"
                + " validation error: [/Resources/Topic/Properties/DisplayName] 'null' values are"
                + " not allowed in templates");
    assertThatThrownBy(
            () ->
                parse(
                    "Mappings:\n  Teams:\n    ml: {Queue: }\n"
                        + "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"))
        .hasMessageContaining("[/Mappings/Teams/ml/Queue] 'null' values are not allowed");
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: [Queue, ~]\n"
                        + "  Queue:\n    Type: AWS::SQS::Queue\n"))
        .hasMessageContaining("[/Resources/Topic/DependsOn/1] 'null' values are not allowed");
  }

  @Test
  void samsResourcesNeedSamsTransform() {
    assertThatThrownBy(() -> parse(FUNCTION))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources: CloudFormation refuses the template: Template format error: Unrecognized"
                + " resource types: [AWS::Serverless::Function] (SAM's resources need Transform:"
                + " AWS::Serverless-2016-10-31)");
    assertThat(parse("Transform: AWS::Serverless-2016-10-31\n" + FUNCTION).functions())
        .containsKey("F");
    assertThat(parse("Transform: [AWS::Serverless-2016-10-31]\n" + FUNCTION).functions())
        .containsKey("F");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Resource:\\n  T: {Type: 'AWS::SNS::Topic'}|CloudFormation refuses the template: Template"
            + " format error: Invalid template property or properties [Resource]",
        "AWSTemplateFormatVersion: '2012-10-17'\\nResources:\\n  T: {Type: 'AWS::SNS::Topic'}"
            + "|AWSTemplateFormatVersion: '2012-10-17'; the only template format version is"
            + " 2010-09-09",
        "Globals: {Function: {Timeout: 10}}\\nResources:\\n  T: {Type: 'AWS::SNS::Topic'}|Globals:"
            + " only the AWS::Serverless-2016-10-31 transform reads Globals; the template has none",
        "Transform: AWS::LanguageExtensions\\nResources:\\n  T: {Type: 'AWS::SNS::Topic'}|Transform:"
            + " AWS::LanguageExtensions is not expanded by the local runtime, which expands"
            + " AWS::Serverless-2016-10-31 only",
        "Resources:\\n  T: {Type: 'AWS::SNS::Topic', Propertes: {TopicName: t}}|Resources.T:"
            + " CloudFormation refuses the template: Template format error: Invalid template"
            + " resource property 'Propertes'",
        "Resources:\\n  T: {Type: 'AWS::SNS::Topic', DeletionPolicy: Keep}|Resources.T"
            + ".DeletionPolicy: 'Keep' is not one of Delete, Retain, RetainExceptOnCreate, Snapshot",
        "Resources:\\n  T: {Type: 'AWS::DynamoDB::Table', UpdateReplacePolicy: Snapshot}|Resources.T"
            + ".UpdateReplacePolicy: Snapshot is only for the types CloudFormation can snapshot"
            + " (AWS::DocDB::DBCluster, AWS::EC2::Volume, AWS::ElastiCache::CacheCluster,"
            + " AWS::ElastiCache::ReplicationGroup, AWS::Neptune::DBCluster, AWS::RDS::DBCluster,"
            + " AWS::RDS::DBInstance, AWS::Redshift::Cluster), not AWS::DynamoDB::Table"
      })
  void whatCloudFormationRefusesInTheTemplatesFormIsRefused(String template, String refusal) {
    assertThatThrownBy(() -> parse(template.replace("\\n", "\n") + "\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(refusal);
  }

  @Test
  void aConditionThatReadsAResourceIsRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    "Conditions:\n  HasTopic: !Equals [!GetAtt Topic.TopicName, x]\nResources:\n"
                        + "  Topic: {Type: 'AWS::SNS::Topic'}\n"
                        + "  Queue: {Type: 'AWS::SQS::Queue', Condition: HasTopic}\n"))
        .hasMessage(
            "Conditions.HasTopic: CloudFormation refuses the template: Template format error:"
                + " Unresolved dependencies [Topic]. Cannot reference resources in the Conditions"
                + " block of the template");
    assertThat(
            parse(
                    "Parameters:\n  Name: {Type: String, Default: x}\nConditions:\n"
                        + "  Named: !Equals [!Ref Name, x]\nResources:\n"
                        + "  Topic: {Type: 'AWS::SNS::Topic', Condition: Named}\n")
                .topics())
        .hasSize(1);
  }

  @Test
  void mappingsHoldLiteralValuesUnderNamesOfLettersAndDigits() {
    String topic = "Resources:\n  T: {Type: 'AWS::SNS::Topic'}\n";
    assertThat(parse("Mappings:\n  Retention:\n    '7': {Seconds: 604800}\n" + topic).topics())
        .hasSize(1);
    assertThatThrownBy(
            () -> parse("Mappings:\n  Retention:\n    '7': {Seconds: !Ref AWS::Region}\n" + topic))
        .hasMessage(
            "Mappings.Retention.7.Seconds: a mapping's values are literal strings or lists of them,"
                + " not parameters or functions");
    assertThatThrownBy(() -> parse("Mappings:\n  Retention:\n    '7': {per-day: 604800}\n" + topic))
        .hasMessage(
            "Mappings.Retention.7.per-day: a name within a mapping is letters and digits only");
  }
}

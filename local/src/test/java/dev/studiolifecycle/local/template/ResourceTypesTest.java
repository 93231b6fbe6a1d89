package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Resources section as CloudFormation takes it: a misspelt type deploys nowhere on AWS
 * ("Unrecognized resource types"), so it deploys nowhere here either.
 */
class ResourceTypesTest {

  /** SAM's resources need its transform (CloudFormation does not know them without it). */
  static final String SAM = "Transform: AWS::Serverless-2016-10-31\n";

  private static SamTemplate parse(String resources) {
    return SamTemplate.parse(
        SAM + "Resources:\n" + resources, Path.of("inline/template.yaml"), Map.of());
  }

  @Test
  void aMisspeltTypeIsRefusedInCloudFormationsWords() {
    assertThatThrownBy(
            () ->
                parse(
                    "  Topic:\n    Type: AWS::SNS::Topics\n  Queue:\n    Type: AWS::SQS::Queue\n"
                        + "  Table:\n    Type: AWS::DynamoDB::Tabel\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources: CloudFormation refuses the template: Template format error: Unrecognized"
                + " resource types: [AWS::SNS::Topics, AWS::DynamoDB::Tabel]");
  }

  @Test
  void typesOfTheRegionSamsOwnAndCustomResourcesAreTaken() {
    assertThat(
            ResourceTypes.known("AWS::SageMaker::Domain")
                && ResourceTypes.known("AWS::Serverless::StateMachine")
                && ResourceTypes.known("Custom::StudioSetup")
                && ResourceTypes.known("AWS::CloudFormation::CustomResource"))
        .isTrue();
    assertThat(ResourceTypes.known("AWS::Serverless::Functions")).isFalse();
    assertThat(ResourceTypes.known("Custom::" + "x".repeat(61))).isFalse();
    assertThat(parse("  Topic:\n    Type: AWS::SNS::Topic\n").topics()).hasSize(1);
  }

  @Test
  void aResourceNeedsATypeAndALogicalIdOfLettersAndDigits() {
    assertThatThrownBy(() -> parse("  Topic:\n    Properties: {}\n"))
        .hasMessage("Resources.Topic.Type: is required, a string");
    assertThatThrownBy(() -> parse("  Ops-Topic:\n    Type: AWS::SNS::Topic\n"))
        .hasMessage("Resources.Ops-Topic: a resource's logical id is letters and digits only");
  }

  @Test
  void atMostFiveHundredResources() {
    StringBuilder resources = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      resources.append("  T").append(i).append(":\n    Type: AWS::SNS::Topic\n");
    }
    assertThat(parse(resources.toString()).topics()).hasSize(500);
    assertThatThrownBy(() -> parse(resources + "  T500:\n    Type: AWS::SNS::Topic\n"))
        .hasMessage("Resources: 501 resources; a template declares at most 500");
  }

  @Test
  void aResourceGivesOnlyItsTypesPropertiesAndThoseItRequires() {
    assertThatThrownBy(
            () -> parse("  Topic:\n    Type: AWS::SNS::Topic\n    Properties: {TopicNme: t}\n"))
        .hasMessage(
            "Resources.Topic.Properties.TopicNme: AWS::SNS::Topic has no such property, so"
                + " CloudFormation refuses it");
    assertThatThrownBy(
            () ->
                parse(
                    "  F:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.B,"
                        + " Runtime: java21, Enviroment: {Variables: {A: b}}}\n"))
        .hasMessage(
            "Resources.F.Properties.Enviroment: the SAM transform refuses it: Resource with id [F]"
                + " is invalid. property Enviroment not defined for resource of type"
                + " AWS::Serverless::Function");
    assertThatThrownBy(
            () -> parse("  Role:\n    Type: AWS::IAM::Role\n    Properties: {Path: /}\n"))
        .hasMessage(
            "Resources.Role.Properties.AssumeRolePolicyDocument: is required for AWS::IAM::Role");
    assertThat(
            parse(
                    "  Setup:\n    Type: Custom::StudioSetup\n    Properties: {ServiceToken: x, Any: y}\n")
                .resolvedResources())
        .containsKey("Setup");
  }
}

package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CloudFormation creates each resource after those it names (Ref, Fn::GetAtt, Fn::Sub, DependsOn)
 * and refuses a template whose resources wait for each other in a circle; SAM's generated roles and
 * event resources take part as SAM expands them.
 */
class ResourceDependenciesTest {

  /** SAM's resources need its transform (CloudFormation does not know them without it). */
  static final String SAM = "Transform: AWS::Serverless-2016-10-31\n";

  private static final String FUNCTION =
      "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.B\n"
          + "      Runtime: java21\n";

  private static SamTemplate parse(String yaml) {
    return SamTemplate.parse(SAM + yaml, Path.of("inline/template.yaml"), Map.of());
  }

  private static String circle(String members) {
    return "Resources: CloudFormation refuses the template: Circular dependency between resources: "
        + members;
  }

  @Test
  void twoResourcesThatNameEachOtherAreACircle() {
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                        + "      DisplayName: !GetAtt Queue.QueueName\n  Queue:\n"
                        + "    Type: AWS::SQS::Queue\n    Properties:\n"
                        + "      QueueName: !Sub '${Topic.TopicName}-queue'\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(circle("[Queue, Topic]"));
  }

  /**
   * SAM's issue 2099: a function's S3 event makes SAM add the notification to the bucket, so the
   * bucket waits for the function; a policy of the function's naming the bucket closes the circle.
   */
  @Test
  void aFunctionWhosePolicyNamesTheBucketOfItsS3EventIsACircle() {
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  Blobs:\n    Type: AWS::S3::Bucket\n  Process:\n"
                        + FUNCTION
                        + "      Policies:\n        - S3ReadPolicy:\n"
                        + "            BucketName: !Ref Blobs\n      Events:\n        Upload:\n"
                        + "          Type: S3\n          Properties: {Bucket: !Ref Blobs, Events:"
                        + " 's3:ObjectCreated:*'}\n"))
        .hasMessage(circle("[Blobs, Process, ProcessRole, ProcessUploadPermission]"));
  }

  @Test
  void withARoleOfItsOwnAFunctionsPoliciesAreIgnoredAsSamIgnoresThem() {
    assertThat(
            parse(
                    "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
                        + "      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement:"
                        + " [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action:"
                        + " 'sts:AssumeRole'}]}\n  F:\n"
                        + FUNCTION
                        + "      Role: !GetAtt Role.Arn\n      Policies:\n"
                        + "        - Statement: [{Effect: Allow, Action: 'lambda:InvokeFunction',"
                        + " Resource: !GetAtt F.Arn}]\n")
                .functions())
        .containsKey("F");
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n"
                        + FUNCTION
                        + "      Policies:\n        - Statement: [{Effect: Allow, Action:"
                        + " 'lambda:InvokeFunction', Resource: !GetAtt F.Arn}]\n"))
        .hasMessage(circle("[F, FRole]"));
  }

  @Test
  void aBranchOfFnIfWhoseConditionIsFalseNamesNothing() {
    String template =
        "Parameters:\n  Loop: {Type: String, Default: 'no'}\nConditions:\n"
            + "  Loops: !Equals [!Ref Loop, 'yes']\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
            + "    Properties:\n      DisplayName: !If [Loops, !GetAtt Queue.QueueName, plain]\n"
            + "  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n"
            + "      QueueName: !Sub '${Topic.TopicName}-queue'\n";

    assertThat(parse(template).topics()).hasSize(1);
    assertThatThrownBy(
            () ->
                SamTemplate.parse(
                    SAM + template, Path.of("inline/template.yaml"), Map.of("Loop", "yes")))
        .hasMessage(circle("[Queue, Topic]"));
  }

  @Test
  void dependsOnOrdersResourcesAndMustNameOneTheStackCreates() {
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n"
                        + "    Type: AWS::SNS::Topic\n    DependsOn: [A]\n"))
        .hasMessage(circle("[A, B]"));
    assertThatThrownBy(
            () -> parse("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: Missing\n"))
        .hasMessage(
            "Resources.A.DependsOn: CloudFormation refuses the template: Template format error:"
                + " Unresolved resource dependencies [Missing] in the Resources block of the"
                + " template");
  }

  /**
   * A DependsOn may name what SAM makes of the template (SAM specification, "Generated resources"):
   * a function's role, the alias AutoPublishAlias publishes.
   */
  @Test
  void dependsOnMayNameAResourceSamGenerates() {
    assertThat(
            parse(
                    "Resources:\n  F:\n"
                        + FUNCTION
                        + "      AutoPublishAlias: live\n  Topic:\n    Type: AWS::SNS::Topic\n"
                        + "    DependsOn: [FRole, FAliaslive]\n")
                .topics())
        .hasSize(1);
    assertThatThrownBy(
            () ->
                parse(
                    "Resources:\n  F:\n"
                        + FUNCTION
                        + "      Role: arn:aws:iam::123456789012:role/r\n  Topic:\n"
                        + "    Type: AWS::SNS::Topic\n    DependsOn: FRole\n"))
        .hasMessageStartingWith(
            "Resources.Topic.DependsOn: CloudFormation refuses the template: Template format error:"
                + " Unresolved resource dependencies [FRole]");
  }
}

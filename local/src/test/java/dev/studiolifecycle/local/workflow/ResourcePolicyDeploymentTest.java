package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFormation sets the template's topic, queue and bucket policies through SNS's
 * SetTopicAttributes, SQS's SetQueueAttributes and S3's PutBucketPolicy, which hold them to the
 * policy language's grammar, want a principal in every statement of a resource-based policy (IAM
 * User Guide, "IAM JSON policy elements: Principal") and take only their own service's actions. A
 * policy they would refuse stops the local deployment, naming the resource.
 */
class ResourcePolicyDeploymentTest {

  @TempDir Path project;

  @Test
  void aTopicPolicyGrantingAnotherServicesActionIsRefusedAsOutOfScope() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "            Action: [sns:Subscribe, sns:GetTopicAttributes, sns:Publish]\\n",
            "            Action: [sns:Subscribe, sns:GetTopicAttributes, sqs:SendMessage]\\n")
        .hasMessage(
            "Resources.NotificationTopicPolicy.Properties.PolicyDocument: SNS's SetTopicAttributes"
                + " refuses the policy: Policy statement action out of service scope!");
  }

  @Test
  void aBucketPolicyStatementWithoutPrincipalIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "          - Sid: TlsOnly\\n            Effect: Deny\\n            Principal: '*'\\n",
            "          - Sid: TlsOnly\\n            Effect: Deny\\n")
        .hasMessage(
            "Resources.ReconcileBucketPolicy.Properties.PolicyDocument: S3's PutBucketPolicy"
                + " refuses the policy: Missing required field Principal");
  }

  @Test
  void aQueuePolicyWhoseResourceIsTheQueuesNameIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "            Resource: !GetAtt HrEventsDeadLetterQueue.Arn\\n",
            "            Resource: !GetAtt HrEventsDeadLetterQueue.QueueName\\n")
        .hasMessageStartingWith(
            "Resources.HrEventsDeadLetterQueuePolicy.Properties.PolicyDocument: SQS's"
                + " SetQueueAttributes refuses the policy: Resource ")
        .hasMessageEndingWith(" must be in ARN format or \"*\".");
  }

  @Test
  void aConditionWithAMisspeltOperatorIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "            Condition:\\n              Bool:\\n                aws:SecureTransport",
            "            Condition:\\n              Boolean:\\n                aws:SecureTransport")
        .hasMessage(
            "Resources.ReconcileBucketPolicy.Properties.PolicyDocument: S3's PutBucketPolicy"
                + " refuses the policy: Syntax errors in policy.");
  }

  /**
   * IAM holds an identity policy's Sid to letters and digits; S3 takes spaces in a bucket policy's
   * (its user guide's bucket policy examples have them), so a resource policy's Sid is not held to
   * IAM's rule.
   */
  @Test
  void aBucketPolicySidWithSpacesDeploysAndTheLifecycleRuns() {
    LifecycleSimulation.deployEdited(
        project, Map.of("          - Sid: TlsOnly\n", "          - Sid: TLS only\n"));

    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "onboarding-iam-propagation.json", Map.of())) {
      assertThat(simulation.run("onboard-iam-new-role.json").status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}

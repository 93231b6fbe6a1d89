package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.permissions.IamRequest;
import dev.studiolifecycle.local.permissions.PolicyEvaluator;
import dev.studiolifecycle.local.template.ManagedPolicyResource;
import dev.studiolifecycle.local.template.PolicyStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data a person's role can reach, read from template.yaml's permissions boundary as deployed in
 * account 123456789012: the ceiling whatever policies the role gets. The emulator serves no Studio
 * user's S3, KMS, Glue, Athena or Logs calls, so the boundary is evaluated directly, with the keys
 * IAM gives those requests (aws:ResourceAccount: the account that owns the resource).
 */
class StudioUserBoundaryTest {

  private static final String ACCOUNT = "123456789012";
  private static final String OTHER_ACCOUNT = "210987654321";

  private final List<PolicyStatement> boundary = boundary();

  private static List<PolicyStatement> boundary() {
    ManagedPolicyResource policy =
        ProjectFiles.template().managedPolicies().stream()
            .filter(p -> p.logicalId().equals("StudioUserRoleBoundary"))
            .findFirst()
            .orElseThrow();
    return PolicyStatement.ofDocument(policy.policyDocument(), policy.logicalId());
  }

  private boolean allows(String action, String resource, String... keysAndValues) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    context.put("aws:PrincipalTag/studio-lifecycle:user-profile", List.of("jane-doe"));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      context.put(keysAndValues[i], List.of(keysAndValues[i + 1]));
    }
    return PolicyEvaluator.evaluate(boundary, new IamRequest(action, resource, context, "test"))
        .allowed();
  }

  @Test
  void objectsAreReadWhereverBucketPoliciesAllowButWrittenOnlyInTheAccountsBuckets() {
    assertThat(
            allows(
                "s3:GetObject", "arn:aws:s3:::public-data/x", "aws:ResourceAccount", OTHER_ACCOUNT))
        .isTrue();
    assertThat(allows("s3:PutObject", "arn:aws:s3:::team-data/x", "aws:ResourceAccount", ACCOUNT))
        .isTrue();
    assertThat(
            allows("s3:PutObject", "arn:aws:s3:::outside/x", "aws:ResourceAccount", OTHER_ACCOUNT))
        .as("a notebook cannot copy data out of the account")
        .isFalse();
    assertThat(allows("s3:PutObject", "arn:aws:s3:::unknown-owner/x")).isFalse();
    assertThat(
            allows(
                "s3:DeleteObject", "arn:aws:s3:::outside/x", "aws:ResourceAccount", OTHER_ACCOUNT))
        .isFalse();
  }

  @Test
  void nobodyListsAnotherPersonsPrefixOfAPersonalBucket() {
    String bucket = "arn:aws:s3:::team-home";
    assertThat(allows("s3:ListBucket", bucket, "s3:prefix", "users/jane-doe/")).isTrue();
    assertThat(allows("s3:ListBucket", bucket, "s3:prefix", "users/jane-doe/runs/")).isTrue();
    assertThat(allows("s3:ListBucket", bucket, "s3:prefix", "users/bob-roe/")).isFalse();
    assertThat(allows("s3:ListBucket", bucket, "s3:prefix", "users/")).isFalse();
    assertThat(allows("s3:ListBucket", bucket, "s3:prefix", "datasets/")).isTrue();
  }

  @Test
  void noBucketsPolicyAclOrConfigurationChangesAndOnlySageMakersDefaultBucketIsCreated() {
    for (String action :
        List.of(
            "s3:PutBucketPolicy",
            "s3:DeleteBucketPolicy",
            "s3:PutBucketAcl",
            "s3:PutObjectAcl",
            "s3:PutBucketPublicAccessBlock",
            "s3:DeleteBucket")) {
      assertThat(allows(action, "arn:aws:s3:::team-data", "aws:ResourceAccount", ACCOUNT))
          .as(action)
          .isFalse();
    }
    assertThat(allows("s3:CreateBucket", "arn:aws:s3:::sagemaker-us-east-1-" + ACCOUNT)).isTrue();
    assertThat(allows("s3:CreateBucket", "arn:aws:s3:::anything-else")).isFalse();
  }

  @Test
  void kmsKeysGlueAndAthenaOnlyOfTheAccountAndGlueReadOnly() {
    assertThat(allows("kms:Decrypt", "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/k1")).isTrue();
    assertThat(allows("kms:Decrypt", "arn:aws:kms:us-east-1:" + OTHER_ACCOUNT + ":key/k1"))
        .isFalse();
    assertThat(allows("kms:CreateGrant", "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/k1")).isFalse();

    String table = "arn:aws:glue:us-east-1:" + ACCOUNT + ":table/sales/orders";
    assertThat(allows("glue:GetTable", table)).isTrue();
    assertThat(allows("glue:DeleteTable", table)).isFalse();
    assertThat(allows("glue:UpdateTable", table)).isFalse();
    assertThat(allows("glue:GetTable", table.replace(ACCOUNT, OTHER_ACCOUNT))).isFalse();

    String workgroup = "arn:aws:athena:us-east-1:" + ACCOUNT + ":workgroup/primary";
    assertThat(allows("athena:StartQueryExecution", workgroup)).isTrue();
    assertThat(allows("athena:DeleteWorkGroup", workgroup)).isFalse();
    assertThat(allows("athena:UpdateWorkGroup", workgroup)).isFalse();
    assertThat(allows("athena:ListWorkGroups", "*")).isTrue();
  }

  @Test
  void logsOnlyOfSageMakerNeverTheWorkflowsOwnOrAnyAuditTrail() {
    String sageMakerLogs =
        "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/aws/sagemaker/TrainingJobs:*";
    assertThat(allows("logs:PutLogEvents", sageMakerLogs)).isTrue();
    assertThat(allows("logs:GetLogEvents", sageMakerLogs)).isTrue();
    assertThat(allows("logs:DeleteLogGroup", sageMakerLogs)).isFalse();
    assertThat(
            allows(
                "logs:GetLogEvents",
                "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/aws/lambda/studio-lifecycle:*"))
        .isFalse();
    assertThat(allows("cloudwatch:DeleteAlarms", "*")).isFalse();
  }

  @Test
  void theDomainsFileSystemIsMountedNeverDeletedOrReconfigured() {
    String fileSystem =
        "arn:aws:elasticfilesystem:us-east-1:" + ACCOUNT + ":file-system/fs-0123456789abcdef0";
    assertThat(allows("elasticfilesystem:ClientMount", fileSystem)).isTrue();
    assertThat(allows("elasticfilesystem:DeleteFileSystem", fileSystem)).isFalse();
    assertThat(allows("elasticfilesystem:PutFileSystemPolicy", fileSystem)).isFalse();
    assertThat(allows("elasticfilesystem:DeleteMountTarget", fileSystem)).isFalse();
  }

  @Test
  void neverAnyIamChangeAndNoPassingOfAnotherPersonsRole() {
    String own = "arn:aws:iam::" + ACCOUNT + ":role/studio-lifecycle/studio-jane-doe-studiolocal01";
    String other =
        "arn:aws:iam::" + ACCOUNT + ":role/studio-lifecycle/studio-bob-roe-studiolocal01";
    assertThat(
            allows(
                "iam:PassRole",
                own,
                "iam:PassedToService",
                "sagemaker.amazonaws.com",
                "aws:ResourceTag/studio-lifecycle:user-profile",
                "jane-doe"))
        .isTrue();
    assertThat(
            allows(
                "iam:PassRole",
                other,
                "iam:PassedToService",
                "sagemaker.amazonaws.com",
                "aws:ResourceTag/studio-lifecycle:user-profile",
                "bob-roe"))
        .isFalse();
    assertThat(allows("iam:PassRole", own, "iam:PassedToService", "sagemaker.amazonaws.com"))
        .as("a role without the owner tag is nobody's")
        .isFalse();
    for (String action :
        List.of(
            "iam:PutRolePolicy",
            "iam:AttachRolePolicy",
            "iam:UpdateAssumeRolePolicy",
            "iam:DeleteRolePermissionsBoundary",
            "iam:TagRole",
            "iam:UntagRole")) {
      assertThat(allows(action, own)).as(action).isFalse();
    }
  }
}

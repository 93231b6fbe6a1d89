package dev.studiolifecycle.local.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;

/**
 * IAM holds a policy to the grammar of the IAM User Guide ("Grammar of the IAM JSON policy
 * language", and the pages of the Sid, Action, Resource and Condition elements) before it stores
 * it: a policy CloudFormation or a function writes that IAM would refuse is refused here too, over
 * the SDK, as {@code MalformedPolicyDocumentException}.
 */
class PolicyGrammarTest {

  private static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final IamClient iam = aws.clients().iam;

  @BeforeEach
  void seed() {
    iam.createRole(r -> r.roleName("fn").assumeRolePolicyDocument(TRUST));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            "a resource that is not an ARN",
            statement("\"Action\":\"s3:GetObject\",\"Resource\":\"my-bucket/*\""),
            "Resource my-bucket/* must be in ARN format or \"*\"."),
        Arguments.of(
            "a resource ARN cut short",
            statement("\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3\""),
            "Resource arn:aws:s3 must be in ARN format or \"*\"."),
        Arguments.of(
            "a resource of another partition",
            statement("\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws-cn:s3:::b\""),
            "Partition \"aws-cn\" is not valid for resource \"arn:aws-cn:s3:::b\"."),
        Arguments.of(
            "a wildcard in the service segment",
            statement("\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s*:::b\""),
            "Resource vendor must be fully qualified and cannot contain regexes."),
        Arguments.of(
            "an IAM resource with a Region",
            statement(
                "\"Action\":\"iam:GetRole\",\"Resource\":"
                    + "\"arn:aws:iam:us-east-1:123456789012:role/x\""),
            "IAM resource arn:aws:iam:us-east-1:123456789012:role/x cannot contain region"
                + " information."),
        Arguments.of(
            "an S3 resource with a Region",
            statement("\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:us-east-1::b\""),
            "Resource arn:aws:s3:us-east-1::b can not contain region information."),
        Arguments.of(
            "an IAM resource of no IAM resource type",
            statement(
                "\"Action\":\"iam:GetRole\",\"Resource\":\"arn:aws:iam::123456789012:roles/x\""),
            "IAM resource path must either be \"*\" or start with"),
        Arguments.of(
            "an action without its service",
            statement("\"Action\":\"GetObject\",\"Resource\":\"*\""),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        Arguments.of(
            "an action with two colons",
            statement("\"Action\":\"s3:Get:Object\",\"Resource\":\"*\""),
            "Actions/Condition can contain only one colon."),
        Arguments.of(
            "a wildcard in an action's service",
            statement("\"Action\":\"*:Untag*\",\"Resource\":\"*\""),
            "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards"),
        Arguments.of(
            "an empty action list",
            statement("\"Action\":[],\"Resource\":\"*\""),
            "Policy statement must contain actions."),
        Arguments.of(
            "a Sid with a hyphen",
            statement("\"Sid\":\"Read-Objects\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\""),
            "Statement IDs (SID) must be alpha-numeric."),
        Arguments.of(
            "two statements with one Sid",
            "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"},"
                + "{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"*\"}]}",
            "Statement IDs (SID) in a single policy must be unique."),
        Arguments.of(
            "a misspelt statement element",
            statement("\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Conditions\":{}"),
            "Syntax errors in policy."),
        Arguments.of(
            "a misspelt policy element",
            "{\"Version\":\"2012-10-17\",\"Statements\":[],\"Statement\":"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}",
            "Syntax errors in policy."),
        Arguments.of(
            "both Action and NotAction",
            statement("\"Action\":\"s3:GetObject\",\"NotAction\":\"s3:Put*\",\"Resource\":\"*\""),
            "Syntax errors in policy."),
        Arguments.of(
            "a resource that is an object",
            statement("\"Action\":\"s3:GetObject\",\"Resource\":{\"Ref\":\"Bucket\"}"),
            "Syntax errors in policy."),
        Arguments.of(
            "no statement",
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            "Syntax errors in policy."),
        Arguments.of(
            "an unknown condition operator",
            statement(
                "\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":"
                    + "{\"StringEqual\":{\"aws:PrincipalTag/team\":\"ml\"}}"),
            "Syntax errors in policy."),
        Arguments.of(
            "Null with IfExists",
            statement(
                "\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":"
                    + "{\"NullIfExists\":{\"aws:PrincipalTag/team\":\"true\"}}"),
            "Syntax errors in policy."),
        Arguments.of(
            "a condition key without its service",
            statement(
                "\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":"
                    + "{\"StringEquals\":{\"SourceAccount\":\"123456789012\"}}"),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        Arguments.of(
            "a condition value that is an object",
            statement(
                "\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":"
                    + "{\"StringEquals\":{\"aws:SourceAccount\":{\"Ref\":\"AWS::AccountId\"}}}"),
            "Syntax errors in policy."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void putRolePolicyRefusesWhatIamsGrammarRefuses(String what, String document, String message) {
    assertThatThrownBy(
            () -> iam.putRolePolicy(r -> r.roleName("fn").policyName("p").policyDocument(document)))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessageContaining(message);
    assertThat(iam.listRolePolicies(r -> r.roleName("fn")).policyNames()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void createPolicyRefusesTheSameDocuments(String what, String document, String message) {
    assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("p").policyDocument(document)))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessageContaining(message);
  }

  /**
   * What the guide allows stays allowed: wildcards in any segment but the service, a {@code *}
   * ending a segment standing for the colons after it, policy variables, condition operators with
   * their qualifiers, and values that are Booleans or numbers.
   */
  @Test
  void theFormsTheGuideAllowsAreStored() {
    String document =
        "{\"Version\":\"2012-10-17\",\"Id\":\"Functions\",\"Statement\":["
            + "{\"Sid\":\"ReadDomains\",\"Effect\":\"Allow\",\"Action\":[\"sagemaker:Describe*\","
            + "\"sagemaker:List*\"],\"Resource\":[\"arn:*:sagemaker:*:*:domain/d-abc\","
            + "\"arn:aws:sagemaker:us-east-?:123456789012:user-profile/d-abc/*\","
            + "\"arn:aws:logs:*\"]},"
            + "{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\","
            + "\"Resource\":\"arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*\","
            + "\"Condition\":{\"ForAllValues:StringEqualsIgnoreCaseIfExists\":"
            + "{\"aws:TagKeys\":[\"team\"]},\"Bool\":{\"aws:SecureTransport\":true},"
            + "\"NumericLessThan\":{\"s3:max-keys\":10},\"Null\":{\"aws:PrincipalTag/team\":"
            + "\"false\"}}},"
            + "{\"Effect\":\"Deny\",\"Action\":\"iam:PassRole\",\"NotResource\":"
            + "\"arn:aws:iam::123456789012:role/studio-lifecycle/*\"}]}";

    iam.putRolePolicy(r -> r.roleName("fn").policyName("p").policyDocument(document));

    assertThat(iam.listRolePolicies(r -> r.roleName("fn")).policyNames()).containsExactly("p");
  }

  private static String statement(String body) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\"," + body + "}}";
  }
}

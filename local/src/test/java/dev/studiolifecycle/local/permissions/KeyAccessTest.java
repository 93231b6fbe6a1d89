package dev.studiolifecycle.local.permissions;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.template.KeyResource;
import dev.studiolifecycle.local.template.PolicyStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * KMS's order of evaluation for a key (KMS developer guide, "Key policies in AWS KMS"): "Unless the
 * key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key".
 */
class KeyAccessTest {

  private static final String KEY = LocalAccount.arn("kms", "key/1234abcd");
  private static final String ROLE = LocalAccount.globalArn("iam", "role/NotifierRole");
  private static final String SESSION =
      LocalAccount.globalArn("sts", "assumed-role/NotifierRole/notifier");
  private static final String ROOT = LocalAccount.globalArn("iam", "root");
  private static final IamRequest ENCRYPT =
      new IamRequest(
          "kms:GenerateDataKey",
          KEY,
          Map.of("kms:ViaService", List.of("sns.us-east-1.amazonaws.com")),
          "test");

  private static final List<PolicyStatement> ROLE_MAY_ENCRYPT =
      PolicyStatement.ofDocument(
          json(
              "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                  + " \"Action\": [\"kms:GenerateDataKey\", \"kms:Decrypt\"], \"Resource\": \""
                  + KEY
                  + "\"}]}"),
          "identity");

  private static KeyResource key(String statements) {
    return new KeyResource(
        "TopicKey",
        KEY,
        json("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}"),
        false);
  }

  private static String statement(String effect, String principal, String action) {
    return "{\"Effect\": \""
        + effect
        + "\", \"Principal\": "
        + principal
        + ", \"Action\": \""
        + action
        + "\", \"Resource\": \"*\"}";
  }

  private static final KeyResource ACCOUNT_ENABLES_IAM =
      key(statement("Allow", "{\"AWS\": \"" + ROOT + "\"}", "kms:*"));

  @Test
  void aKeyPolicyThatEnablesIamPoliciesLetsTheRolesOwnPolicyDecide() {
    assertThat(KeyAccess.refusal(ACCOUNT_ENABLES_IAM, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT))
        .isEmpty();
    assertThat(KeyAccess.refusal(ACCOUNT_ENABLES_IAM, SESSION, List.of(), ENCRYPT))
        .contains("because no identity-based policy allows the kms:GenerateDataKey action");
  }

  @Test
  void anAccountIdAsPrincipalEnablesIamPoliciesLikeTheRootArn() {
    KeyResource byId =
        key(statement("Allow", "{\"AWS\": \"" + LocalAccount.ACCOUNT_ID + "\"}", "kms:*"));
    assertThat(KeyAccess.refusal(byId, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT)).isEmpty();
  }

  @Test
  void withoutTheKeyPolicysPermissionTheRolesOwnGrantHasNoEffect() {
    KeyResource adminsOnly =
        key(
            statement(
                "Allow",
                "{\"AWS\": \"" + LocalAccount.globalArn("iam", "role/KeyAdmins") + "\"}",
                "kms:*"));
    assertThat(KeyAccess.refusal(adminsOnly, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith(
                        "because no resource-based policy allows the kms:GenerateDataKey action")
                    .contains("TopicKey"));
  }

  @Test
  void aKeyPolicyThatEnablesIamPoliciesForOtherActionsOnlyDoesNotEnableThisOne() {
    KeyResource describeOnly =
        key(statement("Allow", "{\"AWS\": \"" + ROOT + "\"}", "kms:DescribeKey"));
    assertThat(KeyAccess.refusal(describeOnly, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT)).isPresent();
  }

  @Test
  void aKeyPolicyThatNamesTheRoleAllowsWithoutAnIdentityGrant() {
    KeyResource namesRole = key(statement("Allow", "{\"AWS\": [\"" + ROLE + "\"]}", "kms:*"));
    assertThat(KeyAccess.refusal(namesRole, SESSION, List.of(), ENCRYPT)).isEmpty();
  }

  @Test
  void anExplicitDenyInTheKeyPolicyWinsOverEveryAllow() {
    KeyResource denies =
        key(
            statement("Allow", "{\"AWS\": \"" + ROLE + "\"}", "kms:*")
                + ", "
                + statement("Allow", "{\"AWS\": \"" + ROOT + "\"}", "kms:*")
                + ", "
                + statement("Deny", "\"*\"", "kms:GenerateDataKey"));
    assertThat(KeyAccess.refusal(denies, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT))
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("with an explicit deny in a resource-based policy"));
  }

  @Test
  void aDenyNamingTheAccountAppliesToEveryRoleInIt() {
    KeyResource denies =
        key(
            statement("Allow", "{\"AWS\": \"" + ROLE + "\"}", "kms:*")
                + ", "
                + statement("Deny", "{\"AWS\": \"" + ROOT + "\"}", "kms:GenerateDataKey"));
    assertThat(KeyAccess.refusal(denies, SESSION, List.of(), ENCRYPT))
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("with an explicit deny in a resource-based policy"));
  }

  /**
   * IAM User Guide, "AWS JSON policy elements: NotPrincipal": a Deny leaves out an assumed-role
   * session only when it names the session, its role and its account.
   */
  @Test
  void aDenyWithNotPrincipalAppliesToEveryoneItDoesNotName() {
    String denyAllBut =
        "{\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": [\"%s\"]},"
            + " \"Action\": \"kms:GenerateDataKey\", \"Resource\": \"*\"}";
    String allowAccount = statement("Allow", "{\"AWS\": \"" + ROOT + "\"}", "kms:*");
    KeyResource othersOnly =
        key(
            allowAccount
                + ", "
                + denyAllBut.formatted(LocalAccount.globalArn("iam", "role/KeyAdmins")));
    assertThat(KeyAccess.refusal(othersOnly, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT))
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("with an explicit deny in a resource-based policy"));
    // Naming the role alone leaves its session and account denied; all three leave it out.
    KeyResource roleOnly = key(allowAccount + ", " + denyAllBut.formatted(ROLE));
    assertThat(KeyAccess.refusal(roleOnly, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT)).isPresent();
    KeyResource sessionRoleAndAccount =
        key(
            allowAccount
                + ", "
                + denyAllBut.formatted(SESSION + "\", \"" + ROLE + "\", \"" + ROOT));
    assertThat(KeyAccess.refusal(sessionRoleAndAccount, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT))
        .isEmpty();
  }

  @Test
  void anExplicitDenyInTheRolesPolicyWinsOverTheKeyPolicysAllow() {
    KeyResource namesRole = key(statement("Allow", "{\"AWS\": \"" + ROLE + "\"}", "kms:*"));
    List<PolicyStatement> denies =
        PolicyStatement.ofDocument(
            json(
                "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\","
                    + " \"Action\": \"kms:*\", \"Resource\": \"*\"}]}"),
            "identity");
    assertThat(KeyAccess.refusal(namesRole, SESSION, denies, ENCRYPT))
        .contains("with an explicit deny in an identity-based policy");
  }

  @Test
  void aStatementForAnotherPrincipalOrAServiceGivesTheRoleNothing() {
    KeyResource others =
        key(
            statement(
                    "Allow",
                    "{\"AWS\": \"" + LocalAccount.globalArn("iam", "role/Other") + "\"}",
                    "kms:*")
                + ", "
                + statement("Allow", "{\"Service\": \"sns.amazonaws.com\"}", "kms:*"));
    assertThat(KeyAccess.refusal(others, SESSION, ROLE_MAY_ENCRYPT, ENCRYPT)).isPresent();
  }
}

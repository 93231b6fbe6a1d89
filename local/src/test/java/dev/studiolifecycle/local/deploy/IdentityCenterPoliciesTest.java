package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.permissions.IamRequest;
import dev.studiolifecycle.local.permissions.PolicyEvaluator;
import dev.studiolifecycle.local.template.SamTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Identity Center grants of template.yaml: assignments only on the applications
 * StudioApplicationArns names (when it names any), identity store reads only, and the instance
 * lookup only without an IdentityStoreId.
 */
class IdentityCenterPoliciesTest {

  private static final String SERVED =
      "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa";
  private static final String OTHER =
      "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-bbbbbbbbbbbbbbbb";

  private static boolean allows(SamTemplate template, String function, String action, String arn) {
    return PolicyEvaluator.evaluate(
            template.policies(function).statements(),
            new IamRequest(action, arn, Map.of(), "the test"))
        .allowed();
  }

  @Test
  void withStudioApplicationArnsAssignmentsReachOnlyThoseApplications() {
    SamTemplate scoped = ProjectFiles.template(Map.of("StudioApplicationArns", SERVED));
    SamTemplate open = ProjectFiles.template();

    for (String[] grant :
        new String[][] {
          {"CreateUserProfileFunction", "sso:CreateApplicationAssignment"},
          {"RevokeAccessFunction", "sso:DeleteApplicationAssignment"},
          {"RestoreAccessFunction", "sso:CreateApplicationAssignment"},
          {"DeleteUserResourcesFunction", "sso:DeleteApplicationAssignment"}
        }) {
      assertThat(allows(scoped, grant[0], grant[1], SERVED)).as("%s", (Object) grant).isTrue();
      assertThat(allows(scoped, grant[0], grant[1], OTHER)).as("%s", (Object) grant).isFalse();
      assertThat(allows(open, grant[0], grant[1], OTHER))
          .as("without the parameter: this account's applications")
          .isTrue();
    }
  }

  @Test
  void identityStoreGrantsReadAndTheInstanceLookupGoesWithAConfiguredStore() {
    SamTemplate configured = ProjectFiles.template(Map.of("IdentityStoreId", "d-9067c12345"));
    String store = "arn:aws:identitystore::123456789012:identitystore/d-9067c12345";

    assertThat(allows(configured, "ValidateFunction", "identitystore:GetUserId", store)).isTrue();
    assertThat(
            allows(
                configured,
                "ValidateFunction",
                "identitystore:GetUserId",
                "arn:aws:identitystore::123456789012:identitystore/d-0000000000"))
        .isFalse();
    assertThat(allows(configured, "ValidateFunction", "sso:ListInstances", "*")).isFalse();
    assertThat(allows(ProjectFiles.template(), "ValidateFunction", "sso:ListInstances", "*"))
        .isTrue();
    for (String function : ProjectFiles.template().functions().keySet()) {
      for (String write :
          new String[] {
            "identitystore:DeleteUser", "identitystore:CreateUser", "identitystore:UpdateUser"
          }) {
        assertThat(allows(ProjectFiles.template(), function, write, store))
            .as("%s %s", function, write)
            .isFalse();
      }
    }
  }
}

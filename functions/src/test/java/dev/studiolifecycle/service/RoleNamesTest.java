package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleNamesTest {

  private static final String DOMAIN = "d-abc123def456";

  @Test
  void namesTheUserAndTheDomain() {
    assertThat(RoleNames.forUser("jane-doe", DOMAIN)).isEqualTo("studio-jane-doe-abc123def456");
  }

  @Test
  void onePersonInTwoDomainsHasTwoRoles() {
    assertThat(RoleNames.forUser("jane-doe", "d-abc123def456"))
        .isNotEqualTo(RoleNames.forUser("jane-doe", "d-xyz789xyz789"));
  }

  @Test
  void aDomainIdLongerThanSageMakersUsualIsHashed() {
    assertThat(RoleNames.forUser("jane-doe", "d-" + "x".repeat(40)))
        .matches("studio-jane-doe-[0-9a-f]{8}");
  }

  @Test
  void oneNameInAnyCaseIsOneRole() {
    assertThat(RoleNames.forUser("Jane-Doe", DOMAIN)).isEqualTo("studio-jane-doe-abc123def456");
    String longName = "A".repeat(62) + "b";
    assertThat(RoleNames.forUser(longName, DOMAIN))
        .isEqualTo(RoleNames.forUser(longName.toLowerCase(), DOMAIN));
  }

  @Test
  void keepsNamesThatFitExactly() {
    String user = "u".repeat(44);
    assertThat(RoleNames.forUser(user, DOMAIN))
        .isEqualTo("studio-" + user + "-abc123def456")
        .hasSize(64);
  }

  @Test
  void cutsLongNamesAndAddsAHashSoTheyStayUnique() {
    String a = "a".repeat(62) + "1";
    String b = "a".repeat(62) + "2";
    assertThat(RoleNames.forUser(a, DOMAIN))
        .hasSize(64)
        .startsWith("studio-aaaa")
        .matches(".*-[0-9a-f]{8}-abc123def456");
    assertThat(RoleNames.forUser(a, DOMAIN)).isNotEqualTo(RoleNames.forUser(b, DOMAIN));
    assertThat(RoleNames.forUser(a, DOMAIN)).isEqualTo(RoleNames.forUser(a, DOMAIN));
  }

  @Test
  void theNameRolesHadBeforeTheyCarriedTheDomain() {
    assertThat(RoleNames.legacyForUser("Jane-Doe")).isEqualTo("studio-jane-doe");
    assertThat(RoleNames.legacyForUser("a".repeat(63)))
        .hasSize(64)
        .matches("studio-a+-[0-9a-f]{8}");
  }

  @Test
  void readsTheRoleNameFromAnArnWithAPath() {
    assertThat(RoleNames.fromArn("arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane"))
        .isEqualTo("studio-jane");
    assertThat(RoleNames.fromArn("arn:aws:iam::123456789012:role/Plain")).isEqualTo("Plain");
  }

  @Test
  void readsTheRolePathFromAnArn() {
    assertThat(RoleNames.pathFromArn("arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane"))
        .isEqualTo("/studio-lifecycle/");
    assertThat(RoleNames.pathFromArn("arn:aws:iam::123456789012:role/a/b/Role")).isEqualTo("/a/b/");
    assertThat(RoleNames.pathFromArn("arn:aws:iam::123456789012:role/Plain")).isEqualTo("/");
  }
}

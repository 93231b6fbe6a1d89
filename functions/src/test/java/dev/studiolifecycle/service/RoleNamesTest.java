package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleNamesTest {

  @Test
  void prefixesShortUserNames() {
    assertThat(RoleNames.forUser("jane-doe")).isEqualTo("studio-jane-doe");
  }

  @Test
  void oneNameInAnyCaseIsOneRole() {
    assertThat(RoleNames.forUser("Jane-Doe")).isEqualTo("studio-jane-doe");
    String longName = "A".repeat(62) + "b";
    assertThat(RoleNames.forUser(longName)).isEqualTo(RoleNames.forUser(longName.toLowerCase()));
  }

  @Test
  void keepsNamesThatFitExactly() {
    String user = "u".repeat(57);
    assertThat(RoleNames.forUser(user)).isEqualTo("studio-" + user).hasSize(64);
  }

  @Test
  void cutsLongNamesAndAddsAHashSoTheyStayUnique() {
    String a = "a".repeat(62) + "1";
    String b = "a".repeat(62) + "2";
    assertThat(RoleNames.forUser(a))
        .hasSize(64)
        .startsWith("studio-aaaa")
        .matches(".*-[0-9a-f]{8}");
    assertThat(RoleNames.forUser(a)).isNotEqualTo(RoleNames.forUser(b));
    assertThat(RoleNames.forUser(a)).isEqualTo(RoleNames.forUser(a));
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

package dev.studiolifecycle.local.emulator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  private final QueryParameters parameters =
      QueryParameters.of(
          Map.of(
              "RoleName", "jane",
              "Tags.member.1.Key", "a",
              "Tags.member.1.Value", "1",
              "Tags.member.2.Key", "b",
              "Tags.member.2.Value", "2",
              "Tags.member.4.Key", "after-a-gap",
              "PolicyArns.member.1", "arn:1",
              "PolicyArns.member.2", "arn:2"));

  @Test
  void readsListsOfStructuresInIndexOrderUntilTheFirstGap() {
    List<QueryParameters> tags = parameters.members("Tags.member");

    assertThat(tags).hasSize(2);
    assertThat(tags.get(1).get("Key")).contains("b");
    assertThat(tags.get(1).get("Value")).contains("2");
  }

  @Test
  void readsListsOfStringsAndSingleValues() {
    assertThat(parameters.strings("PolicyArns.member")).containsExactly("arn:1", "arn:2");
    assertThat(parameters.get("RoleName")).contains("jane");
    assertThat(parameters.get("Path")).isEmpty();
    assertThat(parameters.toJson().get("Tags.member.1.Key").asText()).isEqualTo("a");
  }
}

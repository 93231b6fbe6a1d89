package dev.studiolifecycle.local.emulator.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonInputTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonInput input(String json) throws Exception {
    return JsonInput.of(MAPPER.readTree(json));
  }

  @Test
  void refusesAMemberOfTheWrongJsonTypeAtOnceNamingItsPath() throws Exception {
    JsonInput input = input("{\"DomainId\": 1, \"UserSettings\": {\"SecurityGroups\": \"sg\"}}");

    assertThatThrownBy(() -> input.optionalString("DomainId", null, 63))
        .isInstanceOf(AwsServiceError.class)
        .hasMessage("Expected a string for member 'domainId' but got NUMBER")
        .extracting(e -> ((AwsServiceError) e).code())
        .isEqualTo("SerializationException");
    assertThatThrownBy(() -> input.optionalObject("DomainId"))
        .hasMessage("Expected an object for member 'domainId' but got NUMBER");
    assertThatThrownBy(
            () -> input.optionalObject("UserSettings").optionalList("SecurityGroups", 0, 5))
        .hasMessage("Expected a list for member 'userSettings.securityGroups' but got STRING");
    assertThatThrownBy(() -> input.optionalInt("UserSettings", 1, 2, 1))
        .hasMessage(
            "Expected an integer for member 'userSettings' but got {\"SecurityGroups\":\"sg\"}");
    assertThatThrownBy(() -> input.optionalBoolean("DomainId"))
        .hasMessage("Expected a boolean for member 'domainId' but got 1");
  }

  @Test
  void treatsAbsentAndNullMembersAlike() throws Exception {
    JsonInput input = input("{\"SpaceName\": null}");

    assertThat(input.optionalString("SpaceName", null, 63)).isNull();
    assertThat(input.optionalObject("SpaceName")).isNull();
    assertThat(input.optionalList("SpaceName", 0, 5)).isEmpty();
    assertThat(input.optionalInt("MaxResults", 1, 100, 10)).isEqualTo(10);
    assertThat(input.optionalBoolean("RecoveryMode")).isFalse();
    input.throwIfInvalid();
  }

  @Test
  void collectsTheViolationsOfNestedMembersWithTheirPaths() throws Exception {
    JsonInput input =
        input(
            "{\"Tags\": [{\"Key\": \"k\"}], \"UserSettings\": {\"ExecutionRole\": \"x\"},"
                + " \"SortOrder\": \"Up\"}");
    input.requiredString("UserProfileName", Pattern.compile("[a-z]+"), 63);
    input.optionalObjectList("Tags", 50).get(0).requiredString("Value", null, 256);
    input
        .optionalObject("UserSettings")
        .optionalString("ExecutionRole", Pattern.compile("arn:.*"), 2048);
    input.optionalEnum("SortOrder", List.of("Ascending", "Descending"));

    assertThatThrownBy(input::throwIfInvalid)
        .isInstanceOf(AwsServiceError.class)
        .hasMessage(
            "4 validation errors detected: Value null at 'userProfileName' failed to satisfy"
                + " constraint: Member must not be null; Value null at 'tags.1.member.value'"
                + " failed to satisfy constraint: Member must not be null; Value 'x' at"
                + " 'userSettings.executionRole' failed to satisfy constraint: Member must satisfy"
                + " regular expression pattern: arn:.*; Value 'Up' at 'sortOrder' failed to"
                + " satisfy constraint: Member must satisfy enum value set: [Ascending,"
                + " Descending]");
  }
}

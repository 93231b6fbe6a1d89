package dev.studiolifecycle.local.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatesInputTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static StatesInput input(String json) throws Exception {
    return new StatesInput(MAPPER.readTree(json));
  }

  @Test
  void refusesAMemberOfTheWrongJsonTypeAtOnce() throws Exception {
    StatesInput input = input("{\"name\": 1, \"maxResults\": \"ten\"}");

    assertThatThrownBy(() -> input.string("name", 80))
        .isInstanceOf(AwsServiceError.class)
        .hasMessage("Member 'name' must be a string, got NUMBER")
        .extracting(e -> ((AwsServiceError) e).code())
        .isEqualTo("SerializationException");
    assertThatThrownBy(() -> input.bool("name", false))
        .hasMessage("Member 'name' must be a boolean, got NUMBER");
    assertThatThrownBy(() -> input.object("name"))
        .hasMessage("Member 'name' must be a structure, got NUMBER");
    assertThatThrownBy(() -> input.array("name"))
        .hasMessage("Member 'name' must be a list, got NUMBER");
    assertThatThrownBy(() -> input.integer("maxResults", 0, 1000, 0))
        .hasMessage("Member 'maxResults' must be an integer, got \"ten\"");
  }

  @Test
  void treatsAbsentAndNullMembersAlike() throws Exception {
    StatesInput input = input("{\"name\": null}");

    assertThat(input.string("name", 80)).isNull();
    assertThat(input.bool("includeChildren", true)).isTrue();
    assertThat(input.object("name")).isNull();
    assertThat(input.array("tags")).isNull();
    assertThat(input.integer("maxResults", 0, 1000, 7)).isEqualTo(7);
    input.check();
  }

  @Test
  void collectsViolationsAndReportsThemTogether() throws Exception {
    StatesInput input = input("{\"name\": \"\", \"statusFilter\": \"DONE\", \"maxResults\": 1001}");
    input.requiredString("stateMachineArn", 256);
    input.requiredString("name", 80);
    input.enumeration("statusFilter", Set.of("SUCCEEDED", "FAILED", "RUNNING"));
    input.integer("maxResults", 0, 1000, 0);

    assertThatThrownBy(input::check)
        .isInstanceOf(AwsServiceError.class)
        .hasMessage(
            "4 validation errors detected: Value null at 'stateMachineArn' failed to satisfy"
                + " constraint: Member must not be null; Value '' at 'name' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1; Value 'DONE'"
                + " at 'statusFilter' failed to satisfy constraint: Member must satisfy enum"
                + " value set: [FAILED, RUNNING, SUCCEEDED]; Value '1001' at 'maxResults' failed"
                + " to satisfy constraint: Member must have value less than or equal to 1000");
  }
}

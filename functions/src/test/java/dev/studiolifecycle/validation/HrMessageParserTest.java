package dev.studiolifecycle.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.error.InvalidHrMessage;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.HrEvent;
import org.junit.jupiter.api.Test;

class HrMessageParserTest {

  @Test
  void readsAHiredEvent() {
    HrEvent event =
        HrMessageParser.parse(
            "{\"eventId\":\"hr-2026-000123\",\"eventType\":\"Employee Hired\","
                + "\"occurredAt\":\"2026-03-02T09:14:58Z\","
                + "\"employee\":{\"userName\":\"jane-doe\",\"email\":\"jane.doe@example.com\","
                + "\"ssoUserName\":\"jane.doe\"},\"studio\":{\"domainId\":\"d-abc\"}}",
            "SNS record 0");
    assertThat(event)
        .isEqualTo(
            new HrEvent(
                "hr-2026-000123",
                Action.ONBOARD,
                "2026-03-02T09:14:58Z",
                "jane-doe",
                "jane.doe@example.com",
                "jane.doe",
                "d-abc",
                null));
  }

  @Test
  void aTransferUpdatesToTheEventsTeamWhichItMustGive() {
    HrEvent event =
        HrMessageParser.parse(
            "{\"eventId\":\"e3\",\"eventType\":\"Employee Transferred\","
                + "\"employee\":{\"userName\":\"frank\",\"team\":\"risk\"}}",
            "SNS record 0");
    assertThat(event.action()).isEqualTo(Action.UPDATE);
    assertThat(event.team()).isEqualTo("risk");
    assertThatThrownBy(
            () ->
                HrMessageParser.parse(
                    "{\"eventId\":\"e3\",\"eventType\":\"Employee Transferred\","
                        + "\"employee\":{\"userName\":\"frank\"}}",
                    "r"))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessage("r: employee.team: is required for Employee Transferred");
    assertThatThrownBy(
            () ->
                HrMessageParser.parse(
                    "{\"eventId\":\"e4\",\"eventType\":\"Employee Hired\","
                        + "\"employee\":{\"userName\":\"frank\",\"team\":\"risk team\"}}",
                    "r"))
        .hasMessage("r: employee.team: must fully match " + FieldRules.TEAM.pattern());
  }

  @Test
  void readsATerminatedEventWithoutStudio() {
    HrEvent event =
        HrMessageParser.parse(
            "{\"eventId\":\"e1\",\"eventType\":\"Employee Terminated\","
                + "\"employee\":{\"userName\":\"jane-doe\"}}",
            "SNS record 0");
    assertThat(event.action()).isEqualTo(Action.OFFBOARD);
    assertThat(event.domainId()).isNull();
  }

  @Test
  void aRehireRestoresAccess() {
    HrEvent event =
        HrMessageParser.parse(
            "{\"eventId\":\"e2\",\"eventType\":\"Employee Rehired\","
                + "\"employee\":{\"userName\":\"jane-doe\"}}",
            "SNS record 0");
    assertThat(event.action()).isEqualTo(Action.RESTORE);
    assertThat(event.userName()).isEqualTo("jane-doe");
  }

  @Test
  void namesEveryBadFieldWithoutRepeatingValues() {
    assertThatThrownBy(
            () ->
                HrMessageParser.parse(
                    "{\"eventType\":\"Employee Promoted\",\"occurredAt\":\"yesterday\","
                        + "\"employee\":{\"email\":\"jane.doe@example.com\"}}",
                    "SNS record 2"))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessage(
            "SNS record 2: eventId: is required; employee.userName: is required; "
                + "eventType: must be Employee Hired, Employee Terminated, Employee Rehired or "
                + "Employee Transferred; "
                + "occurredAt: must be an ISO-8601 timestamp with offset, such as"
                + " 2026-01-02T09:14:58Z")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("jane"));
  }

  @Test
  void rejectsInvalidJsonWithoutQuotingIt() {
    assertThatThrownBy(() -> HrMessageParser.parse("{\"email\":\"jane.doe@example.com\"", "r"))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessage("r: message: is not valid JSON (line 1, column 32)");
  }

  @Test
  void rejectsAKeyGivenTwiceWithoutQuotingIt() {
    String twice =
        "{\"eventId\":\"e1\",\"eventType\":\"Employee Hired\","
            + "\"employee\":{\"userName\":\"jane-doe\",\"userName\":\"root\"}}";
    assertThatThrownBy(() -> HrMessageParser.parse(twice, "r"))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessageStartingWith("r: message: has a key twice in one object (line 1, column ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("userName", "root"));
  }

  @Test
  void rejectsNestingDeeperThanAReaderAllowsWithoutCrashing() {
    String deep = "{\"eventId\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> HrMessageParser.parse(deep, "r"))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessage("r: message: nests deeper, or holds a longer value, than a JSON reader allows");
  }

  @Test
  void rejectsNonObjectsAndWrongTypes() {
    assertThatThrownBy(() -> HrMessageParser.parse("[]", "r"))
        .hasMessage("r: message: must be a JSON object");
    assertThatThrownBy(
            () ->
                HrMessageParser.parse(
                    "{\"eventId\":1,\"eventType\":\"Employee Hired\",\"employee\":\"x\"}", "r"))
        .hasMessage("r: eventId: must be a non-empty string; employee: must be an object");
  }
}

package dev.studiolifecycle.local.eventbridge;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventPatternTest {

  private static final String HIRED =
      """
      {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
       "detail-type": "Employee Hired", "source": "com.example.hr",
       "account": "123456789012", "time": "2026-03-02T09:15:00Z", "region": "us-east-1",
       "resources": ["arn:aws:hr:employee/1", "arn:aws:hr:team/7"],
       "detail": {"eventId": "hr-1", "headcount": 12, "remote": true, "manager": null,
                  "ip": "10.0.3.7",
                  "employee": {"userName": "jane-doe", "email": "jane.doe@example.com"}}}
      """;

  private static boolean matches(String pattern) {
    return EventPattern.parse(json(pattern), "pattern").matches(json(HIRED));
  }

  @Test
  void matchesWhenEveryFieldMatchesOneOfItsValues() {
    assertThat(
            matches(
                "{\"source\": [\"com.example.hr\"], "
                    + "\"detail-type\": [\"Employee Terminated\", \"Employee Hired\"]}"))
        .isTrue();
    assertThat(
            matches(
                "{\"source\": [\"com.example.hr\"], "
                    + "\"detail-type\": [\"Employee Terminated\"]}"))
        .isFalse();
  }

  @Test
  void recursesIntoNestedObjects() {
    assertThat(matches("{\"detail\": {\"employee\": {\"userName\": [\"jane-doe\"]}}}")).isTrue();
    assertThat(matches("{\"detail\": {\"employee\": {\"userName\": [\"john\"]}}}")).isFalse();
  }

  @Test
  void anElementOfAnEventArrayIsEnough() {
    assertThat(matches("{\"resources\": [\"arn:aws:hr:team/7\"]}")).isTrue();
    assertThat(matches("{\"resources\": [\"arn:aws:hr:team/8\"]}")).isFalse();
  }

  @Test
  void matchesNumbersByValueAndBooleansAndNullExactly() {
    assertThat(matches("{\"detail\": {\"headcount\": [12.0]}}")).isTrue();
    assertThat(matches("{\"detail\": {\"headcount\": [\"12\"]}}")).isFalse();
    assertThat(matches("{\"detail\": {\"remote\": [true]}}")).isTrue();
    assertThat(matches("{\"detail\": {\"manager\": [null]}}")).isTrue();
  }

  @Test
  void aMissingFieldMatchesOnlyExistsFalse() {
    assertThat(matches("{\"detail\": {\"employee\": {\"ssoUserName\": [{\"exists\": false}]}}}"))
        .isTrue();
    assertThat(matches("{\"detail\": {\"employee\": {\"ssoUserName\": [{\"exists\": true}]}}}"))
        .isFalse();
    assertThat(
            matches(
                "{\"detail\": {\"employee\": {\"ssoUserName\": "
                    + "[{\"anything-but\": \"x\"}]}}}"))
        .isFalse();
    assertThat(matches("{\"detail\": {\"employee\": {\"email\": [{\"exists\": false}]}}}"))
        .isFalse();
    assertThat(matches("{\"detail\": {\"studio\": {\"domainId\": [{\"exists\": false}]}}}"))
        .as("a field under an object the event lacks is missing too")
        .isTrue();
  }

  @Test
  void existsOrAValueCoversAnOptionalFieldWithAFixedValue() {
    String pattern =
        "{\"detail\": {\"studio\": {\"domainId\": "
            + "[{\"exists\": false}, \"d-studiolocal01\"]}}}";
    EventPattern parsed = EventPattern.parse(json(pattern), "pattern");
    assertThat(parsed.matches(json(HIRED))).isTrue();
    assertThat(
            parsed.matches(
                json("{\"detail\": {\"studio\": {\"domainId\": " + "\"d-studiolocal01\"}}}")))
        .isTrue();
    assertThat(parsed.matches(json("{\"detail\": {\"studio\": {\"domainId\": " + "\"d-other\"}}}")))
        .isFalse();
  }

  @Test
  void prefixSuffixIgnoreCaseAndWildcard() {
    assertThat(matches("{\"source\": [{\"prefix\": \"com.example\"}]}")).isTrue();
    assertThat(matches("{\"source\": [{\"prefix\": {\"equals-ignore-case\": \"COM.EX\"}}]}"))
        .isTrue();
    assertThat(matches("{\"source\": [{\"suffix\": \".hr\"}]}")).isTrue();
    assertThat(matches("{\"source\": [{\"suffix\": \".HR\"}]}")).isFalse();
    assertThat(matches("{\"detail-type\": [{\"equals-ignore-case\": \"employee hired\"}]}"))
        .isTrue();
    assertThat(
            matches(
                "{\"detail\": {\"employee\": {\"email\": "
                    + "[{\"wildcard\": \"*@example.com\"}]}}}"))
        .isTrue();
    assertThat(
            matches(
                "{\"detail\": {\"employee\": {\"email\": "
                    + "[{\"wildcard\": \"*@example.org\"}]}}}"))
        .isFalse();
  }

  @Test
  void anythingButExcludesValuesListsAndPrefixes() {
    assertThat(matches("{\"detail-type\": [{\"anything-but\": \"Employee Terminated\"}]}"))
        .isTrue();
    assertThat(
            matches(
                "{\"detail-type\": [{\"anything-but\": "
                    + "[\"Employee Hired\", \"Employee Terminated\"]}]}"))
        .isFalse();
    assertThat(matches("{\"source\": [{\"anything-but\": {\"prefix\": \"com.\"}}]}")).isFalse();
    assertThat(matches("{\"source\": [{\"anything-but\": {\"suffix\": \".payroll\"}}]}")).isTrue();
    assertThat(
            matches(
                "{\"detail-type\": [{\"anything-but\": "
                    + "{\"equals-ignore-case\": [\"EMPLOYEE HIRED\"]}}]}"))
        .isFalse();
  }

  @Test
  void numericRangesAndCidr() {
    assertThat(matches("{\"detail\": {\"headcount\": [{\"numeric\": [\">\", 10, \"<=\", 12]}]}}"))
        .isTrue();
    assertThat(matches("{\"detail\": {\"headcount\": [{\"numeric\": [\"<\", 12]}]}}")).isFalse();
    assertThat(matches("{\"detail\": {\"ip\": [{\"cidr\": \"10.0.0.0/16\"}]}}")).isTrue();
    assertThat(matches("{\"detail\": {\"ip\": [{\"cidr\": \"10.1.0.0/16\"}]}}")).isFalse();
  }

  @Test
  void orMatchesWhenOneAlternativeDoesAndTheOtherFieldsToo() {
    String either =
        "{\"source\": [\"com.example.hr\"], \"$or\": ["
            + "{\"detail\": {\"eventId\": [{\"exists\": false}]}},"
            + "{\"detail\": {\"employee\": {\"email\": [{\"exists\": true}]}}}]}";
    assertThat(matches(either)).isTrue();
    String neither =
        "{\"source\": [\"com.example.hr\"], \"$or\": ["
            + "{\"detail\": {\"eventId\": [{\"exists\": false}]}},"
            + "{\"detail\": {\"employee\": {\"userName\": [{\"exists\": false}]}}}]}";
    assertThat(matches(neither)).isFalse();
  }

  @Test
  void refusesWhatEventBridgeRefusesNamingThePatternAndTheRule() {
    // The rules and their wording are event-ruler's, the library EventBridge matches with.
    assertThatThrownBy(() -> EventPattern.parse(json("{\"source\": \"com.example.hr\"}"), "p"))
        .isInstanceOf(EventPatternException.class)
        .hasMessageContaining("p: \"source\" must be an object or an array");
    assertThatThrownBy(() -> EventPattern.parse(json("{\"source\": []}"), "p"))
        .hasMessageContaining("p: Empty arrays are not allowed");
    assertThatThrownBy(() -> EventPattern.parse(json("{\"source\": [{\"regex\": \"x\"}]}"), "p"))
        .hasMessageContaining("p: Unrecognized match type regex");
    assertThatThrownBy(() -> EventPattern.parse(json("{\"n\": [{\"numeric\": [\"~\", 1]}]}"), "p"))
        .hasMessageContaining("p: Unrecognized numeric range operator: ~");
    assertThatThrownBy(() -> EventPattern.parse(json("{\"$or\": [{\"a\": [1]}]}"), "p"))
        .hasMessageContaining("p: There must have at least 2 Objects in $or relationship");
    assertThatThrownBy(() -> EventPattern.parse(json("[]"), "p"))
        .hasMessageContaining("p: Filter is not an object");
    assertThatThrownBy(() -> EventPattern.parse(json("{}"), "p"))
        .hasMessageContaining("p: Empty objects are not allowed");
  }

  @Test
  void anAnythingButListMixingNumbersAndStringsIsRefused() {
    // The hand-written matcher took it; EventBridge refuses it.
    assertThatThrownBy(
            () ->
                EventPattern.parse(
                    json("{\"detail\": {\"headcount\": [{\"anything-but\": [11, \"13\"]}]}}"), "p"))
        .isInstanceOf(EventPatternException.class)
        .hasMessageContaining("p: Inside anything but list")
        .hasMessageContaining("mixed type is not supported");
  }

  @Test
  void anExistsFalseUnderAnArrayIsMatchedElementByElement() {
    EventPattern noUserName =
        EventPattern.parse(
            json("{\"detail\": {\"people\": {\"userName\": [{\"exists\": false}]}}}"), "p");
    // The hand-written matcher dropped these two events.
    assertThat(noUserName.matches(json("{\"detail\": {\"people\": []}}"))).isTrue();
    assertThat(noUserName.matches(json("{\"detail\": {\"people\": [1, 2]}}"))).isTrue();
    // ... and took this one, where one element has the field.
    assertThat(
            noUserName.matches(
                json(
                    "{\"detail\": {\"people\": [{\"userName\": \"jane\"}, "
                        + "{\"email\": \"x@example.com\"}]}}")))
        .isFalse();
    assertThat(noUserName.matches(json("{\"detail\": {\"people\": [{\"email\": \"x\"}]}}")))
        .isTrue();
  }
}

package dev.studiolifecycle.local.hr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.eventbridge.BusEvent;
import dev.studiolifecycle.local.eventbridge.EventPatternException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HrEventReaderTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");

  private static Path hr(String name) {
    return Path.of(System.getProperty("studiolifecycle.projectRoot"), "events", "hr", name);
  }

  @Test
  void readsAnEventBridgeEventAsARuleSeesIt() {
    IncomingHrEvent read = HrEventReader.read(hr("employee-hired.json"), NOW);
    assertThat(read)
        .isInstanceOfSatisfying(
            IncomingHrEvent.EventBridge.class,
            bridge -> {
              assertThat(bridge.events())
                  .singleElement()
                  .satisfies(
                      event -> {
                        assertThat(event.eventBusName())
                            .as("an event as a rule sees it names no bus")
                            .isEqualTo(IncomingHrEvent.EventBridge.RULES_BUS);
                        assertThat(event.detailType()).isEqualTo("Employee Hired");
                        assertThat(event.event().at("/detail/eventId").asText())
                            .isEqualTo("hr-2026-000123");
                      });
            });
  }

  @Test
  void turnsPutEventsEntriesIntoTheEventsEventBridgeDelivers() {
    String entries =
        "[{\"Source\": \"com.example.hr\", \"DetailType\": \"Employee Hired\", "
            + "\"EventBusName\": \"arn:aws:events:us-east-1:123456789012:event-bus/hr\", "
            + "\"Detail\": \"{\\\"eventId\\\": \\\"hr-1\\\"}\"}]";
    IncomingHrEvent read = HrEventReader.parse(entries, "entries.json", NOW);
    assertThat(read)
        .isInstanceOfSatisfying(
            IncomingHrEvent.EventBridge.class,
            bridge -> {
              BusEvent event = bridge.events().get(0);
              assertThat(event.eventBusName()).isEqualTo("hr");
              assertThat(event.event().fieldNames())
                  .toIterable()
                  .containsExactlyElementsOf(HrEventReader.ENVELOPE);
              assertThat(event.event().get("time").asText()).isEqualTo("2026-03-02T09:15:00Z");
              assertThat(event.event().at("/detail/eventId").asText()).isEqualTo("hr-1");
              assertThat(event.event().get("account").asText()).isEqualTo("123456789012");
            });
    assertThat(HrEventReader.parse("{\"Entries\": " + entries + "}", "request.json", NOW))
        .isEqualTo(read);
  }

  @Test
  void wrapsAnSnsNotificationIntoTheSnsEventLambdaReceives() {
    IncomingHrEvent notification = HrEventReader.read(hr("employee-hired-sns.json"), NOW);
    IncomingHrEvent redelivered =
        HrEventReader.read(hr("employee-hired-sns-redelivered.json"), NOW);
    assertThat(notification)
        .isInstanceOfSatisfying(
            IncomingHrEvent.Sns.class,
            sns -> {
              assertThat(sns.messages()).isEqualTo(1);
              assertThat(sns.lambdaEvent().at("/Records/0/EventSource").asText())
                  .isEqualTo("aws:sns");
              assertThat(sns.lambdaEvent().at("/Records/0/Sns/SigningCertUrl").asText())
                  .startsWith("https://");
            });
    assertThat(((IncomingHrEvent.Sns) notification).lambdaEvent().at("/Records/0/Sns/Message"))
        .isEqualTo(((IncomingHrEvent.Sns) redelivered).lambdaEvent().at("/Records/0/Sns/Message"));
  }

  @Test
  void acceptsOneSnsEventRecordOnItsOwn() {
    String record =
        "{\"EventSource\": \"aws:sns\", \"Sns\": {\"MessageId\": \"m\", " + "\"Message\": \"{}\"}}";
    assertThat(HrEventReader.parse(record, "record.json", NOW))
        .isInstanceOfSatisfying(
            IncomingHrEvent.Sns.class, sns -> assertThat(sns.messages()).isEqualTo(1));
  }

  @Test
  void namesWhatIsWrongWithAFile() {
    assertThatThrownBy(
            () ->
                HrEventReader.parse(
                    "{\"detail-type\": \"Employee Hired\", " + "\"detail\": {}}", "e.json", NOW))
        .isInstanceOf(EventPatternException.class)
        .hasMessage(
            "e.json: the EventBridge event misses version, id, source, account, time, "
                + "region, resources (EventBridge always sets them)");
    assertThatThrownBy(
            () ->
                HrEventReader.parse(
                    "[{\"Source\": \"s\", \"DetailType\": \"d\", " + "\"Detail\": \"not json\"}]",
                    "e.json",
                    NOW))
        .hasMessageStartingWith("e.json[0].Detail: is not JSON");
    assertThatThrownBy(() -> HrEventReader.parse("{\"Records\": [{\"Sns\": {}}]}", "e.json", NOW))
        .hasMessageStartingWith("e.json: Records[0].Sns.Message: is required");
    assertThatThrownBy(() -> HrEventReader.parse("{\"eventId\": \"hr-1\"}", "e.json", NOW))
        .hasMessageStartingWith("e.json: is not an HR event in a shape this command knows");
    assertThatThrownBy(() -> HrEventReader.parse("{", "e.json", NOW))
        .hasMessageStartingWith("e.json: is not JSON");
  }
}

package dev.studiolifecycle.local.eventbridge;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.template.EventRuleResource;
import dev.studiolifecycle.local.template.RuleTarget;
import dev.studiolifecycle.local.time.VirtualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBusTest {

  private static RuleTarget transformed(String id, String template, Map<String, String> paths) {
    return new RuleTarget(
        id,
        "arn:aws:states:us-east-1:123456789012:stateMachine:m",
        null,
        null,
        paths,
        template,
        3,
        60,
        "arn:aws:sqs:us-east-1:123456789012:dlq",
        null,
        false);
  }

  private static RuleTarget plain(String id) {
    return given(id, "arn:aws:sqs:us-east-1:123456789012:q", null, null);
  }

  /** A target with a constant Input or an InputPath, no retry policy, queue or role. */
  private static RuleTarget given(String id, String arn, String input, String inputPath) {
    return new RuleTarget(id, arn, input, inputPath, null, null, null, null, null, null, false);
  }

  private static BusEvent event(String bus, String detailType) {
    return new BusEvent(
        bus,
        json(
            "{\"version\": \"0\", \"id\": \"e-1\", \"detail-type\": \""
                + detailType
                + "\", \"source\": \"com.example.hr\", \"account\": \"123456789012\", "
                + "\"time\": \"2026-03-02T09:15:00Z\", \"region\": \"us-east-1\", \"resources\": [], "
                + "\"detail\": {\"eventId\": \"hr-1\"}}"));
  }

  private final List<EventRuleResource> rules =
      List.of(
          new EventRuleResource(
              "Hired",
              "hired",
              "default",
              json("{\"detail-type\": [\"Employee Hired\"]}"),
              true,
              List.of(
                  transformed("sm", "{\"requestId\": <id>}", Map.of("id", "$.detail.eventId")),
                  plain("audit"))),
          new EventRuleResource(
              "Any",
              "any",
              "default",
              json("{\"source\": [\"com.example.hr\"]}"),
              false,
              List.of(plain("off"))),
          new EventRuleResource(
              "OtherBus",
              "other",
              "hr",
              json("{\"source\": [\"com.example.hr\"]}"),
              true,
              List.of(plain("hr-bus"))));

  @Test
  void deliversAMatchingEventToEveryTargetOfEveryEnabledRuleOnItsBus() {
    EventBus bus = new EventBus(rules, new VirtualClock());
    List<EventBus.Delivery> deliveries = bus.put(event("default", "Employee Hired"));
    assertThat(deliveries).extracting(d -> d.target().id()).containsExactly("sm", "audit");
    assertThat(deliveries.get(0).input().text()).isEqualTo("{\"requestId\": \"hr-1\"}");
    assertThat(deliveries.get(1).input().json().orElseThrow().get("id").asText()).isEqualTo("e-1");
    assertThat(bus.put(event("hr", "Employee Hired")))
        .extracting(d -> d.target().id())
        .containsExactly("hr-bus");
  }

  @Test
  void anEventNoRuleMatchesGoesNowhere() {
    assertThat(new EventBus(rules, new VirtualClock()).put(event("default", "Employee Promoted")))
        .isEmpty();
  }

  @Test
  void givesConstantInputAndInputPathAsConfigured() {
    RuleTarget constant = given("c", "arn", "{\"fixed\": true}", null);
    RuleTarget path = given("p", "arn", null, "$.detail");
    EventBus bus =
        new EventBus(
            List.of(
                new EventRuleResource(
                    "R",
                    "r",
                    "default",
                    json("{\"source\": [\"com.example.hr\"]}"),
                    true,
                    List.of(constant, path))),
            new VirtualClock());
    List<EventBus.Delivery> deliveries = bus.put(event("default", "Employee Hired"));
    assertThat(deliveries.get(0).input().text()).isEqualTo("{\"fixed\": true}");
    assertThat(deliveries.get(1).input().text()).isEqualTo("{\"eventId\":\"hr-1\"}");
  }

  @Test
  void refusesARuleEventBridgeWouldRefuseNamingIt() {
    assertThatThrownBy(
            () ->
                new EventBus(
                    List.of(
                        new EventRuleResource(
                            "Broken",
                            "b",
                            "default",
                            json("{\"source\": \"com.example.hr\"}"),
                            true,
                            List.of())),
                    new VirtualClock()))
        .isInstanceOf(EventPatternException.class)
        .hasMessageStartingWith("Broken.EventPattern: \"source\" must be an object or an array");
    assertThatThrownBy(
            () ->
                new EventBus(
                    List.of(
                        new EventRuleResource(
                            "Bad",
                            "b",
                            "default",
                            json("{\"source\": [\"x\"]}"),
                            true,
                            List.of(transformed("sm", "{\"a\": <nope>}", Map.of())))),
                    new VirtualClock()))
        .hasMessage(
            "Bad.Targets.sm.InputTransformer.InputTemplate: uses <nope>, which "
                + "InputPathsMap does not define");
  }
}

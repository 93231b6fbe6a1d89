package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.eventbridge.BusEvent;
import dev.studiolifecycle.local.eventbridge.EventBus;
import dev.studiolifecycle.local.eventbridge.EventPath;
import dev.studiolifecycle.local.eventbridge.InputTransformer;
import dev.studiolifecycle.local.eventbridge.PatternPaths;
import dev.studiolifecycle.local.hr.HrEventReader;
import dev.studiolifecycle.local.template.EventRuleResource;
import dev.studiolifecycle.local.template.RuleTarget;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.time.VirtualClock;
import dev.studiolifecycle.validation.RequestSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HR rules of template.yaml: each HR hire or termination for the stack's domain reaches exactly
 * one target (the state machine with a valid input, or the unusable-events queue), and no input
 * transformer reads a path its rule's pattern does not guarantee.
 */
class HrRulesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
  private static final String SOURCE = "com.example.hr";

  /** The bus the stack creates for the HR system (HrEventBusName empty, the default). */
  private static final String HR_BUS =
      ProjectFiles.template().eventRule("HrEventsUnusableRule").orElseThrow().eventBusName();

  private final SamTemplate template = ProjectFiles.template();
  private final String stateMachineArn =
      template.stateMachine(ProjectFiles.STATE_MACHINE).orElseThrow().arn();
  private final RequestSchema schema = RequestSchema.load();

  private static BusEvent hrEvent(
      String detailType,
      boolean eventId,
      boolean userName,
      boolean email,
      boolean sso,
      String domainId) {
    ObjectNode event = ProjectFiles.JSON.createObjectNode();
    event
        .put("version", "0")
        .put("id", "e-1")
        .put("detail-type", detailType)
        .put("source", SOURCE)
        .put("account", "123456789012")
        .put("time", NOW.toString())
        .put("region", "us-east-1")
        .putArray("resources");
    ObjectNode detail = event.putObject("detail");
    if (eventId) {
      detail.put("eventId", "hr-2026-000500");
    }
    detail.put("eventType", detailType).put("occurredAt", "2026-03-02T09:14:00Z");
    ObjectNode employee = detail.putObject("employee");
    if (userName) {
      employee.put("userName", "jane-doe");
    }
    if (email) {
      employee.put("email", "jane.doe@example.com");
    }
    if (sso) {
      employee.put("ssoUserName", "jane.doe");
    }
    if (domainId != null) {
      detail.putObject("studio").put("domainId", domainId);
    }
    return new BusEvent(HR_BUS, event);
  }

  @Test
  void everyHireTerminationAndRehireForTheDomainReachesExactlyOneTarget() {
    EventBus bus = new EventBus(template.eventRules(), new VirtualClock(NOW));
    int cases = 0;
    for (String type : List.of("Employee Hired", "Employee Terminated", "Employee Rehired")) {
      for (int bits = 0; bits < 16; bits++) {
        for (String domain : new String[] {null, ProjectFiles.DOMAIN_ID}) {
          boolean eventId = (bits & 1) != 0;
          boolean userName = (bits & 2) != 0;
          boolean email = (bits & 4) != 0;
          boolean sso = (bits & 8) != 0;
          List<EventBus.Delivery> deliveries =
              bus.put(hrEvent(type, eventId, userName, email, sso, domain));
          String description =
              type
                  + " eventId="
                  + eventId
                  + " userName="
                  + userName
                  + " email="
                  + email
                  + " sso="
                  + sso
                  + " domain="
                  + domain;
          assertThat(deliveries).as(description).hasSize(1);
          EventBus.Delivery delivery = deliveries.get(0);
          boolean usable = eventId && userName && (email || !type.equals("Employee Hired"));
          if (usable) {
            assertThat(delivery.target().arn()).as(description).isEqualTo(stateMachineArn);
            JsonNode input = delivery.input().json().orElseThrow();
            assertThat(schema.violations(input)).as(description).isEmpty();
            assertThat(input.get("requestId").asText()).isEqualTo("hr-2026-000500");
            if (!type.equals("Employee Hired") && domain == null) {
              assertThat(input.has("domainId"))
                  .as(description + ": a termination or rehire naming no domain: every served one")
                  .isFalse();
            } else {
              assertThat(input.get("domainId").asText()).isEqualTo(ProjectFiles.DOMAIN_ID);
            }
            assertThat(input.get("userProfileName").asText()).isEqualTo("jane-doe");
            if (type.equals("Employee Hired")) {
              assertThat(input.get("action").asText()).isEqualTo("ONBOARD");
              assertThat(input.get("email").asText()).isEqualTo("jane.doe@example.com");
              assertThat(input.has("ssoUserName")).as(description).isEqualTo(sso);
              assertThat(input.has("executionRole")).isFalse();
            } else if (type.equals("Employee Terminated")) {
              assertThat(input.get("action").asText()).isEqualTo("OFFBOARD");
              assertThat(input.has("email")).as("no contact data to offboard").isFalse();
              assertThat(input.at("/offboarding/deleteExecutionRole").asBoolean()).isFalse();
            } else {
              assertThat(input.get("action").asText()).isEqualTo("RESTORE");
              assertThat(input.has("email")).as("no contact data to restore").isFalse();
              assertThat(input.has("offboarding")).isFalse();
            }
            assertThat(delivery.input().missingVariables()).isEmpty();
          } else {
            assertThat(delivery.rule().logicalId())
                .as(description)
                .isEqualTo("HrEventsUnusableRule");
          }
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(96);
  }

  @Test
  void eventsForAnotherDomainOrOfAnotherKindStartNothing() {
    EventBus bus = new EventBus(template.eventRules(), new VirtualClock(NOW));
    assertThat(bus.put(hrEvent("Employee Hired", true, true, true, false, "d-otherdomain1")))
        .isEmpty();
    assertThat(bus.put(hrEvent("Employee Promoted", true, true, true, false, null))).isEmpty();
    BusEvent otherSource = hrEvent("Employee Hired", true, true, true, false, null);
    ((ObjectNode) otherSource.event()).put("source", "com.example.payroll");
    assertThat(bus.put(new BusEvent(HR_BUS, otherSource.event()))).isEmpty();
  }

  @Test
  void onlyTheStacksHrBusAndTheHrAccountStartAnything() {
    EventBus bus = new EventBus(template.eventRules(), new VirtualClock(NOW));
    BusEvent hire = hrEvent("Employee Hired", true, true, true, false, null);
    assertThat(HR_BUS).isEqualTo("studio-lifecycle-hr");
    assertThat(bus.put(hire)).hasSize(1);

    assertThat(bus.put(new BusEvent("default", hire.event())))
        .as("anyone may put events on the default bus: it starts nothing")
        .isEmpty();
    ObjectNode otherAccount = hire.event().deepCopy();
    otherAccount.put("account", "999988887777");
    assertThat(bus.put(new BusEvent(HR_BUS, otherAccount))).isEmpty();
  }

  @Test
  void anHrSystemInAnotherAccountIsTheOnlyOneWhoseEventsCount() {
    SamTemplate crossAccount = ProjectFiles.template(Map.of("HrEventAccount", "999988887777"));
    EventBus bus = new EventBus(crossAccount.eventRules(), new VirtualClock(NOW));
    BusEvent hire = hrEvent("Employee Hired", true, true, true, false, null);
    ObjectNode fromHr = hire.event().deepCopy();
    fromHr.put("account", "999988887777");

    assertThat(bus.put(new BusEvent(HR_BUS, fromHr))).hasSize(1);
    assertThat(bus.put(hire)).as("this account is not the HR system's").isEmpty();
  }

  @Test
  void aNamedBusKeepsTheRulesOnIt() {
    SamTemplate onDefault = ProjectFiles.template(Map.of("HrEventBusName", "default"));
    EventBus bus = new EventBus(onDefault.eventRules(), new VirtualClock(NOW));
    BusEvent hire = hrEvent("Employee Hired", true, true, true, false, null);

    assertThat(bus.put(new BusEvent("default", hire.event()))).hasSize(1);
    assertThat(onDefault.resolvedResources()).doesNotContainKey("HrEventBus");
  }

  @Test
  void aStackServingMoreDomainsTakesEventsThatNameOneOfThemAndKeepsIncompleteOnes() {
    SamTemplate twoDomains =
        ProjectFiles.template(Map.of("AdditionalDomainIds", "d-studiolocal02,d-studiolocal03"));
    EventBus bus = new EventBus(twoDomains.eventRules(), new VirtualClock(NOW));
    for (String type : List.of("Employee Hired", "Employee Terminated", "Employee Rehired")) {
      List<EventBus.Delivery> named =
          bus.put(hrEvent(type, true, true, true, false, "d-studiolocal03"));
      assertThat(named).as(type).hasSize(1);
      assertThat(named.get(0).target().arn()).isEqualTo(stateMachineArn);
      JsonNode input = named.get(0).input().json().orElseThrow();
      assertThat(input.get("domainId").asText()).as(type).isEqualTo("d-studiolocal03");
      assertThat(schema.violations(input)).as(type).isEmpty();

      List<EventBus.Delivery> incomplete =
          bus.put(hrEvent(type, false, true, true, false, "d-studiolocal02"));
      assertThat(incomplete)
          .extracting(delivery -> delivery.rule().logicalId())
          .as(type + " without eventId")
          .containsExactly("HrEventsUnusableInMoreDomainsRule");

      assertThat(bus.put(hrEvent(type, true, true, true, false, "d-otherdomain1")))
          .as(type + " for a domain the stack does not serve")
          .isEmpty();
    }
    JsonNode home =
        bus.put(hrEvent("Employee Hired", true, true, true, false, null))
            .get(0)
            .input()
            .json()
            .orElseThrow();
    assertThat(home.get("domainId").asText())
        .as("a hire that names no domain goes to DomainId")
        .isEqualTo(ProjectFiles.DOMAIN_ID);
    assertThat(
            bus.put(hrEvent("Employee Terminated", true, true, true, false, null))
                .get(0)
                .input()
                .json()
                .orElseThrow()
                .has("domainId"))
        .as("a termination that names no domain leaves every served one")
        .isFalse();
  }

  @Test
  void transformersReadOnlyPathsTheirPatternsGuarantee() {
    int checked = 0;
    for (EventRuleResource rule : template.eventRules()) {
      JsonNode pattern = rule.eventPattern();
      for (RuleTarget target : rule.targets()) {
        if (!target.transforms()) {
          continue;
        }
        InputTransformer transformer =
            InputTransformer.of(target.inputPathsMap(), target.inputTemplate(), rule.logicalId());
        for (Map.Entry<String, EventPath> variable : transformer.paths().entrySet()) {
          List<String> fields =
              variable
                  .getValue()
                  .fieldNames()
                  .orElseThrow(
                      () ->
                          new AssertionError(
                              rule.logicalId()
                                  + ": "
                                  + variable.getValue()
                                  + " is not a plain field path"));
          boolean envelope = fields.size() == 1 && HrEventReader.ENVELOPE.contains(fields.get(0));
          assertThat(envelope || PatternPaths.guarantees(pattern, fields))
              .as(
                  "%s: <%s> reads %s, which the pattern does not require",
                  rule.logicalId(), variable.getKey(), variable.getValue())
              .isTrue();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(9);
  }

  @Test
  void roleSettingsComeFromParameters() {
    SamTemplate configured =
        ProjectFiles.template(
            Map.of(
                "HrEventExecutionRoleArn", "arn:aws:iam::123456789012:role/studio-shared",
                "HrEventDeletesExecutionRole", "true",
                "HrEventSource", "com.acme.people"));
    EventBus bus = new EventBus(configured.eventRules(), new VirtualClock(NOW));
    List<JsonNode> inputs = new ArrayList<>();
    for (String type : List.of("Employee Hired", "Employee Terminated")) {
      BusEvent event = hrEvent(type, true, true, true, false, null);
      ((ObjectNode) event.event()).put("source", "com.acme.people");
      bus.put(event).forEach(d -> inputs.add(d.input().json().orElseThrow()));
    }
    assertThat(inputs).hasSize(2);
    assertThat(inputs.get(0).at("/executionRole/arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-shared");
    assertThat(inputs.get(1).at("/offboarding/deleteExecutionRole").asBoolean()).isTrue();
    inputs.forEach(input -> assertThat(schema.violations(input)).isEmpty());
  }

  @Test
  void deliveryToTheStateMachineRetriesAndKeepsWhatFails() {
    for (EventRuleResource rule : template.eventRules()) {
      for (RuleTarget target : rule.targets()) {
        if (!target.arn().equals(stateMachineArn)) {
          continue;
        }
        assertThat(target.maximumRetryAttempts()).as(rule.logicalId()).isPositive();
        assertThat(target.maximumEventAgeSeconds()).as(rule.logicalId()).isPositive();
        assertThat(target.deadLetterQueue())
            .as(rule.logicalId())
            .contains("arn:aws:sqs:us-east-1:123456789012:HrEventsDeadLetterQueue");
      }
    }
  }
}

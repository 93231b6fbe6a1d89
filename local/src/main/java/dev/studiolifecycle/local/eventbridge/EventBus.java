package dev.studiolifecycle.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.template.EventRuleResource;
import dev.studiolifecycle.local.template.RuleTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EventBridge's routing of events to rule targets, for the rules of a template: every enabled rule
 * on the event's bus whose pattern matches sends the event to each of its targets, as the target's
 * input settings make it (the whole event, a constant, an InputPath or an input transformer).
 */
public final class EventBus {

  private final Map<EventRuleResource, EventPattern> rules = new LinkedHashMap<>();
  private final Clock clock;

  /**
   * Builds the bus for some rules.
   *
   * @throws EventPatternException naming the rule whose pattern or transformer EventBridge would
   *     refuse
   */
  public EventBus(List<EventRuleResource> rules, Clock clock) {
    this.clock = clock;
    for (EventRuleResource rule : rules) {
      this.rules.put(
          rule, EventPattern.parse(rule.eventPattern(), rule.logicalId() + ".EventPattern"));
      for (RuleTarget target : rule.targets()) {
        if (target.transforms()) {
          transformer(rule, target);
        }
      }
    }
  }

  /** One target's share of an event: what it receives. */
  public record Delivery(EventRuleResource rule, RuleTarget target, TransformedInput input) {}

  /** The deliveries an event on a bus makes, in rule order; empty when no rule matches. */
  public List<Delivery> put(BusEvent busEvent) {
    List<Delivery> deliveries = new ArrayList<>();
    JsonNode event = busEvent.event();
    rules.forEach(
        (rule, pattern) -> {
          if (!rule.enabled()
              || !rule.eventBusName().equals(busEvent.eventBusName())
              || !pattern.matches(event)) {
            return;
          }
          for (RuleTarget target : rule.targets()) {
            deliveries.add(new Delivery(rule, target, input(rule, target, event)));
          }
        });
    return deliveries;
  }

  private TransformedInput input(EventRuleResource rule, RuleTarget target, JsonNode event) {
    if (target.transforms()) {
      return transformer(rule, target).apply(event, rule.arn(), rule.name(), clock.instant());
    }
    if (target.input() != null) {
      return new TransformedInput(target.input(), List.of());
    }
    if (target.inputPath() != null) {
      EventPath path = EventPath.parse(target.inputPath(), rule.logicalId() + ".InputPath");
      return path.select(event)
          .map(value -> new TransformedInput(value.toString(), List.of()))
          .orElseGet(() -> new TransformedInput("", List.of(target.inputPath())));
    }
    return new TransformedInput(event.toString(), List.of());
  }

  private static InputTransformer transformer(EventRuleResource rule, RuleTarget target) {
    return InputTransformer.of(
        target.inputPathsMap(),
        target.inputTemplate(),
        rule.logicalId() + ".Targets." + target.id() + ".InputTransformer");
  }
}

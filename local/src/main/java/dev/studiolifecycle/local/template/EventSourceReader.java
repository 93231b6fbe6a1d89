package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what starts the template's functions and state machines: EventBridge rules (plain
 * AWS::Events::Rule resources and the rules SAM generates for {@code EventBridgeRule} events) and
 * SNS subscriptions of functions.
 */
final class EventSourceReader {

  /** A rule's Name and a target's Id (EventBridge API reference, PutRule and Target). */
  private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

  /** Targets a rule may have (EventBridge API reference, PutTargets). */
  private static final int MAX_TARGETS = 5;

  /** A target's Input and InputPath (EventBridge API reference, Target). */
  private static final int MAX_INPUT = 8192;

  private static final int MAX_INPUT_PATH = 256;

  private EventSourceReader() {}

  static List<EventRuleResource> rules(JsonNode resources, IntrinsicResolver resolver) {
    List<EventRuleResource> rules = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String logicalId = entry.getKey();
      JsonNode resource = entry.getValue();
      if (!resolver.created(logicalId, resource)) {
        continue;
      }
      String type = resource.path("Type").asText();
      if (type.equals("AWS::Events::Rule")) {
        rules.add(plainRule(logicalId, resource, resolver));
      } else if (type.equals("AWS::Serverless::StateMachine")
          || type.equals("AWS::Serverless::Function")) {
        JsonNode events = resource.path("Properties").path("Events");
        for (Iterator<Map.Entry<String, JsonNode>> e = events.fields(); e.hasNext(); ) {
          Map.Entry<String, JsonNode> event = e.next();
          String eventType = event.getValue().path("Type").asText();
          if (eventType.equals("EventBridgeRule") || eventType.equals("CloudWatchEvent")) {
            rules.add(samRule(logicalId, resource, event.getKey(), event.getValue(), resolver));
          }
        }
      }
    }
    return rules;
  }

  /**
   * The name of the rule SAM makes for the EventBridgeRule or CloudWatchEvent event whose rule's
   * logical id is {@code logicalId} (its RuleName, or the logical id, as the local deployment names
   * it), for a Ref to it; empty when no event of a created resource makes that rule.
   */
  static Optional<String> generatedRuleName(
      JsonNode resources, String logicalId, IntrinsicResolver resolver) {
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> owner = it.next();
      String type = owner.getValue().path("Type").asText();
      if ((!type.equals("AWS::Serverless::StateMachine")
              && !type.equals("AWS::Serverless::Function"))
          || !resolver.created(owner.getKey(), owner.getValue())) {
        continue;
      }
      JsonNode events = owner.getValue().path("Properties").path("Events");
      for (Iterator<Map.Entry<String, JsonNode>> e = events.fields(); e.hasNext(); ) {
        Map.Entry<String, JsonNode> event = e.next();
        String eventType = event.getValue().path("Type").asText();
        if ((eventType.equals("EventBridgeRule") || eventType.equals("CloudWatchEvent"))
            && samTruncated(owner.getKey() + event.getKey(), "").equals(logicalId)) {
          JsonNode name = event.getValue().at("/Properties/RuleName");
          return Optional.of(
              name.isMissingNode()
                  ? logicalId
                  : resolver.resolveString(
                      name,
                      "Resources."
                          + owner.getKey()
                          + ".Properties.Events."
                          + event.getKey()
                          + ".Properties.RuleName"));
        }
      }
    }
    return Optional.empty();
  }

  static List<SnsSubscription> snsSubscriptions(JsonNode resources, IntrinsicResolver resolver) {
    List<SnsSubscription> subscriptions = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode resource = entry.getValue();
      if (!resource.path("Type").asText().equals("AWS::Serverless::Function")
          || !resolver.created(entry.getKey(), resource)) {
        continue;
      }
      JsonNode events = resource.path("Properties").path("Events");
      for (Iterator<Map.Entry<String, JsonNode>> e = events.fields(); e.hasNext(); ) {
        Map.Entry<String, JsonNode> event = e.next();
        if (!event.getValue().path("Type").asText().equals("SNS")) {
          continue;
        }
        String where =
            "Resources." + entry.getKey() + ".Properties.Events." + event.getKey() + ".Properties";
        JsonNode properties = event.getValue().path("Properties");
        JsonNode topic = properties.get("Topic");
        if (topic == null) {
          throw new TemplateException(where + ".Topic: is required");
        }
        JsonNode filter = properties.get("FilterPolicy");
        JsonNode redrive = properties.get("RedrivePolicy");
        subscriptions.add(
            new SnsSubscription(
                entry.getKey(),
                event.getKey(),
                resolver.resolveString(topic, where + ".Topic"),
                filter == null ? null : resolver.resolve(filter, where + ".FilterPolicy"),
                properties.has("FilterPolicyScope")
                    ? resolver.resolveString(
                        properties.get("FilterPolicyScope"), where + ".FilterPolicyScope")
                    : "MessageAttributes",
                redrive == null || !redrive.has("deadLetterTargetArn")
                    ? null
                    : resolver.resolveString(
                        redrive.get("deadLetterTargetArn"),
                        where + ".RedrivePolicy.deadLetterTargetArn")));
      }
    }
    return subscriptions;
  }

  private static EventRuleResource plainRule(
      String logicalId, JsonNode resource, IntrinsicResolver resolver) {
    String where = "Resources." + logicalId + ".Properties";
    JsonNode properties = resource.path("Properties");
    JsonNode pattern = pattern(properties.get("EventPattern"), where + ".EventPattern", resolver);
    List<RuleTarget> targets = new ArrayList<>();
    JsonNode declared = resolver.resolve(properties.get("Targets"), where + ".Targets");
    if (declared.isArray()) {
      for (int i = 0; i < declared.size(); i++) {
        JsonNode target = declared.get(i);
        String at = where + ".Targets[" + i + "]";
        if (!target.has("Arn") || !target.has("Id")) {
          throw new TemplateException(at + ": needs Arn and Id");
        }
        targets.add(
            target(target.get("Id").asText(), target.get("Arn").asText(), target, at, false));
      }
    }
    String name =
        properties.has("Name")
            ? ruleName(
                resolver.resolveString(properties.get("Name"), where + ".Name"), where + ".Name")
            : logicalId;
    return rule(logicalId, name, properties, where, pattern, targets, resolver);
  }

  private static EventRuleResource samRule(
      String ownerId,
      JsonNode owner,
      String eventName,
      JsonNode event,
      IntrinsicResolver resolver) {
    String where = "Resources." + ownerId + ".Properties.Events." + eventName + ".Properties";
    JsonNode properties = resolver.resolve(event.path("Properties"), where);
    JsonNode pattern =
        pattern(event.path("Properties").get("Pattern"), where + ".Pattern", resolver);
    boolean stateMachine = owner.path("Type").asText().equals("AWS::Serverless::StateMachine");
    String ownerArn =
        stateMachine
            ? resolver.resolveString(LocalJson.MAPPER.createObjectNode().put("Ref", ownerId), where)
            : resolver.resolveString(
                LocalJson.MAPPER.createObjectNode().put("Fn::GetAtt", ownerId + ".Arn"), where);
    String targetId =
        properties
            .path("Target")
            .path("Id")
            .asText(
                samTruncated(
                    ownerId + eventName, stateMachine ? "StepFunctionsTarget" : "LambdaTarget"));
    String logicalId = samTruncated(ownerId + eventName, "");
    String name =
        properties.has("RuleName")
            ? ruleName(properties.get("RuleName").asText(), where + ".RuleName")
            : logicalId;
    List<RuleTarget> targets = List.of(target(targetId, ownerArn, properties, where, true));
    return rule(logicalId, name, properties, where, pattern, targets, resolver);
  }

  /** A rule, its bus and state read from {@code properties} (an AWS::Events::Rule's or SAM's). */
  private static EventRuleResource rule(
      String logicalId,
      String name,
      JsonNode properties,
      String where,
      JsonNode pattern,
      List<RuleTarget> targets,
      IntrinsicResolver resolver) {
    checkTargets(targets, where);
    return new EventRuleResource(
        logicalId,
        name,
        bus(properties.get("EventBusName"), where + ".EventBusName", resolver),
        pattern,
        enabled(properties.get("State"), where + ".State", resolver),
        targets);
  }

  /**
   * A rule's targets as PutTargets takes them (EventBridge API reference): each Id 1 to 64 of
   * {@code [.-_A-Za-z0-9]} and unique within the rule, and "up to five (5) targets" a rule.
   */
  private static void checkTargets(List<RuleTarget> targets, String where) {
    if (targets.size() > MAX_TARGETS) {
      throw new TemplateException(
          where
              + ": a rule takes at most "
              + MAX_TARGETS
              + " targets (EventBridge PutTargets), got "
              + targets.size());
    }
    Set<String> ids = new HashSet<>();
    for (RuleTarget target : targets) {
      if (!RULE_NAME.matcher(target.id()).matches()) {
        throw new TemplateException(
            where
                + ": the target Id '"
                + target.id()
                + "' must be 1 to 64 of letters, digits, . - _");
      }
      if (!ids.add(target.id())) {
        throw new TemplateException(where + ": two targets have the Id '" + target.id() + "'");
      }
    }
  }

  /**
   * A rule's logical id, or its target's Id, as SAM writes it: at most 64 characters, the id cut
   * short before {@code suffix} (for a rule's logical id, {@code Event} when it must be cut) so
   * that it fits (SAM translator, {@code generate_valid_target_id} and {@code EventsRule}: "Event
   * Rule Targets Id and Logical Id has maximum 64 characters limit").
   */
  static String samTruncated(String id, String suffix) {
    if (id.length() + suffix.length() <= 64) {
      return id + suffix;
    }
    String cut = suffix.isEmpty() ? "Event" : suffix;
    return id.substring(0, 64 - cut.length()) + cut;
  }

  /** A rule's Name as given (CloudFormation names a rule given none): 1 to 64 of [.-_A-Za-z0-9]. */
  private static String ruleName(String name, String where) {
    if (!RULE_NAME.matcher(name).matches()) {
      throw new TemplateException(
          where + ": '" + name + "' must be 1 to 64 of letters, digits, '.', '-' and '_'");
    }
    return name;
  }

  private static RuleTarget target(
      String id, String arn, JsonNode target, String where, boolean grantedBySam) {
    if (target.has("Input") && text(target.get("Input")).length() > MAX_INPUT) {
      throw new TemplateException(
          where + ".Input: EventBridge takes at most " + MAX_INPUT + " characters of Input");
    }
    if (target.has("InputPath") && target.get("InputPath").asText().length() > MAX_INPUT_PATH) {
      throw new TemplateException(
          where + ".InputPath: EventBridge takes at most " + MAX_INPUT_PATH + " characters");
    }
    JsonNode transformer = target.get("InputTransformer");
    Map<String, String> paths = null;
    String template = null;
    if (transformer != null) {
      JsonNode declaredPaths = transformer.path("InputPathsMap");
      paths = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = declaredPaths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> path = it.next();
        paths.put(path.getKey(), path.getValue().asText());
      }
      JsonNode declaredTemplate = transformer.get("InputTemplate");
      if (declaredTemplate == null || !declaredTemplate.isTextual()) {
        throw new TemplateException(where + ".InputTransformer.InputTemplate: is required");
      }
      template = declaredTemplate.asText();
    }
    int given =
        (target.has("Input") ? 1 : 0)
            + (target.has("InputPath") ? 1 : 0)
            + (transformer != null ? 1 : 0);
    if (given > 1) {
      throw new TemplateException(
          where + ": at most one of Input, InputPath and " + "InputTransformer");
    }
    JsonNode retry = target.path("RetryPolicy");
    RetryPolicies.check(retry, where + ".RetryPolicy");
    JsonNode deadLetter = target.path("DeadLetterConfig").get("Arn");
    return new RuleTarget(
        id,
        arn,
        target.has("Input") ? text(target.get("Input")) : null,
        target.has("InputPath") ? target.get("InputPath").asText() : null,
        paths,
        template,
        retry.has("MaximumRetryAttempts") ? retry.get("MaximumRetryAttempts").asInt() : null,
        retry.has("MaximumEventAgeInSeconds")
            ? retry.get("MaximumEventAgeInSeconds").asInt()
            : null,
        deadLetter == null ? null : deadLetter.asText(),
        target.has("RoleArn") ? target.get("RoleArn").asText() : null,
        grantedBySam);
  }

  private static String text(JsonNode input) {
    return input.isTextual() ? input.asText() : input.toString();
  }

  /** An EventPattern may be JSON or a string holding JSON. */
  private static JsonNode pattern(JsonNode declared, String where, IntrinsicResolver resolver) {
    if (declared == null) {
      throw new TemplateException(where + ": is required");
    }
    JsonNode resolved = resolver.resolve(declared, where);
    JsonNode pattern;
    if (resolved.isTextual()) {
      try {
        pattern = LocalJson.MAPPER.readTree(resolved.asText());
      } catch (JsonProcessingException e) {
        throw new TemplateException(where + ": is not JSON: " + e.getOriginalMessage(), e);
      }
    } else {
      pattern = resolved;
    }
    // EventBridge quotas, "Event pattern size": 2,048 characters by default (raised on request to
    // 4,096): the default, the stricter reading, counted as the pattern's compact JSON.
    int size = pattern.toString().length();
    if (size > MAX_PATTERN_CHARS) {
      throw new TemplateException(
          where
              + ": has "
              + size
              + " characters; EventBridge allows "
              + MAX_PATTERN_CHARS
              + " by default (the Event pattern size quota)");
    }
    return pattern;
  }

  static final int MAX_PATTERN_CHARS = 2048;

  /** The name of the bus a rule is on: its EventBusName (a name or an ARN), or "default". */
  static String bus(JsonNode declared, String where, IntrinsicResolver resolver) {
    if (declared == null) {
      return "default";
    }
    String bus = resolver.resolveString(declared, where);
    int slash = bus.lastIndexOf("event-bus/");
    return slash >= 0 ? bus.substring(slash + "event-bus/".length()) : bus;
  }

  private static boolean enabled(JsonNode declared, String where, IntrinsicResolver resolver) {
    return declared == null || resolver.resolveString(declared, where).equals("ENABLED");
  }
}

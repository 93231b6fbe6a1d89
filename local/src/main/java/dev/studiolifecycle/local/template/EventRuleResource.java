package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import java.util.List;

/**
 * An EventBridge rule of the template: an AWS::Events::Rule, or one that SAM generates for an
 * {@code EventBridgeRule} event of a function or state machine (logical id {@code
 * <resource><event>}, as SAM names it).
 *
 * @param name the rule's Name (RuleName of a SAM event), else its logical id
 * @param eventPattern the pattern with every intrinsic resolved
 */
public record EventRuleResource(
    String logicalId,
    String name,
    String eventBusName,
    JsonNode eventPattern,
    boolean enabled,
    List<RuleTarget> targets) {

  public EventRuleResource {
    eventPattern = eventPattern.deepCopy();
    targets = List.copyOf(targets);
  }

  /** {@code arn:aws:events:<region>:<account>:rule/[<bus>/]<name>} in the {@link LocalAccount}. */
  public String arn() {
    String bus = eventBusName.equals("default") ? "" : eventBusName + "/";
    return LocalAccount.arn("events", "rule/" + bus + name);
  }

  /** Where the rule is declared, for messages. */
  public String where() {
    return logicalId;
  }
}

package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.LocalAccount;
import java.util.Map;

/**
 * CloudFormation's pseudo parameters (User Guide, "Pseudo parameters reference") for one stack:
 * what {@code Ref} of {@code AWS::StackName}, {@code AWS::AccountId} and the others gives.
 */
final class PseudoParameters {

  /** The stack the local deployment makes unless told another name. */
  static final String DEFAULT_STACK_NAME = "studio-lifecycle";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PseudoParameters() {}

  /** The pseudo parameters of the stack {@code stackName} in the local account and region. */
  static Map<String, JsonNode> of(String stackName) {
    return Map.of(
        "AWS::AccountId", JSON.textNode(LocalAccount.ACCOUNT_ID),
        "AWS::Region", JSON.textNode(LocalAccount.REGION),
        "AWS::Partition", JSON.textNode(LocalAccount.PARTITION),
        "AWS::StackName", JSON.textNode(stackName),
        "AWS::URLSuffix", JSON.textNode("amazonaws.com"),
        "AWS::StackId",
            JSON.textNode(
                LocalAccount.arn(
                    "cloudformation",
                    "stack/" + stackName + "/00000000-0000-0000-0000-000000000000")),
        "AWS::NotificationARNs", JSON.arrayNode());
  }
}

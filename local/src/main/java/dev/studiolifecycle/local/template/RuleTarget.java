package dev.studiolifecycle.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A target of an EventBridge rule. At most one of {@code input}, {@code inputPath} and an input
 * transformer ({@code inputPathsMap} with {@code inputTemplate}) is set; absent ones are null.
 *
 * @param maximumRetryAttempts the RetryPolicy's, or null for EventBridge's default (185)
 * @param maximumEventAgeSeconds the RetryPolicy's, or null for EventBridge's default (86400)
 * @param deadLetterArn the DeadLetterConfig's queue ARN, or null
 * @param roleArn the role EventBridge assumes to deliver (a plain rule target's RoleArn), or null
 * @param grantedBySam whether SAM makes the grant the delivery needs: for the target of a
 *     function's or state machine's {@code EventBridgeRule} event it creates the Lambda permission,
 *     or the role that may start the state machine (SAM developer guide, EventBridgeRule)
 */
public record RuleTarget(
    String id,
    String arn,
    String input,
    String inputPath,
    Map<String, String> inputPathsMap,
    String inputTemplate,
    Integer maximumRetryAttempts,
    Integer maximumEventAgeSeconds,
    String deadLetterArn,
    String roleArn,
    boolean grantedBySam) {

  public RuleTarget {
    inputPathsMap =
        inputPathsMap == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(inputPathsMap));
  }

  /** Whether the target has an InputTransformer. */
  public boolean transforms() {
    return inputTemplate != null;
  }

  public Optional<String> deadLetterQueue() {
    return Optional.ofNullable(deadLetterArn);
  }
}

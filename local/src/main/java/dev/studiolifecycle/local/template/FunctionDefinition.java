package dev.studiolifecycle.local.template;

import dev.studiolifecycle.local.LocalAccount;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS::Serverless::Function of the template, with Globals.Function merged in and every intrinsic
 * resolved.
 *
 * @param handler e.g. {@code dev.studiolifecycle.handler.ValidateHandler::handleRequest}
 * @param environment Environment.Variables, as strings
 * @param autoPublishAlias the alias SAM publishes, or null when there is none
 * @param onFailureArn where Lambda sends an asynchronous invocation that failed its retries
 *     (EventInvokeConfig.DestinationConfig.OnFailure.Destination), or null
 * @param architecture {@code x86_64} (Lambda's default) or {@code arm64}: what its run time costs
 * @param asyncRetries how often Lambda retries a failed asynchronous invocation: 0 to 2, by default
 *     2 (EventInvokeConfig's MaximumRetryAttempts, fewer when its MaximumEventAgeInSeconds ends the
 *     event before a retry is due)
 */
public record FunctionDefinition(
    String logicalId,
    String functionName,
    String handler,
    String runtime,
    int timeoutSeconds,
    int memorySize,
    Map<String, String> environment,
    String autoPublishAlias,
    String onFailureArn,
    String architecture,
    int asyncRetries) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 3;
  public static final int DEFAULT_MEMORY_SIZE = 128;

  /** The instruction set architectures a Lambda function may have (API reference, Architecture). */
  public static final List<String> ARCHITECTURES = List.of("x86_64", "arm64");

  public FunctionDefinition {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    if (!ARCHITECTURES.contains(architecture)) {
      throw new IllegalArgumentException(
          "architecture must be one of " + ARCHITECTURES + ", got " + architecture);
    }
    if (asyncRetries < 0 || asyncRetries > 2) {
      throw new IllegalArgumentException("asyncRetries must be 0, 1 or 2, got " + asyncRetries);
    }
  }

  /** Where Lambda sends an asynchronous invocation that failed its retries, if anywhere. */
  public Optional<String> onFailureDestination() {
    return Optional.ofNullable(onFailureArn);
  }

  /** {@code arn:aws:lambda:<region>:<account>:function:<name>} in the {@link LocalAccount}. */
  public String arn() {
    return LocalAccount.arn("lambda", "function:" + functionName);
  }

  /** The ARN of the alias SAM publishes ({@code ...:function:<name>:<alias>}), if any. */
  public Optional<String> aliasArn() {
    return alias().map(alias -> arn() + ":" + alias);
  }

  public Optional<String> alias() {
    return Optional.ofNullable(autoPublishAlias);
  }

  /** The handler's class name: the Handler up to {@code ::}. */
  public String handlerClass() {
    int separator = handler.indexOf("::");
    return separator < 0 ? handler : handler.substring(0, separator);
  }

  /** The handler's method name, when the Handler names one after {@code ::}. */
  public Optional<String> handlerMethod() {
    int separator = handler.indexOf("::");
    return separator < 0 ? Optional.empty() : Optional.of(handler.substring(separator + 2));
  }
}
